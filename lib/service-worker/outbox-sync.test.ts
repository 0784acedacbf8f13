import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openClientStore } from "@/lib/client/outbox";
import { sendOutbox } from "./outbox-sync";

let users = 0;

/** A user with an outbox, and a fake server answering the worker's fetches; `answers` are the message POSTs' statuses in order. */
async function setUp(items: { id: string; text: string; upload?: boolean; fileId?: string }[], answers: (number | "network")[], me = 200) {
  const userId = `sw-user-${++users}`;
  const store = await openClientStore(userId);
  for (const { id, text, upload } of items)
    await store.enqueue({
      id,
      conversationId: "c1",
      text,
      ...(upload ? { type: "document" as const, upload: { blob: new Blob(["x"]), fileName: "a.txt", kind: "document" as const } } : {}),
    });
  for (const { id, fileId } of items) if (fileId) await store.update(id, { fileId });
  store.close();
  const posted: unknown[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === "/api/v1/users/me") return Response.json({ id: userId }, { status: me });
    posted.push(JSON.parse(String(init?.body)));
    const answer = answers.shift() ?? 201;
    if (answer === "network") throw new TypeError("Failed to fetch");
    const code = answer === 403 ? "forbidden" : answer === 429 ? "rate_limited" : "internal";
    return answer < 300 ? Response.json({}, { status: answer }) : Response.json({ error: { code, message: "no" } }, { status: answer });
  });
  vi.stubGlobal("fetch", fetch);
  const left = async () => {
    const reopened = await openClientStore(userId);
    const ids = (await reopened.outbox()).map((i) => i.id);
    reopened.close();
    return ids;
  };
  return { posted, left, fetch };
}

afterEach(() => vi.unstubAllGlobals());

describe("Background Sync of the outbox", () => {
  it("sends every item in order with its client id and empties the outbox", async () => {
    const { posted, left } = await setUp(
      [
        { id: "item-1", text: "one" },
        { id: "item-2", text: "two" },
      ],
      [201, 200],
    );
    await sendOutbox();
    expect(posted).toEqual([
      { id: "item-1", conversationId: "c1", text: "one" },
      { id: "item-2", conversationId: "c1", text: "two" },
    ]);
    expect(await left()).toEqual([]);
  });

  it("fails (so the browser retries later) when the network or server fails, keeping what wasn't sent", async () => {
    for (const failure of ["network", 500, 429] as const) {
      const { left } = await setUp(
        [
          { id: "item-1", text: "one" },
          { id: "item-2", text: "two" },
        ],
        [201, failure],
      );
      await expect(sendOutbox()).rejects.toThrow();
      expect(await left()).toEqual(["item-2"]);
    }
  });

  it("leaves a refused item, and the ones after it, for the app to report", async () => {
    const { posted, left } = await setUp(
      [
        { id: "item-1", text: "one" },
        { id: "item-2", text: "two" },
      ],
      [403],
    );
    await sendOutbox();
    expect(posted).toHaveLength(1);
    expect(await left()).toEqual(["item-1", "item-2"]);
  });

  it("stops at a file that isn't uploaded yet but sends one whose upload finished", async () => {
    const { posted, left } = await setUp(
      [
        { id: "item-1", text: "uploaded", upload: true, fileId: "file-1" },
        { id: "item-2", text: "not uploaded", upload: true },
        { id: "item-3", text: "after it" },
      ],
      [],
    );
    await sendOutbox();
    expect(posted).toEqual([{ id: "item-1", conversationId: "c1", type: "document", text: "uploaded", fileId: "file-1" }]);
    expect(await left()).toEqual(["item-2", "item-3"]);
  });

  it("sends nothing when signed out, and retries when the server can't say who is signed in", async () => {
    const signedOut = await setUp([{ id: "item-1", text: "one" }], [], 401);
    await sendOutbox();
    expect(signedOut.fetch).toHaveBeenCalledTimes(1);
    expect(await signedOut.left()).toEqual(["item-1"]);

    const down = await setUp([{ id: "item-1", text: "one" }], [], 502);
    await expect(sendOutbox()).rejects.toThrow();
    expect(await down.left()).toEqual(["item-1"]);
  });
});
