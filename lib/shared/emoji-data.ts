// Where the app's emoji picker (frimousse) loads its emoji names and keywords from: this server, never a CDN
// (a self-hosted messenger works without the internet, and nobody learns who opens a picker). The server
// serves the `emojibase-data` package's files at `${EMOJI_DATA_PATH}/<version>/<locale>/<file>.json`; the
// version in the path lets browsers keep them for good.
import { version } from "emojibase-data/package.json";
import type { Locale } from "../i18n/locales";

export const EMOJI_DATA_PATH = "/emojibase";

/** The URL prefix frimousse's `emojibaseUrl` takes. */
export const emojiDataUrl = `${EMOJI_DATA_PATH}/${version}`;

export const EMOJI_DATA_VERSION: string = version;

/** The emoji names and search words in the app's language where emojibase has them (it has no Arabic yet). */
export const EMOJI_LOCALES = { en: "en", es: "es", pt: "pt", ar: "en" } as const satisfies Record<Locale, string>;
