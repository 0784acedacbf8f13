// Strips privacy-sensitive metadata (EXIF with its GPS position, XMP, IPTC, comments, text chunks)
// from an uploaded image while it streams, so a photo never tells other people where or when it was
// taken. Nothing is re-encoded: the output is the input's bytes with the metadata segments cut out
// (WebP: blanked in place; JPEG: also everything after the primary image), and at most one metadata
// segment (≤ 64 KiB) is ever held in memory.
// The format is told from the first bytes; anything else (GIF, not an image) passes through as is.
//
// A small pull parser drives it: each Step either reads a few bytes to decide what comes next,
// copies, drops or blanks a run of bytes, or copies up to the next 0xFF, however the input is chunked.
import { Transform, type TransformCallback } from "node:stream";

type Emit = (bytes: Buffer) => void;
type Step =
  /** Gather `size` bytes, then decide what follows (after `peek`, the same bytes are parsed again). */
  | { kind: "read"; size: number; parse: (bytes: Buffer, emit: Emit) => Step; peek?: boolean }
  /** Pass `size` bytes on as they are, leave them out, or replace them with zeros. */
  | { kind: "copy" | "drop" | "blank"; size: number; next: () => Step }
  /** Pass bytes on up to the next 0xFF, take that FF without passing it on, and go on with `next`. */
  | { kind: "scan"; next: () => Step };

const read = (size: number, parse: (bytes: Buffer, emit: Emit) => Step): Step => ({ kind: "read", size, parse });
const copy = (size: number, next: () => Step): Step => ({ kind: "copy", size, next });
const drop = (size: number, next: () => Step): Step => ({ kind: "drop", size, next });
const blank = (size: number, next: () => Step): Step => ({ kind: "blank", size, next });
const copyRest = (): Step => copy(Number.POSITIVE_INFINITY, copyRest);
const dropRest = (): Step => drop(Number.POSITIVE_INFINITY, dropRest);

// Peeks at the first 12 bytes (the longest signature, RIFF….WEBP), then parses them again as the format.
const detect: Step = {
  kind: "read",
  size: 12,
  peek: true,
  parse: (head) => {
    if (head[0] === 0xff && head[1] === 0xd8) return copy(2, jpegMarker);
    if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return copy(8, pngChunk);
    if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return copy(12, webpChunk);
    return copyRest();
  },
};

// --- JPEG: marker segments, with each scan's entropy-coded data copied through up to the marker
// after it (progressive JPEGs have several scans, with tables, and maybe metadata, in between).
// Nothing after the primary image's EOI is kept: phones append more images there (MPF secondary
// images, depth maps, HDR gain maps), each with an Exif of its own, GPS position included, and
// browsers show only the primary image anyway. The MPF APP2 segment that locates those images would
// then point past the end of the file, so it is dropped as well; an APP2 ICC profile stays.
const APP1 = 0xe1; // Exif or XMP (incl. extended XMP)
const APP2 = 0xe2; // ICC profile or MPF
const APP13 = 0xed; // Photoshop IRB with IPTC
const COM = 0xfe;
const EOI = 0xd9;
// FF 00 (an FF in entropy-coded data), TEM, RSTn (restarts within entropy-coded data), SOI
const isStandalone = (code: number) => code <= 0x01 || (code >= 0xd0 && code <= 0xd8);
const EXIF_ID = Buffer.from("Exif\0\0", "latin1");
const MPF_ID = Buffer.from("MPF\0", "latin1");

/**
 * Passes bytes on up to the next marker: after SOS, the scan's entropy-coded data; elsewhere there
 * should be none, but stray bytes are skipped (and kept) the way decoders skip them.
 */
function jpegMarker(): Step {
  return { kind: "scan", next: jpegMarkerCode };
}

function jpegMarkerCode(): Step {
  return read(1, ([code], emit) => {
    if (code === 0xff) {
      emit(Buffer.of(0xff)); // the FF before was a fill byte
      return jpegMarkerCode();
    }
    const marker = Buffer.of(0xff, code);
    if (code === EOI) {
      emit(marker);
      return dropRest();
    }
    if (isStandalone(code)) {
      emit(marker);
      return jpegMarker();
    }
    return read(2, (length, emit) => jpegSegment(code, Buffer.concat([marker, length]), emit));
  });
}

function jpegSegment(code: number, header: Buffer, emit: Emit): Step {
  const bodySize = header.readUInt16BE(2) - 2;
  if (bodySize < 0) {
    emit(header); // broken: carry on at the next marker
    return jpegMarker();
  }
  if (code === APP1) {
    return read(bodySize, (body, emit) => {
      const orientation = exifOrientation(body);
      if (orientation !== undefined && orientation >= 2 && orientation <= 8) emit(orientationSegment(orientation));
      return jpegMarker();
    });
  }
  if (code === APP13 || code === COM) return drop(bodySize, jpegMarker);
  if (code === APP2) {
    return read(Math.min(bodySize, MPF_ID.length), (id, emit) => {
      if (id.equals(MPF_ID)) return drop(bodySize - id.length, jpegMarker);
      emit(Buffer.concat([header, id]));
      return copy(bodySize - id.length, jpegMarker);
    });
  }
  emit(header);
  return copy(bodySize, jpegMarker);
}

/** The Orientation (tag 0x0112, a SHORT) in IFD0 of an APP1 Exif body; undefined if absent or malformed. */
function exifOrientation(body: Buffer): number | undefined {
  if (!body.subarray(0, 6).equals(EXIF_ID)) return undefined;
  const tiff = body.subarray(6);
  if (tiff.length < 8) return undefined;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return undefined;
  const u16 = (at: number) => (order === "II" ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (order === "II" ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  if (u16(2) !== 42 || ifd0 + 2 > tiff.length) return undefined;
  for (let entry = ifd0 + 2, n = u16(ifd0); n > 0 && entry + 12 <= tiff.length; n--, entry += 12) {
    if (u16(entry) === 0x0112) return u16(entry + 2) === 3 && u32(entry + 4) === 1 ? u16(entry + 8) : undefined;
  }
  return undefined;
}

/** An APP1 segment whose Exif holds nothing but the Orientation, so photos still display upright. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26); // big-endian: header, IFD0 with one entry, no next IFD
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count 1
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field; next-IFD offset stays 0
  const header = Buffer.of(0xff, APP1, 0, 0);
  header.writeUInt16BE(2 + EXIF_ID.length + tiff.length, 2);
  return Buffer.concat([header, EXIF_ID, tiff]);
}

// --- PNG: length, type, data, CRC. Kept chunks stream through whole, CRC included.
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

function pngChunk(): Step {
  return read(8, (header, emit) => {
    const rest = header.readUInt32BE(0) + 4; // data and CRC
    const type = header.toString("latin1", 4, 8);
    if (PNG_DROPPED.has(type)) return drop(rest, pngChunk);
    emit(header);
    return copy(rest, type === "IEND" ? copyRest : pngChunk);
  });
}

// --- WebP: the RIFF size up front counts every chunk, so metadata chunks are blanked where they stand
// rather than cut. "JUNK" is RIFF's own filler chunk, which readers of any RIFF format skip; the WebP
// container spec says readers SHOULD ignore unknown chunks, and libwebp (decoder and demuxer) skips
// every FourCC it doesn't know. The VP8X flags then stop announcing EXIF and XMP.
const WEBP_BLANKED = new Set(["EXIF", "XMP "]);
const BLANK_FOURCC = Buffer.from("JUNK", "latin1");
const VP8X_EXIF_AND_XMP = 0x08 | 0x04;

function webpChunk(): Step {
  return read(8, (header, emit) => {
    const type = header.toString("latin1", 0, 4);
    const size = header.readUInt32LE(4);
    const padded = size + (size & 1); // chunks are padded to an even size
    if (WEBP_BLANKED.has(type)) {
      emit(Buffer.concat([BLANK_FOURCC, header.subarray(4)]));
      return blank(padded, webpChunk);
    }
    emit(header);
    if (type !== "VP8X" || size === 0) return copy(padded, webpChunk);
    return read(1, ([flags], emit) => {
      emit(Buffer.of(flags & ~VP8X_EXIF_AND_XMP));
      return copy(padded - 1, webpChunk);
    });
  });
}

class MetadataStripper extends Transform {
  private step: Step = detect;
  private held: Buffer[] = []; // what the current read step has gathered so far
  private heldSize = 0;
  private readonly output: Emit = (bytes) => {
    if (bytes.length > 0) this.push(bytes);
  };

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.feed(chunk);
    done();
  }

  // A stream cut short still comes out as a prefix of what the whole would have: a half-read header
  // or metadata segment is left out, and a file too short to detect is parsed as far as it goes.
  override _flush(done: TransformCallback): void {
    const step = this.step;
    const held = this.takeHeld();
    if (step.kind === "read" && step.peek) {
      this.step = step.parse(held, this.output);
      this.feed(held);
    }
    done();
  }

  private feed(chunk: Buffer): void {
    let input = chunk;
    while (input.length > 0) {
      const step = this.step;
      if (step.kind === "scan") {
        const ff = input.indexOf(0xff);
        this.output(ff < 0 ? input : input.subarray(0, ff));
        if (ff < 0) return;
        input = input.subarray(ff + 1);
        this.step = step.next();
      } else if (step.kind === "read") {
        const taken = input.subarray(0, step.size - this.heldSize);
        this.held.push(taken);
        this.heldSize += taken.length;
        input = input.subarray(taken.length);
        if (this.heldSize < step.size) return;
        const bytes = this.takeHeld();
        this.step = step.parse(bytes, this.output);
        if (step.peek) input = Buffer.concat([bytes, input]);
      } else {
        const taken = input.subarray(0, step.size);
        if (step.kind === "copy") this.output(taken);
        if (step.kind === "blank") this.output(Buffer.alloc(taken.length));
        input = input.subarray(taken.length);
        this.step = taken.length === step.size ? step.next() : { ...step, size: step.size - taken.length };
      }
    }
  }

  private takeHeld(): Buffer {
    const bytes = Buffer.concat(this.held);
    this.held = [];
    this.heldSize = 0;
    return bytes;
  }
}

/** A Transform that passes an image through with its EXIF/XMP/IPTC/comment/text metadata removed. */
export function stripImageMetadata(): Transform {
  return new MetadataStripper();
}
