import fc from "fast-check";

// ---------------------------------------------------------------------------------------------------
// The generated program

export const DEVICES = ["A0", "A1", "B0", "B1"] as const;
export type DeviceName = (typeof DEVICES)[number];

export type Command =
  | { op: "send"; device: DeviceName; text: string }
  | { op: "retry"; device: DeviceName; via: "socket" | "rest" }
  | { op: "disconnect"; device: DeviceName }
  | { op: "reconnect"; device: DeviceName }
  | { op: "read"; device: DeviceName }
  | { op: "pause"; ms: number };

export interface Scenario {
  /** `limit` of every sync:request and history page, small so that paging is exercised. */
  pageSize: number;
  /** Devices connected (and synced) before the program; the others have never seen the conversation. */
  online: Record<DeviceName, boolean>;
  commands: Command[];
}

export const formatCommand = (c: Command): string => {
  switch (c.op) {
    case "send":
      return `${c.device} send ${JSON.stringify(c.text)}`;
    case "retry":
      return `${c.device} retry last send via ${c.via}`;
    case "pause":
      return `pause ${c.ms} ms`;
    default:
      return `${c.device} ${c.op}`;
  }
};

export const formatScenario = (s: Scenario): string =>
  [
    `pageSize ${s.pageSize}; online at start: ${DEVICES.filter((d) => s.online[d]).join(", ") || "none"}`,
    ...s.commands.map((c, i) => `  ${String(i + 1).padStart(2)}. ${formatCommand(c)}`),
  ].join("\n");

export const deviceArb = fc.constantFrom(...DEVICES);
// Real-world text: ASCII, any Unicode grapheme (emoji, RTL, combining marks), newlines. Never blank and
// without U+0000 (the server refuses both with 400: see lib/contracts/text.ts).
export const textArb = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
    fc.constantFrom("hi", "👍🏽", "שלום עולם", "line 1\nline 2", "  padded  "),
  )
  .map((t) => t.replaceAll("\u0000", ""))
  .map((t) => (t.trim() ? t : `${t}·`));

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("send" as const), device: deviceArb, text: textArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("retry" as const),
      device: deviceArb,
      via: fc.constantFrom("socket" as const, "rest" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("disconnect" as const), device: deviceArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("reconnect" as const), device: deviceArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("read" as const), device: deviceArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("pause" as const), ms: fc.integer({ min: 0, max: 30 }) }) },
);

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    pageSize: fc.integer({ min: 1, max: 4 }),
    online: fc.record({ A0: fc.boolean(), A1: fc.boolean(), B0: fc.boolean(), B1: fc.boolean() }),
    commands: fc.array(commandArb, { minLength: 1, maxLength: 25, size: "max" }),
  })
  // fast-check prints counterexamples with this instead of a JSON dump.
  .map((s) => Object.assign(s, { [fc.toStringMethod]: () => `\n${formatScenario(s)}` }));
