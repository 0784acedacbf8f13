"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "use-intl";
import { PanelSpinner } from "../ui/spinner";

/** "Verify security code", loaded when it is opened: it brings the QR code's encoder. */
export const VerifyPanel = dynamic(() => import("./verify-panel").then((m) => m.VerifyPanel), {
  loading: () => <VerifyPanelLoading />,
});

function VerifyPanelLoading() {
  const t = useTranslations("e2ee.verify");
  return <PanelSpinner label={t("loading")} />;
}
