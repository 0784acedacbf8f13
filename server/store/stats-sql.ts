// Message statistics for admins, per UTC day, on the driver (one grouped scan of the range's messages).
import type { MessageStatsDay } from "../../lib/contracts/system";
import { type Driver, toDbTime } from "./driver";

/** Messages people sent from `start` (inclusive) to `end` (exclusive), per UTC day, and distinct senders over the whole range. */
export async function messageStatsBetween(db: Driver, start: Date, end: Date): Promise<{ days: MessageStatsDay[]; activeUsers: number }> {
  // SQLite keeps ISO text (the day is its first ten characters); PostgreSQL a UTC timestamp.
  const day = db.dialect === "sqlite" ? `substr("createdAt", 1, 10)` : `to_char("createdAt", 'YYYY-MM-DD')`;
  const range = `FROM "Message" WHERE "type" <> 'system' AND "createdAt" >= ? AND "createdAt" < ?`;
  const params = [toDbTime(db.dialect, start), toDbTime(db.dialect, end)];
  const [rows, total] = await Promise.all([
    db.all<{ date: string; messages: unknown; activeUsers: unknown }>(
      `SELECT ${day} AS "date", COUNT(*) AS "messages", COUNT(DISTINCT "senderId") AS "activeUsers" ${range} GROUP BY 1 ORDER BY 1`,
      params,
    ),
    db.get<{ n: unknown }>(`SELECT COUNT(DISTINCT "senderId") AS "n" ${range}`, params),
  ]);
  return {
    days: rows.map((r) => ({ date: r.date, messages: Number(r.messages), activeUsers: Number(r.activeUsers) })),
    activeUsers: Number(total?.n ?? 0),
  };
}
