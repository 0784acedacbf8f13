export function Logo({ className = "size-10" }: { className?: string }) {
  return (
    // biome-ignore lint/performance/noImgElement: a static SVG.
    <img src="/icon.svg" alt="" aria-hidden className={className} />
  );
}
