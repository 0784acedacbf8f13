// The body of every email, in plain text and in simple HTML built from the same parts, so both say
// exactly the same thing. Everything interpolated into the HTML is escaped. Emails are written in the
// recipient account's language (User.locale), from the catalogs' `email` namespace.
import { DEFAULT_LOCALE, directionOf, type Locale } from "../../lib/i18n/locales";
import { localeOrEnglish, translatorIn } from "../i18n";

export type EmailTranslator = ReturnType<typeof translatorIn<"email">>;

const made = new Map<Locale, EmailTranslator>();

/** The words of emails in a language (an unknown one is English), made once. */
export function emailText(locale: string): EmailTranslator {
  const language = localeOrEnglish(locale);
  let t = made.get(language);
  if (!t) {
    t = translatorIn("email", language);
    made.set(language, t);
  }
  return t;
}

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

/** The email in `locale` (the parts are already in it; this adds the signature and the link's caption). */
export function renderEmail(
  { greeting, lines, action, rows = [], footer = [] }: EmailParts,
  locale: string = DEFAULT_LOCALE,
): EmailContent {
  const language = localeOrEnglish(locale);
  const t = emailText(language);
  const signature = t("layout.signature");
  const rtl = directionOf(language) === "rtl";
  // English stays as it always was (no lang attribute); other languages say theirs, and their direction.
  const htmlAttributes = language === DEFAULT_LOCALE ? "" : ` lang="${language}" dir="${directionOf(language)}"`;
  const text = [
    greeting,
    ...lines,
    ...(rows.length ? [rows.map((r) => `  - ${r}`).join("\n")] : []),
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...footer,
    signature,
  ].join("\n\n");
  const p = (s: string, style = "") => `<p style="margin:0 0 16px;${style}">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html${htmlAttributes}><body style="margin:0;padding:24px;background:#f0f2f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111b21">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px;font-size:15px;line-height:1.5">
${p(greeting)}
${lines.map((l) => p(l)).join("\n")}
${rows.length ? `<ul style="margin:0 0 16px;padding-${rtl ? "right" : "left"}:20px">${rows.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` : ""}
${action ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#008069;color:#ffffff;padding:10px 18px;border-radius:20px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>${p(t("layout.openLink", { url: action.url }), "font-size:13px;color:#54656f;word-break:break-all")}` : ""}
${footer.map((l) => p(l, "font-size:13px;color:#54656f")).join("\n")}
${p(signature, "color:#54656f")}
</div></body></html>`;
  return { text, html };
}
