import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfPageCount } from "./pdf-pages";

const dir = mkdtempSync(path.join(tmpdir(), "cbx-pdf-"));
const file = (name: string, body: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
};
/** A PDF with `pages` page objects under one page tree, `padding` bytes of content stream between objects. */
const pdf = (pages: number, padding = 0) => {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ");
  const objects = Array.from(
    { length: pages },
    (_, i) =>
      `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\nstream\n${"x".repeat(padding)}\nendstream\n`,
  ).join("");
  return `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n${objects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`;
};

describe("pdfPageCount", () => {
  it("reads the page tree's count", async () => {
    expect(await pdfPageCount(file("three.pdf", pdf(3)))).toBe(3);
    expect(await pdfPageCount(file("one.pdf", pdf(1)))).toBe(1);
  });

  it("takes the root's count over a subtree's, whichever order the keys are in", async () => {
    const nested =
      "%PDF-1.4\n2 0 obj << /Count 12 /Kids [4 0 R 5 0 R] /Type /Pages >> endobj\n4 0 obj << /Type /Pages /Parent 2 0 R /Count 5 >> endobj\n%%EOF";
    expect(await pdfPageCount(file("nested.pdf", nested))).toBe(12);
  });

  it("counts page objects when the tree says nothing, across chunk boundaries, each once", async () => {
    // No /Count anywhere; 40 pages with ~20 kB between them, so objects straddle the 256 kB reads.
    const body = pdf(40, 20_000).replace(/\/Count \d+/, "");
    expect(await pdfPageCount(file("many.pdf", body))).toBe(40);
  });

  it("says nothing for a PDF whose pages are compressed away, or for anything else", async () => {
    expect(
      await pdfPageCount(
        file("compressed.pdf", "%PDF-1.7\n1 0 obj << /Type /ObjStm /N 40 /Filter /FlateDecode >> stream\n...\nendstream\n%%EOF"),
      ),
    ).toBeNull();
    expect(await pdfPageCount(file("empty.pdf", ""))).toBeNull();
  });
});
