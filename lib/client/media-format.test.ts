import { describe, expect, it } from "vitest";
import {
  accuracyLabel,
  documentLabel,
  fileSizeLabel,
  formatCoordinates,
  inlineKind,
  mediaUrl,
  openStreetMapUrl,
  thumbnailUrl,
} from "./media-format";

describe("fileSizeLabel", () => {
  it("counts bytes below a kilobyte", () => {
    expect(fileSizeLabel(0)).toBe("0 B");
    expect(fileSizeLabel(1)).toBe("1 B");
    expect(fileSizeLabel(812)).toBe("812 B");
    expect(fileSizeLabel(999)).toBe("999 B");
  });

  it("uses SI units with one decimal below 10", () => {
    expect(fileSizeLabel(1000)).toBe("1 kB");
    expect(fileSizeLabel(1500)).toBe("1.5 kB");
    expect(fileSizeLabel(14_200)).toBe("14 kB");
    expect(fileSizeLabel(1_200_000)).toBe("1.2 MB");
    expect(fileSizeLabel(16_000_000)).toBe("16 MB");
    expect(fileSizeLabel(100 * 1000 * 1000)).toBe("100 MB");
    expect(fileSizeLabel(2_500_000_000)).toBe("2.5 GB");
  });

  it("moves to the next unit when rounding reaches 1000", () => {
    expect(fileSizeLabel(999_600)).toBe("1 MB");
    expect(fileSizeLabel(999_400)).toBe("999 kB");
  });

  it("treats nonsense as nothing", () => {
    expect(fileSizeLabel(-5)).toBe("0 B");
    expect(fileSizeLabel(Number.NaN)).toBe("0 B");
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
    expect(documentLabel("image/heic", "IMG_0001")).toBe("Image");
  });

  it("ignores things that are not extensions", () => {
    expect(documentLabel("application/pdf", ".hidden")).toBe("PDF");
    expect(documentLabel("application/pdf", "notes.final draft")).toBe("PDF");
    expect(documentLabel("application/pdf", "weird.extension")).toBe("PDF");
  });

  it("says File when nothing is known", () => {
    expect(documentLabel("application/octet-stream", "data")).toBe("File");
    expect(documentLabel("", "")).toBe("File");
  });
});

describe("formatCoordinates", () => {
  it("writes hemispheres and 5 decimals", () => {
    expect(formatCoordinates(48.8584, 2.2945)).toBe("48.85840° N, 2.29450° E");
    expect(formatCoordinates(-33.856784, 151.215297)).toBe("33.85678° S, 151.21530° E");
    expect(formatCoordinates(40.689247, -74.044502)).toBe("40.68925° N, 74.04450° W");
  });

  it("never writes a southern or western zero", () => {
    expect(formatCoordinates(-0.000001, -0)).toBe("0.00000° N, 0.00000° E");
  });
});

describe("accuracyLabel", () => {
  it("uses metres, then kilometres", () => {
    expect(accuracyLabel(0)).toBe("±0 m");
    expect(accuracyLabel(12.4)).toBe("±12 m");
    expect(accuracyLabel(999.4)).toBe("±999 m");
    expect(accuracyLabel(999.6)).toBe("±1 km");
    expect(accuracyLabel(1200)).toBe("±1.2 km");
    expect(accuracyLabel(15_400)).toBe("±15 km");
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
