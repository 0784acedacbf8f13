import type { ReactNode } from "react";

const SIZE = 48;
const STROKE = 2.5;
const GAP_DEGREES = 12;

/**
 * An avatar inside WhatsApp's status ring: one arc per status, green while unseen and grey once seen
 * (decorative: the row around it says how many updates there are and whether they were seen).
 */
export function StatusRing({ seen, children }: { seen: boolean[]; children: ReactNode }) {
  const r = SIZE / 2 - STROKE / 2;
  const circumference = 2 * Math.PI * r;
  const count = seen.length;
  const gap = count > 1 ? (GAP_DEGREES / 360) * circumference : 0;
  const arc = count ? circumference / count - gap : 0;
  return (
    <span className="relative flex size-12 shrink-0 items-center justify-center">
      <svg aria-hidden viewBox={`0 0 ${SIZE} ${SIZE}`} className="absolute inset-0 size-full -rotate-90">
        {seen.map((s, i) => (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: arcs are positions in the ring, not items.
            key={i}
            cx={SIZE / 2}
            cy={SIZE / 2}
            r={r}
            fill="none"
            strokeWidth={STROKE}
            strokeLinecap="round"
            className={s ? "stroke-[#bfc6ca] dark:stroke-[#54656f]" : "stroke-brand"}
            strokeDasharray={`${arc} ${circumference - arc}`}
            strokeDashoffset={-i * (arc + gap)}
          />
        ))}
      </svg>
      <span className="flex size-[40px] items-center justify-center overflow-hidden rounded-full">{children}</span>
    </span>
  );
}
