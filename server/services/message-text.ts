// The length and emptiness rule for what people write: messages, edits, captions and status text.
import { MESSAGE_TEXT_MAX } from "../../lib/contracts/messaging";
import { AppError } from "../errors";

/** What the text is of: its messages of errors.json. */
const TEXT = {
  message: { empty: "errors.messages.textEmpty", tooLong: "errors.messages.textTooLong" },
  status: { empty: "errors.status.textEmpty", tooLong: "errors.status.textTooLong" },
} as const;

/** A message's (or status's) text, or a file's caption (which may be empty); the contract's text() already refused what isn't text. */
export function checkText(
  text: string,
  required: boolean,
  { of, max }: { of: keyof typeof TEXT; max: number } = { of: "message", max: MESSAGE_TEXT_MAX },
) {
  if (required && !text.trim()) throw new AppError("bad_request", { key: TEXT[of].empty }, { field: "text" });
  if ([...text].length > max) {
    throw new AppError("payload_too_large", { key: TEXT[of].tooLong, values: { max } }, { field: "text" });
  }
}
