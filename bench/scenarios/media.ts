// Media: phone-sized photos uploaded (streamed in, EXIF stripped, hashed, stored, thumbnail and placeholder
// made), the same photos as encrypted uploads (ciphertext: streamed, hashed and stored only, as for an
// end-to-end encrypted chat), documents uploaded (streamed and hashed only), then everything downloaded
// again: a plain photo as the app shows it (its thumbnail, then the photo), an encrypted one as its
// ciphertext (the receiver's app decrypts it and makes no thumbnail request). What it costs the server per
// photo and per MB, and how fast `concurrency` clients get through.
// Uploads go from this process (its CPU counts as the generator's).
import { type Bench, measured, timedPool } from "../lib/bench";
import { cameraPhoto } from "../lib/camera-photo";
import { distribution, round } from "../lib/stats";

interface Sizes {
  photos: number;
  documents: number;
  documentMiB: number;
  concurrency: number;
}

export async function media(bench: Bench, { photos: photoCount, documents: documentCount, documentMiB, concurrency }: Sizes) {
  const [user] = bench.users;
  const auth = { authorization: `Bearer ${user.token}` };
  const upload = async (kind: "image" | "document", bytes: Buffer, name: string, encrypted = false) => {
    const form = new FormData();
    form.append("file_type", kind);
    if (encrypted) form.append("encrypted", "true");
    form.append("file", new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${bench.url}/api/v1/media`, { method: "POST", headers: auth, body: form });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { fileId: string }).fileId;
  };
  const download = async (path: string) => {
    const res = await fetch(`${bench.url}/api/v1/media/${path}`, { headers: auth });
    if (res.status !== 200) throw new Error(`download answered ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };

  // Made before measuring: every photo distinct, so none is deduplicated.
  const photos = await Promise.all(Array.from({ length: photoCount }, cameraPhoto));
  const documents = Array.from({ length: documentCount }, (_, i) => Buffer.alloc(documentMiB * 2 ** 20, i + 1));
  const photoBytes = photos.reduce((n, p) => n + p.length, 0);
  const documentBytes = documents.reduce((n, d) => n + d.length, 0);

  const photoIds: string[] = [];
  const photoRun = await measured(bench, async () => ({
    ms: await timedPool(photos, concurrency, async (p) => void photoIds.push(await upload("image", p, "photo.jpg"))),
  }));
  // The bytes an encrypted photo's upload would carry, as far as the server is concerned: as many, unread.
  const encryptedIds: string[] = [];
  const encryptedRun = await measured(bench, async () => ({
    ms: await timedPool(photos, concurrency, async (p) => void encryptedIds.push(await upload("image", p, "", true))),
  }));
  const documentIds: string[] = [];
  const documentRun = await measured(bench, async () => ({
    ms: await timedPool(documents, concurrency, async (d) => void documentIds.push(await upload("document", d, "file.bin"))),
  }));
  let downloaded = 0;
  const downloadRun = await measured(bench, async () => ({
    ms: await timedPool([...photoIds, ...documentIds], concurrency, async (id) => {
      downloaded += await download(id);
    }),
  }));
  const thumbnailRun = await measured(bench, async () => ({
    ms: await timedPool(photoIds, concurrency, async (id) => void (await download(`${id}/thumbnail`))),
  }));
  // One photo seen in a chat, plain (thumbnail, then the photo) against encrypted (its ciphertext).
  const shownRun = await measured(bench, async () => ({
    ms: await timedPool(photoIds, concurrency, async (id) => {
      await download(`${id}/thumbnail`);
      await download(id);
    }),
  }));
  const shownEncryptedRun = await measured(bench, async () => ({
    ms: await timedPool(encryptedIds, concurrency, async (id) => void (await download(id))),
  }));

  const mib = (bytes: number) => bytes / 2 ** 20;
  return {
    concurrency,
    photoUploads: {
      photos: photoCount,
      averageMiB: round(mib(photoBytes / photoCount)),
      photosPerSecond: round(photoCount / (photoRun.cost.wallMs / 1000)),
      serverCpuMsPerPhoto: round(photoRun.cost.serverCpuMs / photoCount, 0),
      uploadMs: distribution(photoRun.ms),
      cost: photoRun.cost,
    },
    encryptedPhotoUploads: {
      photos: photoCount,
      photosPerSecond: round(photoCount / (encryptedRun.cost.wallMs / 1000)),
      serverCpuMsPerPhoto: round(encryptedRun.cost.serverCpuMs / photoCount, 0),
      uploadMs: distribution(encryptedRun.ms),
    },
    documentUploads: {
      documents: documentCount,
      mibEach: documentMiB,
      mibPerSecond: round(mib(documentBytes) / (documentRun.cost.wallMs / 1000), 1),
      serverCpuMsPerMiB: round(documentRun.cost.serverCpuMs / mib(documentBytes), 1),
      uploadMs: distribution(documentRun.ms),
      cost: documentRun.cost,
    },
    downloads: {
      files: photoIds.length + documentIds.length,
      mibPerSecond: round(mib(downloaded) / (downloadRun.cost.wallMs / 1000), 1),
      serverCpuMsPerMiB: round(downloadRun.cost.serverCpuMs / mib(downloaded), 1),
      downloadMs: distribution(downloadRun.ms),
      cost: downloadRun.cost,
    },
    thumbnails: {
      perSecond: round(photoIds.length / (thumbnailRun.cost.wallMs / 1000), 0),
      serverCpuMsEach: round(thumbnailRun.cost.serverCpuMs / photoIds.length, 2),
      ms: distribution(thumbnailRun.ms),
    },
    photoShown: {
      serverCpuMsPerPhoto: round(shownRun.cost.serverCpuMs / photoIds.length, 1),
      ms: distribution(shownRun.ms),
    },
    encryptedPhotoShown: {
      serverCpuMsPerPhoto: round(shownEncryptedRun.cost.serverCpuMs / encryptedIds.length, 1),
      ms: distribution(shownEncryptedRun.ms),
    },
  };
}
