"use client";

import { LocateFixed, MapPin } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { ACCURACY_MAX_METRES, type SharedLocation, sharedLocationSchema } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Spinner } from "../../ui/spinner";
import { TextField } from "../../ui/text-field";

/** How long to wait for the device's position. */
const LOCATE_TIMEOUT_MS = 15_000;
/** The most accuracy (metres) the contract accepts. */
/** A plain decimal number: "52.37", "-4", ".5", "+13.4" (a decimal comma is taken as a point). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

type Field = "latitude" | "longitude" | "name";
type FieldErrors = Partial<Record<Field, string>>;
/** Why the device's position couldn't be shared: keys of compose.location.errors. */
type LocateError = "denied" | "timeout" | "unavailable" | "unsupported" | "insecure" | "invalid";

function parseDecimal(text: string): number {
  const clean = text.trim().replace(",", ".");
  return DECIMAL.test(clean) ? Number(clean) : Number.NaN;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function geolocationError(error: GeolocationPositionError): LocateError {
  if (error.code === error.PERMISSION_DENIED) return "denied";
  if (error.code === error.TIMEOUT) return "timeout";
  return "unavailable";
}

/** Share a location: the device's current position, or a point typed in. */
export function LocationDialog({
  open,
  onClose,
  onShare,
}: {
  open: boolean;
  onClose: () => void;
  onShare: (location: SharedLocation) => void;
}) {
  const t = useTranslations("compose");
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFieldSetElement>(null);
  const isOpen = useRef(open);
  /** Counts position requests, so an answer that comes after closing (or a newer request) is ignored. */
  const request = useRef(0);
  const titleId = useId();
  const locateLabelId = useId();
  const locateHintId = useId();
  const locateNoteId = useId();

  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<LocateError | null>(null);
  const [latitude, setLatitude] = useState("");
  const [longitude, setLongitude] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  useEffect(() => {
    const el = dialog.current;
    isOpen.current = open;
    if (open) {
      setLocating(false);
      setLocateError(null);
      setLatitude("");
      setLongitude("");
      setName("");
      setErrors({});
      if (!el?.open) el?.showModal();
    } else {
      request.current += 1;
      if (el?.open) el.close();
    }
  }, [open]);

  function shareCurrent() {
    if (locating) return;
    setLocateError(null);
    if (typeof navigator === "undefined" || !navigator.geolocation) {
      setLocateError("unsupported");
      return;
    }
    if (!window.isSecureContext) {
      setLocateError("insecure");
      return;
    }
    const id = ++request.current;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (id !== request.current) return;
        setLocating(false);
        const { latitude: lat, longitude: lng, accuracy } = position.coords;
        const parsed = sharedLocationSchema.safeParse({
          latitude: lat,
          longitude: lng,
          accuracy: Number.isFinite(accuracy) ? Math.min(Math.max(accuracy, 0), ACCURACY_MAX_METRES) : null,
          name: null,
        });
        if (parsed.success) onShare(parsed.data);
        else setLocateError("invalid");
      },
      (error) => {
        if (id !== request.current) return;
        setLocating(false);
        setLocateError(geolocationError(error));
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 0 },
    );
  }

  function edit(field: Field, value: string, set: (value: string) => void) {
    set(value);
    if (errors[field]) setErrors((all) => ({ ...all, [field]: undefined }));
  }

  function sharePoint() {
    const parsed = sharedLocationSchema.safeParse({
      latitude: latitude.trim() ? parseDecimal(latitude) : undefined,
      longitude: longitude.trim() ? parseDecimal(longitude) : undefined,
      accuracy: null,
      name: name.trim() || null,
    });
    if (parsed.success) {
      setErrors({});
      onShare(parsed.data);
      return;
    }
    const found: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "latitude" || field === "longitude" || field === "name") && !found[field]) found[field] = capitalise(issue.message);
    }
    setErrors(found);
    // Focus the first field in error once it is marked.
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
  }

  /** Enter in a field shares the point (and must not submit the composer's form around this dialog). */
  function submitOnEnter(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    sharePoint();
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => isOpen.current && onClose()}
      className="m-auto w-[min(92vw,440px)] rounded-lg bg-panel p-0 text-ink shadow-xl backdrop:bg-black/40 dark:backdrop:bg-black/60"
    >
      <h2 id={titleId} className="bg-panel-header px-6 py-4 text-lg text-ink">
        {t("location.title")}
      </h2>

      <div className="px-6 pt-4">
        <button
          type="button"
          onClick={shareCurrent}
          aria-disabled={locating || undefined}
          aria-busy={locating || undefined}
          aria-labelledby={locateLabelId}
          aria-describedby={locateError ? `${locateHintId} ${locateNoteId}` : locateHintId}
          className="flex w-full items-center gap-4 rounded-lg px-2 py-3 text-start transition-colors hover:bg-hover aria-disabled:cursor-wait"
        >
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand text-white dark:text-[#111b21]">
            {locating ? <Spinner /> : <LocateFixed aria-hidden className="size-5" />}
          </span>
          <span className="flex min-w-0 flex-col">
            <span id={locateLabelId} className="text-[15px] text-ink">
              {t("location.current")}
            </span>
            <span id={locateHintId} className="text-sm text-ink-muted">
              {locating ? t("location.finding") : t("location.usesDevice")}
            </span>
          </span>
        </button>
        <span role="status" className="sr-only">
          {locating ? t("location.findingStatus") : ""}
        </span>
        {locateError && (
          <p id={locateNoteId} role="alert" className="mt-1 px-2 text-sm text-danger">
            {t(`location.errors.${locateError}`)}
          </p>
        )}
      </div>

      <div aria-hidden className="mx-6 my-4 border-t border-line" />

      {/* A fieldset, not a form: the composer renders this dialog inside its own <form>, and forms can't nest. */}
      <fieldset ref={form} className="m-0 flex min-w-0 flex-col gap-4 border-0 px-6 pb-6">
        <legend className="mb-4 flex items-center gap-2 p-0 text-sm text-ink-muted">
          <MapPin aria-hidden className="size-4" />
          {t("location.orEnter")}
        </legend>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField
            label={t("location.latitude")}
            onKeyDown={submitOnEnter}
            inputMode="decimal"
            autoComplete="off"
            placeholder={t("location.latitudeExample")}
            value={latitude}
            error={errors.latitude}
            onChange={(e) => edit("latitude", e.target.value, setLatitude)}
          />
          <TextField
            label={t("location.longitude")}
            onKeyDown={submitOnEnter}
            inputMode="decimal"
            autoComplete="off"
            placeholder={t("location.longitudeExample")}
            value={longitude}
            error={errors.longitude}
            onChange={(e) => edit("longitude", e.target.value, setLongitude)}
          />
        </div>
        <TextField
          label={t("location.placeName")}
          onKeyDown={submitOnEnter}
          autoComplete="off"
          hint={t("location.optional")}
          value={name}
          error={errors.name}
          onChange={(e) => edit("name", e.target.value, setName)}
        />
        <div className="mt-2 flex flex-wrap justify-end gap-2">
          <Button variant="plain" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button onClick={sharePoint}>{t("location.sharePoint")}</Button>
        </div>
      </fieldset>
    </dialog>
  );
}
