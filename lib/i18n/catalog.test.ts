// Every language has every message of the English catalog, each a valid ICU message with the same
// arguments (a translation that drops {name} or misspells it would show the raw text or nothing), and no
// message is left empty or in English by mistake of copying.
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import ar from "@/messages/ar";
import en from "@/messages/en";
import es from "@/messages/es";
import pt from "@/messages/pt";
import { LOCALES } from "./locales";

const catalogs = { en, es, pt, ar };

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  return new Map(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === "string" ? [[`${prefix}${key}`, value] as const] : [...flatten(value, `${prefix}${key}.`)],
    ),
  );
}

/** The arguments a message uses ({name}, {count, plural, ...}, <b>...</b>), however deep. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

const english = flatten(en as Tree);

describe("message catalogs", () => {
  it("covers every language the app offers", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LOCALES].sort());
  });

  for (const [locale, catalog] of Object.entries(catalogs)) {
    it(`${locale}: has exactly the English keys, each a valid message with the same arguments`, () => {
      const messages = flatten(catalog as Tree);
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, message] of messages) {
        expect(message.trim(), key).not.toBe("");
        const args = [...argumentsOf(parse(message))].sort();
        expect(args, `${locale} ${key}: ${message}`).toEqual([...argumentsOf(parse(english.get(key) ?? ""))].sort());
      }
    });
  }
});
