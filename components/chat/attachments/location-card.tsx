import { ExternalLink } from "lucide-react";
import { useLocale, useTranslations } from "use-intl";
import { accuracyLabel, formatCoordinates, openStreetMapUrl } from "@/lib/client/media-format";
import type { SharedLocation } from "@/lib/contracts/messaging";

const MAP_WIDTH = 280;
const MAP_HEIGHT = 140;

/** A stable number from a point, so each place gets its own (made-up) street layout. */
function seedOf(latitude: number, longitude: number): number {
  const a = Math.round(latitude * 1000);
  const b = Math.round(longitude * 1000);
  return Math.abs((a * 73_856_093) ^ (b * 19_349_663)) % 9973;
}

/**
 * A drawn map: land, a park, water, streets and a pin in the middle; with an accuracy, a soft circle
 * around the pin. Nothing is fetched (no map tiles), so showing a location tells no third party anything.
 */
function MapIllustration({ latitude, longitude, accuracy }: Pick<SharedLocation, "latitude" | "longitude" | "accuracy">) {
  const seed = seedOf(latitude, longitude);
  const tilt = (seed % 41) - 20;
  const parkX = 20 + (seed % 90);
  const waterOnLeft = seed % 2 === 0;
  const cx = MAP_WIDTH / 2;
  const cy = MAP_HEIGHT / 2 + 8;
  // The accuracy ring grows with the uncertainty but stays readable: 12px for a few metres, at most 56px.
  const ring = accuracy === null ? 0 : Math.min(56, 12 + Math.sqrt(accuracy) * 2);
  return (
    <svg
      aria-hidden
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      preserveAspectRatio="xMidYMid slice"
      className="block h-[140px] w-full bg-[#f2efe9] dark:bg-[#1c272d]"
    >
      <g transform={`rotate(${tilt} ${cx} ${cy})`}>
        {/* Water and a park. */}
        <path
          d={
            waterOnLeft
              ? "M-60 -40 L70 -40 C55 30 95 70 40 190 L-60 190 Z"
              : `M${MAP_WIDTH + 60} -40 L${MAP_WIDTH - 60} -40 C${MAP_WIDTH - 30} 40 ${MAP_WIDTH - 90} 90 ${MAP_WIDTH - 40} 190 L${MAP_WIDTH + 60} 190 Z`
          }
          className="fill-[#aad3df] dark:fill-[#17394a]"
        />
        <rect x={waterOnLeft ? parkX + 90 : parkX} y={18} width={64} height={38} rx={4} className="fill-[#cdebb0] dark:fill-[#1f3a2b]" />
        {/* Small streets. */}
        <g className="stroke-white dark:stroke-[#34444c]" strokeWidth={5} strokeLinecap="round" fill="none">
          {[-80, -20, 40, 100, 160, 220, 280, 340].map((x) => (
            <line key={`v${x}`} x1={x} y1={-60} x2={x + 14} y2={MAP_HEIGHT + 60} />
          ))}
          {[-10, 40, 100, 150].map((y) => (
            <line key={`h${y}`} x1={-80} y1={y} x2={MAP_WIDTH + 80} y2={y - 10} />
          ))}
        </g>
        {/* A main road. */}
        <path
          d={`M-80 ${cy + 34} C60 ${cy + 10} 180 ${cy + 50} ${MAP_WIDTH + 80} ${cy + 6}`}
          fill="none"
          strokeWidth={9}
          strokeLinecap="round"
          className="stroke-[#fbe7a1] dark:stroke-[#5b5137]"
        />
      </g>
      {ring > 0 && (
        <circle
          cx={cx}
          cy={cy}
          r={ring}
          className="fill-[#1a73e8]/15 stroke-[#1a73e8]/40 dark:fill-[#53bdeb]/15 dark:stroke-[#53bdeb]/40"
        />
      )}
      {/* The pin: a shadow, the drop, its white dot. */}
      <ellipse cx={cx} cy={cy + 1} rx={7} ry={2.5} className="fill-black/25" />
      <path
        d={`M${cx} ${cy} C${cx - 3} ${cy - 9} ${cx - 12} ${cy - 15} ${cx - 12} ${cy - 24} A12 12 0 1 1 ${cx + 12} ${cy - 24} C${cx + 12} ${cy - 15} ${cx + 3} ${cy - 9} ${cx} ${cy} Z`}
        className="fill-[#ea4335] stroke-[#b3261e]"
        strokeWidth={1}
      />
      <circle cx={cx} cy={cy - 24} r={4.5} className="fill-white" />
    </svg>
  );
}

/**
 * A shared location: a drawn map with a pin, the place's name if it has one, the coordinates, the
 * accuracy when the device reported one, and a link to the point on OpenStreetMap (a new tab).
 */
export function LocationCard({ location }: { location: SharedLocation }) {
  const t = useTranslations("attachments.location");
  const tMedia = useTranslations("system.media");
  const locale = useLocale();
  const { latitude, longitude, accuracy, name } = location;
  return (
    <div className="-mx-1 -mt-0.5 mb-1 w-[280px] max-w-[calc(100%+0.5rem)]">
      <div className="overflow-hidden rounded-md">
        <MapIllustration latitude={latitude} longitude={longitude} accuracy={accuracy} />
      </div>
      <div className="px-1 pt-2">
        {name && <p className="text-[14.2px] font-medium leading-5 text-ink [overflow-wrap:anywhere]">{name}</p>}
        <p className="text-[12.5px] leading-5 text-ink-muted tabular-nums">{formatCoordinates(tMedia, latitude, longitude)}</p>
        {accuracy !== null && (
          <p className="text-[12.5px] leading-5 text-ink-muted">{t("accuracy", { accuracy: accuracyLabel(accuracy, locale) })}</p>
        )}
        <a
          href={openStreetMapUrl(latitude, longitude)}
          target="_blank"
          rel="noopener noreferrer"
          className="mt-1 inline-flex items-center gap-1 rounded-sm text-[13.5px] leading-5 text-[#027eb5] hover:underline dark:text-[#53bdeb]"
        >
          {t("openMap")}
          <ExternalLink aria-hidden className="size-3.5" />
        </a>
      </div>
    </div>
  );
}
