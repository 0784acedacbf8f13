"use client";

import dynamic from "next/dynamic";
import { PanelSpinner } from "../ui/spinner";

/** "Verify security code", loaded when it is opened: it brings the QR code's encoder. */
export const VerifyPanel = dynamic(() => import("./verify-panel").then((m) => m.VerifyPanel), {
  loading: () => <PanelSpinner label="Loading security code" />,
});
