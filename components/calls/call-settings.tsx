"use client";

import { X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { useTranslations } from "use-intl";
import type { CallEngine } from "@/lib/client/calls/call-engine";
import { Select } from "../ui/select";

/** The call's devices: which microphone and camera to send, and which speaker plays the call (where the browser can choose). */
export function CallSettings({ engine, video, onClose }: { engine: CallEngine; video: boolean; onClose: () => void }) {
  const t = useTranslations("calls");
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [speaker, setSpeaker] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [listFailed, setListFailed] = useState(false);
  useEffect(() => {
    engine.devices().then(setDevices, () => setListFailed(true));
  }, [engine]);
  const canPickSpeaker = typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
  const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  const attempt = (change: Promise<void>) => change.catch((e: Error) => setError(t("settings.switchFailed", { reason: e.message })));
  const pickSpeaker = (sinkId: string) => {
    setSpeaker(sinkId);
    for (const element of document.querySelectorAll<HTMLMediaElement & { setSinkId(id: string): Promise<void> }>(
      "[data-testid=remote-media]",
    ))
      void attempt(element.setSinkId(sinkId));
  };
  return (
    <div
      role="dialog"
      aria-label={t("window.settings")}
      className="absolute bottom-full mb-3 w-[min(22rem,calc(100vw-2rem))] rounded-xl bg-panel p-4 text-ink shadow-2xl ring-1 ring-line"
    >
      <div className="mb-3 flex items-center justify-between">
        <h3 className="text-base font-medium">{t("window.settings")}</h3>
        <button type="button" aria-label={t("settings.close")} onClick={onClose} className="rounded-full p-1 text-ink-muted hover:bg-hover">
          <X aria-hidden className="size-4" />
        </button>
      </div>
      <DeviceSelect
        label={t("settings.microphone")}
        devices={of("audioinput")}
        onChange={(id) => void attempt(engine.switchMicrophone(id))}
      />
      {video && (
        <DeviceSelect label={t("settings.camera")} devices={of("videoinput")} onChange={(id) => void attempt(engine.switchCamera(id))} />
      )}
      {canPickSpeaker && <DeviceSelect label={t("settings.speaker")} devices={of("audiooutput")} value={speaker} onChange={pickSpeaker} />}
      {(error || listFailed) && (
        <p role="alert" className="mt-2 text-sm text-danger">
          {error ?? t("settings.listFailed")}
        </p>
      )}
    </div>
  );
}

function DeviceSelect({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: MediaDeviceInfo[];
  value?: string;
  onChange: (deviceId: string) => void;
}) {
  const t = useTranslations("calls.settings");
  const id = useId();
  return (
    <div className="mb-3 text-sm">
      <label htmlFor={id} className="mb-1 block text-ink-muted">
        {label}
      </label>
      <Select
        id={id}
        value={value}
        defaultValue={value === undefined ? devices[0]?.deviceId : undefined}
        onChange={(e) => onChange(e.target.value)}
        disabled={devices.length === 0}
        className="w-full"
      >
        {devices.length === 0 && <option>{t("noneFound")}</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t("numbered", { device: label, number: i + 1 })}
          </option>
        ))}
      </Select>
    </div>
  );
}
