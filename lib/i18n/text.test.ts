// Errors made outside React in the page's language: the server's by the key its body names, the app's own
// by key; English until the page sets its language (and always on the server).
import { afterEach, describe, expect, it } from "vitest";
import en from "@/messages/en";
import es from "@/messages/es";
import { englishText, errorText, setTextLocale, text } from "./text";

afterEach(() => setTextLocale("en", en));

describe("error text", () => {
  it("is English until the page sets its language, then that language", () => {
    expect(text("clientErrors.api.status", { status: 502 })).toBe("The server answered 502");
    setTextLocale("es", es);
    expect(text("clientErrors.api.status", { status: 502 })).toBe("El servidor respondió 502");
    expect(englishText("clientErrors.api.status", { status: 502 })).toBe("The server answered 502");
  });

  it("shows an error body's key in the page's language, and its message when the key is unknown or absent", () => {
    setTextLocale("es", es);
    expect(errorText({ message: "The server answered 502", key: "clientErrors.api.status", values: { status: 502 } })).toBe(
      "El servidor respondió 502",
    );
    expect(errorText({ message: "Something new", key: "errors.fromANewerServer" })).toBe("Something new");
    expect(errorText({ message: "No key" })).toBe("No key");
  });
});
