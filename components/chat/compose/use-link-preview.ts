"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { request } from "@/lib/api-client";
import { firstLink, type LinkPreview } from "@/lib/contracts/link-preview";

/** How long typing must pause on a link before its preview is asked for. */
const DEBOUNCE_MS = 600;

export type LinkPreviewDraft = { url: string; preview: LinkPreview | null } | null;

/**
 * The preview of the first link in the draft, as the composer shows it above the box: asked of the server
 * once typing pauses (null while it loads; no draft when the page has none). Nothing is asked while the
 * user's "Link previews" setting is off (read when the first link is typed), nor for a link whose preview
 * was removed (until the next message).
 */
export function useLinkPreview(text: string): { draft: LinkPreviewDraft; remove: () => void; reset: () => void } {
  const link = firstLink(text);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [found, setFound] = useState<ReadonlyMap<string, LinkPreview | null>>(new Map());
  const asked = useRef(new Set<string>());

  useEffect(() => {
    if (!link || enabled !== null) return;
    let live = true;
    request("GET /api/v1/users/me/privacy").then(
      (settings) => live && setEnabled(settings.linkPreviews),
      () => live && setEnabled(false),
    );
    return () => {
      live = false;
    };
  }, [link, enabled]);

  useEffect(() => {
    if (!link || !enabled || removed.has(link) || asked.current.has(link)) return;
    const timer = setTimeout(() => {
      asked.current.add(link);
      request("POST /api/v1/link-previews", { json: { url: link } }).then(
        (preview) => setFound((map) => new Map(map).set(link, preview)),
        // A page without a preview just has none: the message goes as text.
        () => setFound((map) => new Map(map).set(link, null)),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [link, enabled, removed]);

  const remove = useCallback(() => {
    if (link) setRemoved((set) => new Set(set).add(link));
  }, [link]);
  const reset = useCallback(() => setRemoved(new Set()), []);

  const shown = link && enabled && !removed.has(link) && found.get(link) !== null;
  return { draft: shown ? { url: link, preview: found.get(link) ?? null } : null, remove, reset };
}
