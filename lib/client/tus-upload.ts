// The browser's file uploader: resumable uploads with the tus protocol (tus-js-client) to
// /api/v1/media/uploads. The outbox keeps the upload's URL, so after a dropped connection or a reload the
// upload continues from the last byte the server has. The session cookie authenticates it.

import { DetailedError, Upload } from "tus-js-client";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import type { UploadedFile } from "@/lib/contracts/media";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "@/lib/contracts/protocol";
import { errorText, text } from "@/lib/i18n/text";
import { type FileUploader, UploadRefused } from "./outbox-flush";
import { reportUpdateRequired, UPDATE_REQUIRED } from "./update-required";

const ENDPOINT = "/api/v1/media/uploads";
/** Parts of at most this size, so a proxy's body limit or a drop mid-part costs little. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Statuses worth retrying; any other 4xx is the server refusing the file (too large, wrong kind...). */
const TRANSIENT = new Set([408, 409, 423, 429]);

export const tusUpload: FileUploader = (item, events, signal) => {
  const pending = item.upload;
  if (!pending) return Promise.reject(new UploadRefused(text("clientErrors.upload.nothing")));
  return new Promise<string>((resolve, reject) => {
    // An encrypted file goes as its ciphertext, under no name (its name is inside the message).
    const { sealed } = pending;
    const upload = new Upload(sealed ? sealed.ciphertext : pending.blob, {
      endpoint: ENDPOINT,
      uploadUrl: pending.uploadUrl ?? null,
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1_000, 3_000, 5_000],
      // The outbox remembers the URL itself (per message, in IndexedDB): no fingerprints in localStorage.
      storeFingerprintForResuming: false,
      metadata: sealed ? { file_type: pending.kind, encrypted: "true" } : { file_type: pending.kind, filename: pending.fileName },
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      onUploadUrlAvailable: () => upload.url && events.created(upload.url),
      onProgress: (sent, total) => events.progress(total ? sent / total : 0),
      onSuccess: ({ lastResponse }) => {
        try {
          resolve((JSON.parse(lastResponse.getBody()) as UploadedFile).fileId);
        } catch {
          reject(new Error("The server's answer to the upload was unreadable"));
        }
      },
      onError: (error) => reject(refusal(error) ?? error),
    });
    signal.addEventListener("abort", () => void upload.abort().finally(() => reject(new DOMException("Cancelled", "AbortError"))), {
      once: true,
    });
    upload.start();
  });
};

/** The server's reason, when it refused the upload for good (retrying the same bytes would fail again). */
function refusal(error: Error): UploadRefused | null {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  const status = response?.getStatus() ?? 0;
  if (status < 400 || status >= 500 || TRANSIENT.has(status)) return null;
  try {
    const body = JSON.parse(response?.getBody() ?? "") as { error?: ApiErrorBody };
    // Not the file's fault: the app is too old for the server. The item waits in the outbox for the reload.
    if (body.error?.code === UPDATE_REQUIRED) {
      reportUpdateRequired();
      return null;
    }
    if (body.error?.message) return new UploadRefused(errorText(body.error));
  } catch {}
  return new UploadRefused(text("clientErrors.upload.refused", { status }));
}
