// Reports of users and groups: the reporter's chat as they saw it, for the server's admins to review.
import { randomUUID } from "node:crypto";
import type { CreateReport, Report, ReportedMessage } from "../../lib/contracts/privacy";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { userRows } from "../store/account-sql";
import { messageIn } from "../store/message-sql";
import { requireAdmin } from "./admins";
import { readableBy } from "./conversation-access";
import { setBlocked } from "./privacy";
import { toPublicUser } from "./public-user";

/** How many reports the admin page lists (open ones first, newest first). */
const LIST_LIMIT = 200;

/**
 * Files a report of a chat the reporter is (or was) in: its other person, or the group. The messages are
 * stored as the reporter may see them, from the seqs their client sent (at most five); `block` also
 * blocks the reported person.
 */
export async function createReport(app: AppContext, reporterId: string, input: CreateReport): Promise<{ id: string }> {
  const { conversationId, reason, seqs, block, plaintext } = input;
  const { store, db, limits } = app;
  // Before any read: a flood of reports would otherwise push the real ones out of the admins' list.
  await limits.reports.take(reporterId);
  const { window } = await readableBy(app, conversationId, reporterId);
  const conversation = await store.conversation(conversationId);
  if (!conversation) throw new AppError("not_found", { key: "errors.chats.notFound" });
  const targetUserId =
    conversation.kind === "direct"
      ? ((await db.conversationMember.findFirst({ where: { conversationId, userId: { not: reporterId } }, select: { userId: true } }))
          ?.userId ?? null)
      : null;
  const seen = [...new Set(seqs)].filter((seq) => seq > window.from && seq <= window.to).sort((a, b) => a - b);
  const found = (await Promise.all(seen.map((seq) => messageIn(store.reader, conversationId, seq, reporterId)))).flatMap((m) =>
    m && m.type !== "system" && m.type !== "deleted" ? [m] : [],
  );
  const names = new Map((await userRows(store.reader, [...new Set(found.map((m) => m.senderId))])).map((u) => [u.id, u.displayName]));
  // An encrypted message reads as the reporter's app showed it (the server has only ciphertext).
  const shown = new Map(plaintext.map((p) => [p.seq, p]));
  const messages: ReportedMessage[] = found.map((m) => {
    const clear = m.type === "encrypted" ? shown.get(m.seq) : undefined;
    return {
      seq: m.seq,
      senderId: m.senderId,
      senderName: names.get(m.senderId) ?? "",
      type: clear ? clear.type : m.type,
      text: clear ? clear.text : m.text,
      createdAt: m.createdAt,
    };
  });
  const id = randomUUID();
  await db.report.create({ data: { id, reporterId, targetUserId, conversationId, reason, messages: JSON.stringify(messages) } });
  if (block && targetUserId) await setBlocked(app, reporterId, targetUserId, true);
  return { id };
}

/** Reports for the admin page: open ones first, then the latest dealt with. */
export async function listReports(app: AppContext, adminId: string): Promise<Report[]> {
  const { db } = app;
  await requireAdmin(app, adminId, "reviewReports");
  const rows = await db.report.findMany({
    orderBy: [{ resolvedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take: LIST_LIMIT,
  });
  const userIds = [...new Set(rows.flatMap((r) => [r.reporterId, ...(r.targetUserId ? [r.targetUserId] : [])]))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } } })).map((u) => [u.id, u]));
  const groups = new Map(
    (
      await db.conversation.findMany({
        where: { id: { in: rows.filter((r) => !r.targetUserId).map((r) => r.conversationId) } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name ?? ""]),
  );
  return rows.flatMap((r) => {
    const reporter = users.get(r.reporterId);
    const target = r.targetUserId ? users.get(r.targetUserId) : undefined;
    if (!reporter) return [];
    return [
      {
        id: r.id,
        reporter: toPublicUser(reporter),
        target: target ? { ...toPublicUser(target), disabled: target.disabledAt !== null } : null,
        groupName: r.targetUserId ? null : (groups.get(r.conversationId) ?? ""),
        conversationId: r.conversationId,
        reason: r.reason,
        messages: JSON.parse(r.messages) as ReportedMessage[],
        createdAt: r.createdAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      },
    ];
  });
}

/** Marks a report dealt with (dismissed). */
export async function resolveReport(app: AppContext, adminId: string, reportId: string): Promise<void> {
  const { db, now } = app;
  await requireAdmin(app, adminId, "reviewReports");
  const { count } = await db.report.updateMany({ where: { id: reportId, resolvedAt: null }, data: { resolvedAt: now() } });
  if (!count && !(await db.report.findUnique({ where: { id: reportId }, select: { id: true } })))
    throw new AppError("not_found", { key: "errors.reports.notFound" });
}
