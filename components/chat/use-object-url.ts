"use client";

import { useEffect, useMemo } from "react";

/** A blob: URL for a local file while the component showing it is mounted (null for none). */
export function useObjectUrl(file: Blob | null | undefined): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}
