// The body of every email, in plain text and in simple HTML built from the same parts, so both say
// exactly the same thing. Everything interpolated into the HTML is escaped.

export interface EmailContent {
  text: string;
  html: string;
}

export interface EmailParts {
  greeting: string;
  /** Paragraphs before the button. */
  lines: string[];
  /** The link the email is about, shown as a button (and as a plain URL in the text part). */
  action?: { label: string; url: string };
  /** Rows of a short table (e.g. chats and their unread counts). */
  rows?: string[];
  /** Paragraphs after the button, in smaller print. */
  footer?: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

export function renderEmail({ greeting, lines, action, rows = [], footer = [] }: EmailParts): EmailContent {
  const text = [
    greeting,
    ...lines,
    ...(rows.length ? [rows.map((r) => `  - ${r}`).join("\n")] : []),
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...footer,
    "— Chatterbox",
  ].join("\n\n");
  const p = (s: string, style = "") => `<p style="margin:0 0 16px;${style}">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f0f2f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111b21">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px;font-size:15px;line-height:1.5">
${p(greeting)}
${lines.map((l) => p(l)).join("\n")}
${rows.length ? `<ul style="margin:0 0 16px;padding-left:20px">${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` : ""}
${action ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#008069;color:#ffffff;padding:10px 18px;border-radius:20px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>${p(`Or open this link: ${action.url}`, "font-size:13px;color:#54656f;word-break:break-all")}` : ""}
${footer.map((l) => p(l, "font-size:13px;color:#54656f")).join("\n")}
${p("— Chatterbox", "color:#54656f")}
</div></body></html>`;
  return { text, html };
}
