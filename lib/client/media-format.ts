// How attachments are described in a chat bubble: file sizes, durations, document types, coordinates, and
// the URLs a message's file is fetched from, and how a file another device describes may be shown. Pure
// functions, no DOM.
import { PLAYABLE } from "@/lib/contracts/media";

/** SI units (1 kB = 1000 bytes), as macOS, iOS and WhatsApp count them. */
const SIZE_UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/**
 * A file size in SI units: "812 B", "1.5 kB", "14 kB", "1.2 MB". Below 10 of a unit one decimal is shown
 * (dropped when it is .0), from 10 on whole numbers; a value that rounds up to 1000 moves to the next unit.
 */
export function fileSizeLabel(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return "0 B";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (shown >= 1000 && unit < SIZE_UNITS.length - 1) {
    unit += 1;
    shown = 1;
  }
  return `${shown} ${SIZE_UNITS[unit]}`;
}

/** Short labels of well-known mime types, for files whose name has no usable extension. */
const MIME_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/zip": "ZIP",
  "application/x-zip-compressed": "ZIP",
  "application/gzip": "GZ",
  "application/x-gzip": "GZ",
  "application/x-tar": "TAR",
  "application/x-7z-compressed": "7Z",
  "application/vnd.rar": "RAR",
  "application/x-rar-compressed": "RAR",
  "application/x-bzip2": "BZ2",
  "application/x-xz": "XZ",
  "application/msword": "DOC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.ms-powerpoint": "PPT",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "application/vnd.oasis.opendocument.presentation": "ODP",
  "application/rtf": "RTF",
  "application/epub+zip": "EPUB",
  "application/json": "JSON",
  "application/xml": "XML",
  "text/plain": "TXT",
  "text/csv": "CSV",
  "text/html": "HTML",
  "text/markdown": "MD",
  "text/xml": "XML",
};

/** Generic families for mime types not in the table ("image/heic" is still an image). */
const MIME_FAMILIES: Record<string, string> = { image: "Image", video: "Video", audio: "Audio" };

/**
 * The short type of a document as WhatsApp shows it: the file name's extension in capitals ("PDF", "DOCX",
 * "ZIP"), else a label for its mime type, else "File". Extensions must be 1-5 letters or digits, so
 * "notes.final draft" or ".bashrc" fall through to the mime type.
 */
export function documentLabel(mime: string, fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1];
  const dot = fileName.lastIndexOf(".");
  if (ext && dot > 0) return ext.toUpperCase();
  const type = mime.split(";")[0].trim().toLowerCase();
  const known = MIME_LABELS[type];
  if (known) return known;
  return MIME_FAMILIES[type.split("/")[0]] ?? "File";
}

/** One coordinate to 5 decimals (about a metre) with its hemisphere; a value that rounds to 0 counts as N / E. */
function coordinate(value: number, positive: string, negative: string): string {
  const fixed = Math.abs(value).toFixed(5);
  const hemisphere = value < 0 && Number(fixed) !== 0 ? negative : positive;
  return `${fixed}° ${hemisphere}`;
}

/** "48.85840° N, 2.29450° E". */
export function formatCoordinates(lat: number, lon: number): string {
  return `${coordinate(lat, "N", "S")}, ${coordinate(lon, "E", "W")}`;
}

/** How precise a shared point is: "±12 m", "±1.2 km", "±15 km". */
export function accuracyLabel(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return "±0 m";
  if (Math.round(metres) < 1000) return `±${Math.round(metres)} m`;
  const km = metres / 1000;
  return `±${km < 10 ? Math.round(km * 10) / 10 : Math.round(km)} km`;
}

/** A coordinate for a URL: at most 6 decimals, no trailing zeros, no "-0". */
function urlNumber(value: number): string {
  const n = Number(value.toFixed(6));
  return String(n === 0 ? 0 : n);
}

/** The point on openstreetmap.org with a marker, zoomed to street level. */
export function openStreetMapUrl(lat: number, lon: number): string {
  const la = urlNumber(lat);
  const lo = urlNumber(lon);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}`;
}

/** The whole file (documents download with their name; video and audio can seek, the server answers Range). */
export function mediaUrl(fileId: string): string {
  return `/api/v1/media/${encodeURIComponent(fileId)}`;
}

/** A 480px WebP of an image. */
export function thumbnailUrl(fileId: string): string {
  return `${mediaUrl(fileId)}/thumbnail`;
}

/**
 * How a file another device describes (an encrypted file's claimed type) may be shown: inline only in the
 * formats browsers play, so nothing else (HTML, SVG, a script) is ever rendered; anything else is a
 * document to download. Parameters are ignored ("audio/webm;codecs=opus", what Chromium records, is audio/webm).
 */
export function inlineKind(type: string, mime: string): "image" | "video" | "audio" | "voice" | "document" {
  const base = mime.split(";")[0].trim().toLowerCase();
  const plays = (kind: keyof typeof PLAYABLE) => PLAYABLE[kind].mimes.has(base);
  if (type === "image" && plays("image")) return "image";
  if (type === "video" && plays("video")) return "video";
  if ((type === "audio" || type === "voice") && plays("audio")) return type;
  return "document";
}
