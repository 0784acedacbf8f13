import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translator";
import es from "@/messages/es";
import {
  accuracyLabel,
  documentLabel,
  fileSizeLabel,
  formatCoordinates,
  inlineKind,
  isDocumentFamily,
  mediaUrl,
  openStreetMapUrl,
  thumbnailUrl,
} from "./media-format";

const t = translator("system.media");

describe("fileSizeLabel", () => {
  it("counts bytes below a kilobyte", () => {
    expect(fileSizeLabel(0, "en")).toBe("0 B");
    expect(fileSizeLabel(1, "en")).toBe("1 B");
    expect(fileSizeLabel(812, "en")).toBe("812 B");
    expect(fileSizeLabel(999, "en")).toBe("999 B");
  });

  it("uses SI units with one decimal below 10", () => {
    expect(fileSizeLabel(1000, "en")).toBe("1 kB");
    expect(fileSizeLabel(1500, "en")).toBe("1.5 kB");
    expect(fileSizeLabel(14_200, "en")).toBe("14 kB");
    expect(fileSizeLabel(1_200_000, "en")).toBe("1.2 MB");
    expect(fileSizeLabel(16_000_000, "en")).toBe("16 MB");
    expect(fileSizeLabel(100 * 1000 * 1000, "en")).toBe("100 MB");
    expect(fileSizeLabel(2_500_000_000, "en")).toBe("2.5 GB");
  });

  it("moves to the next unit when rounding reaches 1000", () => {
    expect(fileSizeLabel(999_600, "en")).toBe("1 MB");
    expect(fileSizeLabel(999_400, "en")).toBe("999 kB");
  });

  it("treats nonsense as nothing", () => {
    expect(fileSizeLabel(-5, "en")).toBe("0 B");
    expect(fileSizeLabel(Number.NaN, "en")).toBe("0 B");
  });
});

describe("documentLabel", () => {
  it("prefers the extension", () => {
    expect(documentLabel("application/pdf", "report.pdf")).toBe("PDF");
    expect(documentLabel("application/zip", "Quarterly Report.docx")).toBe("DOCX");
    expect(documentLabel("application/octet-stream", "notes.txt")).toBe("TXT");
    expect(documentLabel("application/gzip", "backup.tar.gz")).toBe("GZ");
  });

  it("falls back to the mime type", () => {
    expect(documentLabel("application/pdf", "report")).toBe("PDF");
    expect(documentLabel("application/zip", "archive")).toBe("ZIP");
    expect(documentLabel("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "letter")).toBe("DOCX");
    expect(documentLabel("text/plain; charset=utf-8", "README")).toBe("TXT");
    expect(documentLabel("image/heic", "IMG_0001")).toBe("image");
  });

  it("ignores things that are not extensions", () => {
    expect(documentLabel("application/pdf", ".hidden")).toBe("PDF");
    expect(documentLabel("application/pdf", "notes.final draft")).toBe("PDF");
    expect(documentLabel("application/pdf", "weird.extension")).toBe("PDF");
  });

  it("says File when nothing is known", () => {
    expect(documentLabel("application/octet-stream", "data")).toBe("file");
    expect(documentLabel("", "")).toBe("file");
  });

  it("gives families as ids the page names", () => {
    expect(isDocumentFamily("image")).toBe(true);
    expect(isDocumentFamily("PDF")).toBe(false);
    expect(t("families.file")).toBe("File");
    expect(translator("system.media", "es", es)("families.image")).toBe("Imagen");
  });
});

describe("formatCoordinates", () => {
  it("writes hemispheres and 5 decimals", () => {
    expect(formatCoordinates(t, 48.8584, 2.2945)).toBe("48.85840° N, 2.29450° E");
    expect(formatCoordinates(t, -33.856784, 151.215297)).toBe("33.85678° S, 151.21530° E");
    expect(formatCoordinates(t, 40.689247, -74.044502)).toBe("40.68925° N, 74.04450° W");
  });

  it("never writes a southern or western zero", () => {
    expect(formatCoordinates(t, -0.000001, -0)).toBe("0.00000° N, 0.00000° E");
  });
});

describe("accuracyLabel", () => {
  it("uses metres, then kilometres", () => {
    expect(accuracyLabel(0, "en")).toBe("±0 m");
    expect(accuracyLabel(12.4, "en")).toBe("±12 m");
    expect(accuracyLabel(999.4, "en")).toBe("±999 m");
    expect(accuracyLabel(999.6, "en")).toBe("±1 km");
    expect(accuracyLabel(1200, "en")).toBe("±1.2 km");
    expect(accuracyLabel(15_400, "en")).toBe("±15 km");
  });

  it("writes numbers in the page's language", () => {
    expect(accuracyLabel(1200, "es")).toBe("±1,2 km");
    expect(fileSizeLabel(1500, "es")).toBe("1,5 kB");
    expect(formatCoordinates(translator("system.media", "es", es), 40.689247, -74.044502)).toBe("40,68925° N, 74,04450° O");
  });
});

describe("URLs", () => {
  it("links to OpenStreetMap with a marker", () => {
    expect(openStreetMapUrl(48.8584, 2.2945)).toBe("https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=17/48.8584/2.2945");
    expect(openStreetMapUrl(-33.1234567, -0)).toBe("https://www.openstreetmap.org/?mlat=-33.123457&mlon=0#map=17/-33.123457/0");
  });

  it("encodes file ids", () => {
    expect(mediaUrl("4f3c2a9e-2b1d")).toBe("/api/v1/media/4f3c2a9e-2b1d");
    expect(thumbnailUrl("4f3c2a9e-2b1d")).toBe("/api/v1/media/4f3c2a9e-2b1d/thumbnail");
    expect(mediaUrl("a/b?c")).toBe("/api/v1/media/a%2Fb%3Fc");
    expect(thumbnailUrl("a b")).toBe("/api/v1/media/a%20b/thumbnail");
  });
});

describe("inlineKind", () => {
  it("shows inline only what browsers play, and anything else as a document to download", () => {
    expect(inlineKind("image", "image/jpeg")).toBe("image");
    expect(inlineKind("image", "image/svg+xml")).toBe("document");
    expect(inlineKind("image", "text/html")).toBe("document");
    expect(inlineKind("video", "video/webm")).toBe("video");
    expect(inlineKind("video", "application/x-msdownload")).toBe("document");
    expect(inlineKind("voice", "audio/webm;codecs=opus")).toBe("voice");
    expect(inlineKind("audio", "Audio/MPEG")).toBe("audio");
    expect(inlineKind("document", "image/png")).toBe("document");
  });
});
