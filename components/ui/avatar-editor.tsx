"use client";

import { Camera, Trash2 } from "lucide-react";
import { type ChangeEvent, useRef } from "react";
import { useTranslations } from "use-intl";
import { AVATAR_MAX_BYTES, type ImageLabel } from "@/lib/contracts/users";
import { Avatar } from "./avatar";
import { Button } from "./button";
import { Spinner } from "./spinner";

/** The names of an editor's controls, e.g. "Change profile photo", "Remove photo", "Profile photo file", "Uploading photo". */
export interface AvatarEditorLabels {
  change: string;
  remove: string;
  file: string;
  busy: string;
}

/**
 * A large avatar or group icon with a button that picks a new image and, while there is one, a button that
 * removes it. Files over the upload limit are refused here, before anything is sent.
 */
export function AvatarEditor({
  src,
  name,
  group = false,
  kind,
  labels,
  busy = false,
  disabled = false,
  onPick,
  onRemove,
  onError,
}: {
  src: string | null;
  name: string;
  group?: boolean;
  /** What the picture is called in the size error. */
  kind: ImageLabel;
  labels: AvatarEditorLabels;
  /** An upload or removal is running: the avatar shows a spinner. */
  busy?: boolean;
  disabled?: boolean;
  onPick: (file: File) => void;
  onRemove: () => void;
  onError: (message: string) => void;
}) {
  const t = useTranslations("system.media");
  const fileInput = useRef<HTMLInputElement>(null);

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > AVATAR_MAX_BYTES) return onError(t(`imageTooLarge.${kind}`));
    onPick(file);
  }

  return (
    <div className="flex flex-col items-center gap-3">
      <div className="relative">
        <Avatar src={src} name={name} size="lg" group={group} />
        {busy && (
          <span className="absolute inset-0 flex items-center justify-center rounded-full bg-black/40 text-white">
            <Spinner label={labels.busy} />
          </span>
        )}
      </div>
      <div className="flex flex-wrap justify-center gap-1">
        <Button variant="plain" className="px-3!" onClick={() => fileInput.current?.click()} disabled={busy || disabled}>
          <Camera aria-hidden className="size-4" /> {labels.change}
        </Button>
        {src && (
          <Button variant="plain" className="px-3!" onClick={onRemove} disabled={busy || disabled}>
            <Trash2 aria-hidden className="size-4" /> {labels.remove}
          </Button>
        )}
      </div>
      <input ref={fileInput} type="file" accept="image/*" className="hidden" aria-label={labels.file} onChange={onChange} />
    </div>
  );
}
