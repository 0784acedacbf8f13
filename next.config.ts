import type { NextConfig } from "next";
import { version } from "./package.json";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run dev` serves both names; Next blocks its dev resources for hosts not listed here.
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  reactStrictMode: true,
  // `npm run typecheck` and `npm run lint` check the whole repo (server/ included); the build doesn't repeat it.
  typescript: { ignoreBuildErrors: true },
  // Settings › Help says which version this is.
  env: { NEXT_PUBLIC_APP_VERSION: version },
  // Each page's and route's code loads when first asked for, not all at start (about 25 MiB less resident
  // memory for a server that serves only some of them; the REST API doesn't go through Next at all).
  experimental: { preloadEntriesOnStart: false },
};

export default nextConfig;
