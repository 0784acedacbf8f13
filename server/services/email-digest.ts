// The optional digest of unread messages (off by default): when a user with a verified address and the
// digest on has messages unread for longer than their delay, ONE email lists those chats with their unread
// counts and latest senders, never the messages themselves. What it covered is recorded first, with a
// conditional UPDATE, so with several nodes sweeping only one sends it, and nothing is sent twice.
import { DIGEST_HOURS } from "../../lib/contracts/email";
import type { AppContext } from "../context";
import { emailText, renderEmail } from "../mail/content";
import { type DueDigest, dueDigests } from "../store/digest-sql";
import { readableSummaries } from "./conversation-access";

/** One sweep: sends every digest that is due; returns how many. */
export async function sendDigests(app: AppContext): Promise<number> {
  const { store, now } = app;
  const at = now();
  let sent = 0;
  for (const hours of DIGEST_HOURS) {
    const cutoff = new Date(at.getTime() - hours * 3_600_000);
    const byUser = new Map<string, DueDigest[]>();
    for (const due of await dueDigests(store.reader, hours, cutoff, at)) byUser.set(due.userId, [...(byUser.get(due.userId) ?? []), due]);
    for (const [userId, chats] of byUser) if (await sendDigest(app, userId, hours, cutoff, chats)) sent++;
  }
  return sent;
}

async function sendDigest(app: AppContext, userId: string, hours: number, cutoff: Date, chats: DueDigest[]): Promise<boolean> {
  const { db, env, mailer } = app;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { username: true, email: true, digestCoveredAt: true, locale: true },
  });
  if (!user?.email || !user.digestCoveredAt) return false;
  const claimed = await db.user.updateMany({
    where: { id: userId, digestHours: hours, digestCoveredAt: user.digestCoveredAt },
    data: { digestCoveredAt: cutoff },
  });
  if (claimed.count === 0) return false; // another node's sweep took it, or the settings just changed
  const latest = new Map(chats.map((c) => [c.conversationId, c.latestSenderId]));
  // As the chat list shows them to the user (names as they may see them); not chats with someone they blocked.
  const summaries = (await readableSummaries(app, [...latest.keys()], userId)).map((r) => r.summary).filter((s) => !s.blocked);
  if (!summaries.length) return false;
  const senders = await db.user.findMany({ where: { id: { in: [...new Set(latest.values())] } }, select: { id: true, displayName: true } });
  const nameOf = new Map(senders.map((s) => [s.id, s.displayName]));
  const unread = summaries.reduce((n, s) => n + s.unreadCount, 0);
  // In the user's language (User.locale).
  const t = emailText(user.locale);
  const rows = summaries.map((s) => {
    const title = s.group?.name ?? s.peer?.displayName ?? t("digest.aChat");
    if (s.kind !== "group") return t("digest.chat", { title, count: s.unreadCount });
    const sender = nameOf.get(latest.get(s.id) ?? "") ?? t("digest.someone");
    return t("digest.groupChat", { title, count: s.unreadCount, sender });
  });
  mailer.send({
    kind: "digest",
    to: user.email,
    subject: t("digest.subject", { count: unread }),
    ...renderEmail(
      {
        greeting: t("greeting", { username: user.username }),
        lines: [t("digest.intro", { chats: summaries.length })],
        rows,
        action: { label: t("openChatterbox"), url: env.appUrl },
        footer: [t("digest.footer", { hours })],
      },
      user.locale,
    ),
  });
  return true;
}
