// Unsent text per chat, kept while another chat is open (in this tab's memory only: a draft of an end-to-end
// encrypted chat is never written anywhere in the clear). The chat list shows "Draft: ..." for them.

const drafts = new Map<string, string>();
const listeners = new Set<() => void>();

/** The chat's unsent text ("" when none). */
export const draftOf = (conversationId: string): string => drafts.get(conversationId) ?? "";

export function setDraft(conversationId: string, text: string): void {
  if (draftOf(conversationId) === text) return;
  if (text.trim()) drafts.set(conversationId, text);
  else drafts.delete(conversationId);
  for (const listener of listeners) listener();
}

export function subscribeDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
