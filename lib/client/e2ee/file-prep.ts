// What the sender's device does to a file before it encrypts it, since the server no longer can: a photo
// is drawn upright and encoded again, which leaves its metadata (EXIF with the GPS position, XMP,
// comments) behind, and it gets its displayed size, a 16-pixel blurred placeholder and a 72-pixel thumbnail
// for quotes. A GIF keeps its bytes (encoding it again would stop its animation; GIFs carry no camera
// metadata). A video keeps its bytes and gets its size, placeholder and thumbnail from its first frame; audio gets its waveform (the loudness of
// 48 stretches). Other kinds go as they are. Browser only (createImageBitmap, OffscreenCanvas, a video
// element, OfflineAudioContext).
import type { UploadKind } from "@/lib/contracts/media";
import { PLACEHOLDER_MAX, type SealedFile, THUMBNAIL_SIDE, WAVEFORM_BARS } from "@/lib/contracts/sealed";

/** The bytes to encrypt, and what goes inside the message about them (the key is added once it is encrypted). */
export interface PreparedFile {
  clear: Blob;
  meta: Omit<SealedFile, "key">;
}

const REENCODED = new Set(["image/jpeg", "image/png", "image/webp"]);
const PLACEHOLDER_WIDTH = 16;
const THUMBNAIL_QUALITY = 0.7;
const JPEG_QUALITY = 0.92;

export async function prepareFile(kind: UploadKind, blob: Blob, name: string): Promise<PreparedFile> {
  const mime = blob.type || "application/octet-stream";
  const plain = { mime, name, size: blob.size, width: null, height: null, placeholder: null };
  if (kind === "video") return { clear: blob, meta: { ...plain, ...(await firstFrame(blob)) } };
  if (kind === "audio") return { clear: blob, meta: { ...plain, ...(await waveformOf(blob)) } };
  if (kind !== "image" || typeof createImageBitmap !== "function") return { clear: blob, meta: plain };
  const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" }).catch(() => null);
  if (!bitmap) return { clear: blob, meta: plain };
  try {
    const { width, height } = bitmap;
    const pictures = await picturesOf(bitmap);
    if (!REENCODED.has(mime)) return { clear: blob, meta: { ...plain, width, height, ...pictures } };
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
    const clear = await canvas.convertToBlob({ type: mime, quality: JPEG_QUALITY });
    return { clear, meta: { mime: clear.type, name, size: clear.size, width, height, ...pictures } };
  } finally {
    bitmap.close();
  }
}

/** How long a video may take to show its first frame before it goes without size and placeholder. */
const FRAME_WAIT_MS = 5_000;

/** A video's size and a placeholder of its first frame (nothing if the browser can't play it). */
async function firstFrame(blob: Blob): Promise<Partial<Pick<SealedFile, "width" | "height" | "placeholder" | "thumbnail">>> {
  if (typeof document === "undefined") return {};
  const url = URL.createObjectURL(blob);
  const video = Object.assign(document.createElement("video"), { muted: true, preload: "auto", playsInline: true, src: url });
  try {
    const loaded = await new Promise<boolean>((resolve) => {
      setTimeout(() => resolve(false), FRAME_WAIT_MS);
      video.onloadeddata = () => resolve(true);
      video.onerror = () => resolve(false);
    });
    if (!loaded || !video.videoWidth || !video.videoHeight) return {};
    const frame = await createImageBitmap(video).catch(() => null);
    const pictures = frame ? await picturesOf(frame).finally(() => frame.close()) : { placeholder: null };
    return { width: video.videoWidth, height: video.videoHeight, ...pictures };
  } finally {
    video.removeAttribute("src");
    URL.revokeObjectURL(url);
  }
}

/** Audio decoded this large at most for its waveform (a voice note is far smaller). */
const WAVEFORM_MAX_BYTES = 16 * 1024 * 1024;

/** The loudness (peak, 0-100, the loudest bar 100) of WAVEFORM_BARS equal stretches of the audio; nothing if it can't be decoded. */
async function waveformOf(blob: Blob): Promise<Pick<SealedFile, "waveform">> {
  if (typeof OfflineAudioContext === "undefined" || blob.size > WAVEFORM_MAX_BYTES) return {};
  const audio = await new OfflineAudioContext(1, 1, 8_000).decodeAudioData(await blob.arrayBuffer()).catch(() => null);
  if (!audio || audio.length === 0) return {};
  const samples = audio.getChannelData(0);
  const stretch = Math.max(1, Math.floor(samples.length / WAVEFORM_BARS));
  const peaks = Array.from({ length: Math.min(WAVEFORM_BARS, samples.length) }, (_, bar) => {
    let peak = 0;
    for (let i = bar * stretch; i < (bar + 1) * stretch && i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
    return peak;
  });
  const loudest = Math.max(...peaks) || 1;
  return { waveform: peaks.map((peak) => Math.round((peak / loudest) * 100)) };
}

/** The blurred placeholder (16 pixels wide) and the thumbnail (THUMBNAIL_SIDE at most) of a picture or frame. */
async function picturesOf(bitmap: ImageBitmap): Promise<Pick<SealedFile, "placeholder" | "thumbnail">> {
  const fit = THUMBNAIL_SIDE / Math.max(bitmap.width, bitmap.height);
  const [placeholder, thumbnail] = await Promise.all([
    webpOf(bitmap, PLACEHOLDER_WIDTH / bitmap.width, 0.5),
    webpOf(bitmap, fit, THUMBNAIL_QUALITY),
  ]);
  return { placeholder, ...(thumbnail ? { thumbnail } : {}) };
}

/** A WebP data: URL of the bitmap scaled by `scale` (never enlarged); null if the browser can't make one small enough. */
async function webpOf(bitmap: ImageBitmap, scale: number, quality: number): Promise<string | null> {
  const width = Math.max(1, Math.round(bitmap.width * Math.min(1, scale)));
  const height = Math.max(1, Math.round(bitmap.height * Math.min(1, scale)));
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, width, height);
  const webp = await canvas.convertToBlob({ type: "image/webp", quality }).catch(() => null);
  if (webp?.type !== "image/webp") return null;
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(webp);
  });
  return url.length <= PLACEHOLDER_MAX ? url : null;
}
