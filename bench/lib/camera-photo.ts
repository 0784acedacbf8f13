// A photo as a phone's camera sends it, for the benchmarks that upload or prepare photos.
import sharp from "sharp";

/**
 * 2016x1512, noisy enough to weigh ~1.2 MB, with EXIF (the camera's make) and a GPS position; each one distinct. (sharp writes
 * Orientation 1 whatever `withExif` asks: the photo is upright.)
 */
export const cameraPhoto = () =>
  sharp({ create: { width: 2016, height: 1512, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 24 } } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: "BenchPhone", Orientation: "6" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" } })
    .toBuffer();

/** GPSLatitude 48/1 51/1 24/1 as the EXIF stores it (three unsigned rationals, in either byte order). */
export const GPS_LATITUDE_BYTES = [false, true].map((littleEndian) => {
  const view = new DataView(new ArrayBuffer(24));
  for (const [i, n] of [48, 1, 51, 1, 24, 1].entries()) view.setUint32(i * 4, n, littleEndian);
  return Buffer.from(view.buffer);
});
