const SPIN = "inline-block size-4 animate-spin rounded-full border-2 border-current border-t-transparent";

/** A spinner; with a label it is announced as a status, without one it is decoration. */
export function Spinner({ label }: { label?: string }) {
  if (label) return <span role="status" aria-label={label} className={SPIN} />;
  return <span aria-hidden className={SPIN} />;
}

/** A spinner in the middle of a panel, while what it shows loads. */
export function PanelSpinner({ label }: { label: string }) {
  return (
    <div className="flex justify-center py-8 text-brand">
      <Spinner label={label} />
    </div>
  );
}
