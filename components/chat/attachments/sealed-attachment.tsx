"use client";

import { ShieldAlert } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { FileTampered } from "@/lib/crypto/failures";
import { useMessagingEngine } from "../use-messaging";
import { useObjectUrl } from "../use-object-url";

/** Where an encrypted file stands on this device: being downloaded and decrypted, open, or not openable. */
type SealedFileState = { status: "opening" } | { status: "open"; url: string } | { status: "failed"; reason: string; retry?: () => void };

/** Why a file couldn't be opened: keys of attachments.sealed. */
type Failure = "tampered" | "unreachable";

/**
 * An encrypted file's clear bytes as a blob: URL: downloaded, checked and decrypted by the engine when
 * `eager` (photos, video, audio), or when `open` is called (documents, on Download).
 */
export function useSealedFile(message: Pick<ChatMessage, "file">, eager: boolean) {
  const t = useTranslations("attachments.sealed");
  const engine = useMessagingEngine();
  const [blob, setBlob] = useState<Blob | null>(null);
  const [failure, setFailure] = useState<{ reason: Failure; again: boolean } | null>(null);
  const open = useCallback(async (): Promise<Blob | null> => {
    setFailure(null);
    try {
      const clear = await engine.openFile(message);
      setBlob(clear);
      return clear;
    } catch (error) {
      setFailure(error instanceof FileTampered ? { reason: "tampered", again: false } : { reason: "unreachable", again: true });
      return null;
    }
  }, [engine, message]);
  useEffect(() => {
    if (eager) void open();
  }, [eager, open]);
  const url = useObjectUrl(blob);
  const state: SealedFileState = failure
    ? { status: "failed", reason: t(failure.reason), ...(failure.again ? { retry: () => void open() } : {}) }
    : url
      ? { status: "open", url }
      : { status: "opening" };
  return { state, open };
}

/** In place of a file that can't be opened: why, and Try again when that may help. Never the bytes. */
export function SealedFileFailure({ reason, retry }: { reason: string; retry?: () => void }) {
  const t = useTranslations("attachments.sealed");
  return (
    <div className="-mx-1 -mt-0.5 mb-1 flex w-[300px] max-w-[calc(100%+0.5rem)] items-start gap-2.5 rounded-md bg-black/5 px-3 py-2.5 dark:bg-white/5">
      <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-danger" />
      <div className="min-w-0 text-[13px] leading-5">
        <p role="alert" className="text-ink">
          {reason}
        </p>
        {retry && (
          <button type="button" onClick={retry} className="font-medium text-brand-strong hover:underline dark:text-brand">
            {t("tryAgain")}
          </button>
        )}
      </div>
    </div>
  );
}
