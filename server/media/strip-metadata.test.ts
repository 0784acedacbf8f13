import { randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripImageMetadata } from "./strip-metadata";

/** Streams `bytes` through the stripper in pieces of `chunkSize`, as an upload arrives. */
const strip = async (bytes: Buffer, chunkSize = bytes.length) => {
  const stripper = stripImageMetadata();
  const out = buffer(stripper);
  for (let at = 0; at < bytes.length; at += chunkSize) stripper.write(bytes.subarray(at, at + chunkSize));
  stripper.end();
  return out;
};
const canvas = () => sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } });
const pixels = (image: Buffer) => sharp(image).raw().toBuffer();
const insert = (into: Buffer, at: number, ...parts: Buffer[]) => Buffer.concat([into.subarray(0, at), ...parts, into.subarray(at)]);
const latin1 = (s: string) => Buffer.from(s, "latin1");

const PRIVATE = "Jane Doe, 12 Elm Street";
const EXIF = { IFD0: { Copyright: PRIVATE }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } };
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${PRIVATE}"/></rdf:RDF></x:xmpmeta>`;

const jpegSegment = (code: number, body: Buffer) => {
  const header = Buffer.of(0xff, code, 0, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
};
/** An Exif APP1 body whose IFD0 holds just an Orientation, in either byte order. */
const exifBody = (order: "II" | "MM", orientation: number) => {
  const tiff = Buffer.alloc(26);
  const le = order === "II";
  const u16 = (value: number, at: number) => (le ? tiff.writeUInt16LE(value, at) : tiff.writeUInt16BE(value, at));
  const u32 = (value: number, at: number) => (le ? tiff.writeUInt32LE(value, at) : tiff.writeUInt32BE(value, at));
  tiff.write(order, 0, "latin1");
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  return Buffer.concat([latin1("Exif\0\0"), tiff]);
};
const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([latin1(type), data])));
  return Buffer.concat([length, latin1(type), data, crc]);
};
const AFTER_IHDR = 8 + 25;
const SOS = Buffer.of(0xff, 0xda);
const EOI = Buffer.of(0xff, 0xd9);
/** Where a JPEG's scans start; after the first, an FF in data is always followed by 00 or RSTn. */
const scanStarts = (jpeg: Buffer) => {
  const starts: number[] = [];
  for (let at = jpeg.indexOf(SOS); at >= 0; at = jpeg.indexOf(SOS, at + 1)) starts.push(at);
  return starts;
};

/**
 * A photo as phones save it: ICC profile, Exif and an MPF index in front, and after the primary image's
 * EOI a second image with an Exif of its own, then more trailing data. `stripped` is the primary
 * image without its Exif and MPF.
 */
const withAppendedImage = async () => {
  const primary = await canvas().jpeg().withIccProfile("p3").withExif(EXIF).toBuffer();
  const exifAt = primary.indexOf(latin1("Exif\0\0")) - 4;
  const exifEnd = exifAt + 2 + primary.readUInt16BE(exifAt + 2);
  const mpf = jpegSegment(0xe2, Buffer.concat([latin1("MPF\0MM\0*\0\0\0\x08"), Buffer.alloc(40)])); // content doesn't matter
  const secondary = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#a37" } })
    .jpeg()
    .withExif(EXIF)
    .toBuffer();
  expect(secondary.includes(PRIVATE)).toBe(true);
  return {
    original: Buffer.concat([insert(primary, exifEnd, mpf), secondary, latin1(`SEFH ${PRIVATE}`)]),
    stripped: Buffer.concat([primary.subarray(0, exifAt), primary.subarray(exifEnd)]),
  };
};

/** Pseudo-random pixels, so that every scan of a progressive JPEG has data, stuffed FF bytes included. */
const noise = () => {
  const data = Buffer.alloc(64 * 48 * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.imul(i + 1, 2654435761) >>> 24;
  return sharp(data, { raw: { width: 64, height: 48, channels: 3 } });
};
const progressive = () => noise().jpeg({ progressive: true }).toBuffer();
/** A progressive JPEG with a comment and an Exif (unparseable, so dropped whole) between two scans. */
const withMetadataBetweenScans = async () => {
  const plain = await progressive();
  const between = scanStarts(plain)[3];
  return insert(plain, between, jpegSegment(0xfe, latin1(PRIVATE)), jpegSegment(0xe1, latin1(`Exif\0\0${PRIVATE}`)));
};

/**
 * A JPEG with a restart marker after every MCU (DRI 1), which sharp can't make. Once the DC predictors
 * restart, every 16×16 MCU of a solid colour is coded alike, so one MCU's entropy-coded data repeats.
 */
const withRestarts = async (mcus: number) => {
  const tile = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#3a7" } })
    .jpeg()
    .toBuffer();
  const sos = tile.indexOf(SOS);
  const dataAt = sos + 2 + tile.readUInt16BE(sos + 2);
  const head = Buffer.from(tile.subarray(0, dataAt));
  head.writeUInt16BE(16 * mcus, tile.indexOf(Buffer.of(0xff, 0xc0)) + 7); // SOF width
  const mcu = tile.subarray(dataAt, -2);
  const data = Array.from({ length: mcus }, (_, i) => (i === 0 ? [mcu] : [Buffer.of(0xff, 0xd0 + ((i - 1) % 8)), mcu]));
  return Buffer.concat([insert(head, sos, jpegSegment(0xdd, Buffer.of(0, 1))), ...data.flat(), EOI]);
};

describe("stripping image metadata", () => {
  it("takes EXIF and its GPS position out of a JPEG, keeping only the orientation", async () => {
    const original = await canvas().jpeg().withExif(EXIF).withMetadata({ orientation: 6 }).toBuffer();
    expect(original.includes(PRIVATE)).toBe(true);
    expect((await sharp(original).metadata()).exif?.length).toBeGreaterThan(200);

    const out = await strip(original);

    expect(out.includes(PRIVATE)).toBe(false);
    const meta = await sharp(out).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif).toEqual(exifBody("MM", 6)); // nothing but the orientation is left
    expect(await pixels(out)).toEqual(await pixels(original));
    // The Exif segment is replaced, in place, by the minimal one; every other byte is the original's.
    const at = original.indexOf(latin1("Exif\0\0")) - 4;
    const end = at + 2 + original.readUInt16BE(at + 2);
    expect(out).toEqual(Buffer.concat([original.subarray(0, at), jpegSegment(0xe1, exifBody("MM", 6)), original.subarray(end)]));
  });

  it("drops XMP, IPTC and comments from a JPEG and leaves the ICC profile and everything else as it was", async () => {
    const plain = await canvas().jpeg().withIccProfile("p3").toBuffer();
    const original = insert(
      plain,
      2,
      Buffer.of(0xff, 0xff), // fill bytes before a marker
      jpegSegment(0xe1, latin1(`http://ns.adobe.com/xap/1.0/\0${XMP}`)),
      jpegSegment(0xe1, latin1(`http://ns.adobe.com/xmp/extension/\0${"0".repeat(40)}${XMP}`)),
      jpegSegment(0xed, latin1(`Photoshop 3.0\x008BIM\x04\x04\0\0${PRIVATE}`)),
      jpegSegment(0xfe, latin1(`taken at ${PRIVATE}`)),
      jpegSegment(0xe1, exifBody("II", 1)), // upright already: nothing to keep
      jpegSegment(0xe1, exifBody("II", 3).subarray(0, 20)), // malformed: dropped
    );

    const out = await strip(original);

    expect(out).toEqual(insert(plain, 2, Buffer.of(0xff, 0xff)));
    const meta = await sharp(out).metadata();
    expect(meta.icc).toEqual((await sharp(plain).metadata()).icc);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
  });

  it("reads a big-endian Exif orientation too", async () => {
    const plain = await canvas().jpeg().toBuffer();
    const out = await strip(insert(plain, 2, jpegSegment(0xe1, Buffer.concat([exifBody("MM", 8), latin1(PRIVATE)]))));
    expect(out).toEqual(insert(plain, 2, jpegSegment(0xe1, exifBody("MM", 8))));
    expect((await sharp(out).metadata()).orientation).toBe(8);
  });

  it("leaves a JPEG without metadata byte for byte, and finds the markers in and after its scans", async () => {
    const plain = await canvas().jpeg().toBuffer();
    expect(await strip(plain)).toEqual(plain);

    // Stray bytes, standalone markers, and scans whose data holds a stuffed FF (FF 00, also after a
    // fill FF) and restart markers: all kept. The comments before, between and after the scans are
    // real markers, and go; so does everything after EOI.
    const markers = Buffer.of(0xff, 0xd8, 0x42, 0xff, 0xd0, 0xff, 0x01);
    const scan = Buffer.of(0xff, 0xda, 0, 2, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd7, 0xff, 0xff, 0x00, 0xff, 0xff, 0xd0, 0x56);
    const comment = jpegSegment(0xfe, latin1(PRIVATE));
    const original = Buffer.concat([markers, comment, scan, comment, scan, Buffer.of(0xff), comment, EOI, comment, scan]);
    const out = await strip(original);
    expect(out).toEqual(Buffer.concat([markers, scan, scan, Buffer.of(0xff), EOI]));
    expect(await strip(original, 1)).toEqual(out);
  });

  it("drops the images and data appended after a JPEG's primary image, and the MPF index to them", async () => {
    const { original, stripped } = await withAppendedImage();
    expect(original.includes(PRIVATE)).toBe(true);

    const out = await strip(original);

    expect(out).toEqual(stripped); // ICC profile included
    expect(out.includes(PRIVATE)).toBe(false);
    expect(out.includes(latin1("MPF\0"))).toBe(false);
    expect((await sharp(out).metadata()).exif).toBeUndefined();
    expect(await pixels(out)).toEqual(await pixels(original));
  });

  it("finds the metadata between the scans of a progressive JPEG, and leaves the scans as they were", async () => {
    const plain = await progressive();
    expect(scanStarts(plain).length).toBeGreaterThan(5);
    expect(plain.includes(Buffer.of(0xff, 0x00))).toBe(true);
    expect(await strip(plain)).toEqual(plain);

    const original = await withMetadataBetweenScans();
    expect(await pixels(original)).toEqual(await pixels(plain));
    const out = await strip(original);
    expect(out).toEqual(plain);
    expect(out.includes(PRIVATE)).toBe(false);
  });

  it("passes a JPEG with restart markers through untouched", async () => {
    const original = await withRestarts(10); // RST0…RST7, then RST0 again
    expect(original.includes(Buffer.of(0xff, 0xd7))).toBe(true);
    expect(await pixels(original)).toEqual(
      await pixels(
        await sharp({ create: { width: 160, height: 16, channels: 3, background: "#3a7" } })
          .jpeg()
          .toBuffer(),
      ),
    );
    expect(await strip(original)).toEqual(original);
    // No restart marker is taken for the start of a segment: the EOI after them is still found.
    expect(await strip(Buffer.concat([original, latin1(PRIVATE)]))).toEqual(original);
  });

  it("drops PNG text, time and eXIf chunks and keeps the rest, CRCs and all", async () => {
    const plain = await canvas().png().toBuffer();
    const withText = insert(
      plain,
      AFTER_IHDR,
      pngChunk("tEXt", latin1(`Author\0${PRIVATE}`)),
      pngChunk("zTXt", latin1("Comment\0\0x")),
      pngChunk("iTXt", latin1(`Description\0\0\0\0\0${PRIVATE}`)),
      pngChunk("tIME", Buffer.of(0x07, 0xe8, 1, 2, 3, 4, 5)),
    );
    expect(await sharp(withText).metadata()).toMatchObject({ format: "png" });
    expect(await strip(withText)).toEqual(plain);

    const withExif = await canvas().png().withExif(EXIF).toBuffer();
    const out = await strip(withExif);
    const at = withExif.indexOf(latin1("eXIf")) - 4;
    const end = at + 12 + withExif.readUInt32BE(at);
    expect(out).toEqual(Buffer.concat([withExif.subarray(0, at), withExif.subarray(end)]));
    expect((await sharp(out).metadata()).exif).toBeUndefined();
    expect(await pixels(out)).toEqual(await pixels(withExif));
  });

  it("blanks WebP EXIF and XMP chunks in place, so the RIFF size stays right", async () => {
    const made = await canvas().webp().withExif(EXIF).withXmp(XMP).toBuffer();
    // Plus an odd-sized XMP chunk (so padded) right after VP8X, ahead of the image data.
    const odd = Buffer.concat([latin1("XMP "), Buffer.of(5, 0, 0, 0), latin1("<x/>!"), Buffer.of(0)]);
    const original = insert(made, 12 + 18, odd);
    original.writeUInt32LE(made.readUInt32LE(4) + odd.length, 4);
    expect(original.includes(PRIVATE)).toBe(true);

    const out = await strip(original);

    // Built independently: each EXIF/XMP chunk renamed JUNK and zero-filled, and VP8X no longer announcing them.
    const expected = Buffer.from(original);
    for (let at = 12; at < expected.length; ) {
      const type = expected.toString("latin1", at, at + 4);
      const size = expected.readUInt32LE(at + 4);
      if (type === "VP8X") expected[at + 8] &= ~0x0c;
      if (type === "EXIF" || type === "XMP ") expected.fill(0, at + 8, at + 8 + size).write("JUNK", at, "latin1");
      at += 8 + size + (size % 2);
    }
    expect(out).toEqual(expected);
    expect(original[20] & 0x0c).toBe(0x0c);
    expect(out.includes(PRIVATE)).toBe(false);
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(await pixels(out)).toEqual(await pixels(original));
  });

  it("passes GIF, other bytes and tiny inputs through unchanged", async () => {
    const gif = await canvas().gif().toBuffer();
    const noise = Buffer.concat([Buffer.of(0), randomBytes(5000)]);
    for (const bytes of [gif, noise, latin1("RIFF"), Buffer.of(0xff), Buffer.alloc(0)]) {
      expect(await strip(bytes)).toEqual(bytes);
      expect(await strip(bytes, 1)).toEqual(bytes);
    }
  });

  it("gives the same bytes however the input is chunked", async () => {
    const samples = [
      await canvas().jpeg().withExif(EXIF).withMetadata({ orientation: 6 }).toBuffer(),
      (await withAppendedImage()).original,
      await withMetadataBetweenScans(),
      await withRestarts(10),
      insert(await canvas().png().toBuffer(), AFTER_IHDR, pngChunk("tEXt", latin1(`Author\0${PRIVATE}`))),
      await canvas().webp().withExif(EXIF).withXmp(XMP).toBuffer(),
    ];
    for (const sample of samples) {
      const whole = await strip(sample);
      expect(whole.length).toBeGreaterThan(100);
      expect(await strip(sample, 1)).toEqual(whole);
      expect(await strip(sample, 7)).toEqual(whole);
    }
  });

  it("turns a cut-short image into a prefix of the stripped whole, leaking nothing", async () => {
    const samples = [
      await canvas().jpeg().withExif(EXIF).withXmp(XMP).withMetadata({ orientation: 6 }).toBuffer(),
      (await withAppendedImage()).original,
      await withMetadataBetweenScans(),
      insert(await canvas().png().toBuffer(), AFTER_IHDR, pngChunk("tEXt", latin1(`Author\0${PRIVATE}`))),
    ];
    for (const sample of samples) {
      const whole = await strip(sample);
      for (let cut = 0; cut <= sample.length; cut++) {
        const out = await strip(sample.subarray(0, cut));
        expect(out.equals(whole.subarray(0, out.length)), `cut at ${cut}`).toBe(true); // toEqual is slow here
        expect(out.includes(PRIVATE)).toBe(false);
      }
    }
  });
});
