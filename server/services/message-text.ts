// The length and emptiness rule for what people write: messages, edits, captions and status text.
import { MESSAGE_TEXT_MAX } from "../../lib/contracts/messaging";
import { AppError } from "../errors";

/** A message's (or status's) text, or a file's caption (which may be empty); the contract's text() already refused what isn't text. */
export function checkText(text: string, required: boolean, { noun, max } = { noun: "Message", max: MESSAGE_TEXT_MAX }) {
  if (required && !text.trim()) throw new AppError("bad_request", `${noun} text can't be empty`, { field: "text" });
  if ([...text].length > max) {
    throw new AppError(
      "payload_too_large",
      `${noun === "Message" ? "Messages" : `${noun} text`} can be at most ${max.toLocaleString("en")} characters`,
      {
        field: "text",
      },
    );
  }
}
