// How attachments are described in a chat bubble: file sizes, durations, document types, coordinates, and
// the URLs a message's file is fetched from, and how a file another device describes may be shown. Pure
// functions, no DOM. Numbers are written in the page's language (`locale`); words come from its catalog
// (messages/<locale>/system.json, "media").
import { PLAYABLE } from "@/lib/contracts/media";
import type { Translator } from "@/lib/i18n/catalog";

/** The attachments' words (messages/<locale>/system.json, "media"). */
export type MediaText = Translator<"system.media">;

/** SI units (1 kB = 1000 bytes), as macOS, iOS and WhatsApp count them. */
const SIZE_UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/**
 * A file size in SI units: "812 B", "1.5 kB", "14 kB", "1.2 MB" ("1,5 kB" in Spanish: the units are the
 * same everywhere). Below 10 of a unit one decimal is shown (dropped when it is .0), from 10 on whole
 * numbers; a value that rounds up to 1000 moves to the next unit.
 */
export function fileSizeLabel(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return `${(0).toLocaleString(locale)} B`;
  if (bytes < 1000) return `${Math.round(bytes).toLocaleString(locale)} B`;
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
  return `${shown.toLocaleString(locale)} ${SIZE_UNITS[unit]}`;
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

/** Generic families for files with no short type, named by the catalog (`families.<id>`: "Image", "File"...). */
export const DOCUMENT_FAMILIES = ["image", "video", "audio", "file"] as const;
export type DocumentFamily = (typeof DOCUMENT_FAMILIES)[number];

/** Whether a documentLabel is a family's id (lowercase) rather than a short type ("PDF"). */
export const isDocumentFamily = (label: string): label is DocumentFamily => DOCUMENT_FAMILIES.includes(label as DocumentFamily);

/** Families for mime types not in the table ("image/heic" is still an image). */
const MIME_FAMILIES: Record<string, DocumentFamily> = { image: "image", video: "video", audio: "audio" };

/**
 * The short type of a document as WhatsApp shows it: the file name's extension in capitals ("PDF", "DOCX",
 * "ZIP"), else a label for its mime type, else the id of its family ("image", else "file"), which the page
 * names in its language (isDocumentFamily, `families.<id>` of MediaText). Extensions must be 1-5 letters or
 * digits, so "notes.final draft" or ".bashrc" fall through to the mime type.
 */
export function documentLabel(mime: string, fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1];
  const dot = fileName.lastIndexOf(".");
  if (ext && dot > 0) return ext.toUpperCase();
  const type = mime.split(";")[0].trim().toLowerCase();
  const known = MIME_LABELS[type];
  if (known) return known;
  return MIME_FAMILIES[type.split("/")[0]] ?? "file";
}

/** One coordinate to 5 decimals (about a metre) with its hemisphere; a value that rounds to 0 counts as N / E. */
function coordinate(t: MediaText, value: number, positive: "north" | "east", negative: "south" | "west"): string {
  const fixed = Number(Math.abs(value).toFixed(5));
  return t(`hemispheres.${value < 0 && fixed !== 0 ? negative : positive}`, { value: fixed });
}

/** "48.85840° N, 2.29450° E". */
export function formatCoordinates(t: MediaText, lat: number, lon: number): string {
  return t("coordinates", { latitude: coordinate(t, lat, "north", "south"), longitude: coordinate(t, lon, "east", "west") });
}

/** How precise a shared point is: "±12 m", "±1.2 km", "±15 km", with the page's language's numbers and units. */
export function accuracyLabel(metres: number, locale: string): string {
  const length = (value: number, unit: "meter" | "kilometer") =>
    `±${new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value)}`;
  if (!Number.isFinite(metres) || metres < 0) return length(0, "meter");
  if (Math.round(metres) < 1000) return length(Math.round(metres), "meter");
  const km = metres / 1000;
  return length(km < 10 ? Math.round(km * 10) / 10 : Math.round(km), "kilometer");
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
