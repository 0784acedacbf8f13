// The one rule for new passwords beyond their length (lib/contracts/auth.ts passwordSchema): not one of
// the 49,233 most common passwords of leaked lists, as zxcvbn-ts ships them. Server-side only, so the
// browser never downloads the list; sign-up, password reset and password change all ask here.
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors";

let common: Set<string> | undefined;

/** Whether the password is on the list, whatever its letter case (the Set is built once, at first use). */
function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** Refuses a common password as a 400 about `field`. */
export function requireUncommonPassword(password: string, field: string): void {
  if (isCommonPassword(password)) throw new AppError("bad_request", { key: "errors.auth.commonPassword" }, { field });
}
