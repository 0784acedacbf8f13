// How long a recording plays, as the players, the chat list and notifications show it.

/** A playing time: "0:07", "1:05", "1:02:03". Whole seconds, rounded down; unknown (NaN, Infinity, negative) is "0:00". */
export function durationLabel(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
