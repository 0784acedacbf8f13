// Renders the app icons the web app manifest lists (public/icons/*.png) from public/icon.svg's drawing.
// Run after changing the logo: `npx tsx scripts/make-icons.ts` (the PNGs are committed).
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const logo = readFileSync(path.join(root, "public/icon.svg"), "utf8");
// The bubble and dots without the rounded tile, to place on a full-bleed background.
const drawing = logo.replace(/^.*?<rect[^>]*\/>/, "").replace(/<\/svg>\s*$/, "");
const brand = "#00a884";

/** A square tile the platform crops itself (maskable, Apple): the drawing shrunk into the central safe zone. */
const fullBleed = (scale: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${brand}"/><g transform="translate(${32 - 32 * scale} ${32 - 32 * scale}) scale(${scale})">${drawing}</g></svg>`;

const icons: [file: string, svg: string, size: number][] = [
  ["icon-192.png", logo, 192],
  ["icon-512.png", logo, 512],
  // Maskable icons may be cropped to a circle of 80% of the width: keep the bubble inside it.
  ["maskable-192.png", fullBleed(0.72), 192],
  ["maskable-512.png", fullBleed(0.72), 512],
  ["apple-touch-icon.png", fullBleed(0.85), 180],
];

for (const [file, svg, size] of icons) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(root, "public/icons", file));
  console.log(`public/icons/${file}`);
}
