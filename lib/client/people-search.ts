// What people searches say when they find nobody: with the server's private directory (USER_DIRECTORY),
// someone you share no chat or group with is found only by their whole username.
import type { Translator } from "@/lib/i18n/catalog";

/** The people searches' words (messages/<locale>/system.json, "people"). */
export type PeopleText = Translator<"system.people">;

/** Nothing typed and nobody known yet. */
export const nobodyYet = (t: PeopleText) => t("nobodyYet");

/** Nobody matches what was typed. */
export const nobodyFound = (t: PeopleText, query: string) => t("nobodyFound", { query: query.trim() });
