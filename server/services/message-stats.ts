// Messages sent and active users per day, for admins (GET /api/v1/stats/messages).
import type { MessageStats, MessageStatsQuery } from "../../lib/contracts/system";
import type { AppContext } from "../context";
import { messageStatsBetween } from "../store/stats-sql";
import { requireAdmin } from "./admins";

const DAY_MS = 86_400_000;

export async function messageStats(app: AppContext, actorId: string, { startDate, endDate }: MessageStatsQuery): Promise<MessageStats> {
  await requireAdmin(app, actorId, "seeMessageStats");
  const start = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(Date.parse(`${endDate}T00:00:00Z`) + DAY_MS);
  const { days, activeUsers } = await messageStatsBetween(app.store.reader, start, end);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const all = [];
  for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    all.push(byDate.get(date) ?? { date, messages: 0, activeUsers: 0 });
  }
  return { startDate, endDate, totals: { messages: all.reduce((n, d) => n + d.messages, 0), activeUsers }, days: all };
}
