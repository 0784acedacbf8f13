"use client";

import { useEffect } from "react";
import { registerServiceWorker } from "@/lib/client/pwa";

/** Registers the service worker from every page (installable and usable offline from the first visit). */
export function ServiceWorker() {
  useEffect(registerServiceWorker, []);
  return null;
}
