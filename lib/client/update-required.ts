// "Update available": set once the server refuses this app's protocol version (the socket handshake's
// connect_error or a REST answer with code `update_required`). From then on the app stops talking to the
// server (its outbox stays in IndexedDB, sent after the reload) and shows a banner with a Reload button.
const listeners = new Set<() => void>();
let required = false;

export const UPDATE_REQUIRED = "update_required";

export function reportUpdateRequired(): void {
  if (required) return;
  required = true;
  for (const listener of listeners) listener();
}

export const isUpdateRequired = (): boolean => required;

/** For useSyncExternalStore: calls `listener` when an update becomes required. */
export function onUpdateRequired(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
