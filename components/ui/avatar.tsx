import { User } from "lucide-react";

const SIZES = { sm: "size-10", md: "size-12", lg: "size-40" } as const;

export function Avatar({ src, name, size = "md" }: { src: string | null; name: string; size?: keyof typeof SIZES }) {
  const box = `${SIZES[size]} shrink-0 overflow-hidden rounded-full`;
  if (src) {
    // biome-ignore lint/performance/noImgElement: avatars are small authenticated images; next/image adds nothing here.
    return <img src={src} alt={`${name}'s avatar`} className={`${box} object-cover`} />;
  }
  return (
    <span
      role="img"
      aria-label={`${name}'s avatar`}
      className={`${box} flex items-center justify-center bg-[#dfe5e7] text-[#fff] dark:bg-[#6a7175]`}
    >
      <User aria-hidden className="size-3/5" strokeWidth={1.5} />
    </span>
  );
}
