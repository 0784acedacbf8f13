import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GroupInfo } from "@/lib/contracts/groups";
import { type ConversationSummary, messageStatus } from "@/lib/contracts/messaging";
import { GroupClient } from "./group-client";
import { MessagingEngine } from "./messaging-engine";
import { MessagingStore } from "./messaging-store";
import { memoryStore } from "./outbox";
import { FakeServer, FakeTransport, user, usernameOf } from "./test-support/fake-server";
import { watermarksAt as at, groupSummary } from "./test-support/summaries";

const ME = "me";
const group = (members: string[], patch: Partial<ConversationSummary> = {}): ConversationSummary =>
  groupSummary(patch, { memberCount: members.length, myRole: "admin" });
const info = (members: string[], name = "Trip"): GroupInfo => ({
  ...(group(members).group as NonNullable<ConversationSummary["group"]>),
  name,
  id: "g1",
  createdAt: new Date(1_700_000_000_000).toISOString(),
  members: members.map((id) => ({ user: user(id), role: id === ME ? "admin" : "member", joinedAt: "" })),
  inviteCode: null,
});

let calls: { path: string; method?: string; json?: unknown; body?: FormData }[];
let groupInfo: GroupInfo;
let stop: () => void;

function setup() {
  const server = new FakeServer();
  const transport = new FakeTransport(server, ME);
  const engine = new MessagingEngine({
    me: ME,
    username: usernameOf(ME),
    openStore: async () => memoryStore(),
    activity: { visible: () => true, attentive: () => true, subscribe: () => () => {} },
    upload: () => Promise.reject(new Error("this test sends no files")),
    fetchJson: async <T>(path: string, init?: { method?: string; json?: unknown; body?: FormData }): Promise<T> => {
      calls.push({ path, ...init });
      if (path === "/api/v1/groups") return group([ME, "ana"], { id: "g2" }) as T;
      if (path.endsWith("/invite")) return (init?.method === "POST" ? { code: "abc" } : undefined) as T;
      if (path.startsWith("/api/v1/groups/g1")) return groupInfo as T;
      if (path.startsWith("/api/v1/users/")) return user(path.split("/").at(-1) as string) as T;
      return server.fetchJson(ME, path, init);
    },
  });
  stop = engine.start(transport);
  transport.setOnline(true);
  return { engine, transport, state: () => engine.store.getState() };
}

beforeEach(() => {
  vi.useFakeTimers();
  calls = [];
  groupInfo = info([ME, "ana", "ben"]);
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

const settle = () => vi.advanceTimersByTimeAsync(1);

describe("groups in the engine", () => {
  it("takes the ticks from conversation:updated (someone who left no longer holds them back)", async () => {
    const { transport, state } = setup();
    await settle();
    transport.push("conversation:updated", group([ME, "ana", "ben"], { mine: at(1), ticks: at(0) }));
    expect(messageStatus(1, state().conversations.g1)).toBe("sent");
    transport.push("conversation:updated", group([ME, "ana"], { mine: at(1), ticks: at(1) }));
    expect(messageStatus(1, state().conversations.g1)).toBe("read");
    transport.push("conversation:updated", group([ME], { mine: at(1), ticks: at(1) }));
    expect(messageStatus(1, state().conversations.g1)).toBe("sent");
  });

  it("loads a group's info, shows it in the summary, and reloads it when the group changes", async () => {
    const { engine, transport, state } = setup();
    await settle();
    transport.push("conversation:updated", group([ME, "ana", "ben"]));
    await engine.groups.load("g1");
    expect(state().groups.g1.members).toHaveLength(3);
    expect(state().users.ana.displayName).toBe("ANA");

    groupInfo = info([ME, "ana"], "Trip 2026");
    transport.push("conversation:updated", group([ME, "ana"]));
    await settle();
    expect(calls.filter((c) => c.path === "/api/v1/groups/g1")).toHaveLength(2);
    expect(state().groups.g1.members.map((m) => m.user.id)).toEqual([ME, "ana"]);
    expect(state().conversations.g1.group?.name).toBe("Trip 2026");
  });

  it("keeps member names current when a profile changes", async () => {
    const { engine, transport, state } = setup();
    await settle();
    await engine.groups.load("g1");
    transport.push("user:updated", { ...user("ana"), displayName: "Ana Lima" });
    expect(state().groups.g1.members.find((m) => m.user.id === "ana")?.user.displayName).toBe("Ana Lima");
    expect(state().users.ana.displayName).toBe("Ana Lima");
  });

  it("creates a group and holds its chat", async () => {
    const { engine, state } = setup();
    await settle();
    const id = await engine.groups.create({ name: "Trip", description: "", participants: ["ana"] });
    expect(id).toBe("g2");
    expect(calls.at(-1)).toEqual({
      path: "/api/v1/groups",
      method: "POST",
      json: { name: "Trip", description: "", participants: ["ana"] },
    });
    expect(state().conversations.g2.kind).toBe("group");
  });

  it("looks up unknown senders once each", async () => {
    const { engine, state } = setup();
    await settle();
    engine.groups.resolveUsers(["zoe", "zoe"]);
    engine.groups.resolveUsers(["zoe"]);
    await settle();
    expect(calls.filter((c) => c.path === "/api/v1/users/zoe")).toHaveLength(1);
    expect(state().users.zoe.displayName).toBe("ZOE");
  });

  it("keeps the invite link in the held info as it is created and revoked", async () => {
    const { engine, state } = setup();
    await settle();
    await engine.groups.load("g1");
    expect(await engine.groups.createInvite("g1")).toBe("abc");
    expect(state().groups.g1.inviteCode).toBe("abc");
    await engine.groups.revokeInvite("g1");
    expect(calls.at(-1)).toEqual({ path: "/api/v1/groups/g1/invite", method: "DELETE" });
    expect(state().groups.g1.inviteCode).toBeNull();
  });

  it("uploads and removes the group icon, and the chat shows the icon the server answers with", async () => {
    const { engine, transport, state } = setup();
    await settle();
    transport.push("conversation:updated", group([ME, "ana"]));
    const file = new Blob(["png"], { type: "image/png" });
    groupInfo = { ...info([ME, "ana"]), avatarKey: "k1" };
    await engine.groups.setAvatar("g1", file);
    expect(calls.at(-1)).toMatchObject({ path: "/api/v1/groups/g1/avatar", method: "PUT" });
    expect(calls.at(-1)?.body?.get("file")).toBeInstanceOf(Blob);
    expect(state().conversations.g1.group?.avatarKey).toBe("k1");

    groupInfo = { ...info([ME, "ana"]), avatarKey: null };
    await engine.groups.removeAvatar("g1");
    expect(calls.at(-1)).toEqual({ path: "/api/v1/groups/g1/avatar", method: "DELETE" });
    expect(state().conversations.g1.group?.avatarKey).toBeNull();
  });
});

describe("loading a group's info", () => {
  it("fetches again when a change arrived while the answer was on its way, so a stale answer never undoes it", async () => {
    vi.useRealTimers();
    const store = new MessagingStore({ id: ME, username: usernameOf(ME) });
    store.upsertConversations([group([ME, "ana"], { lastSeq: 3 })]);
    const answers = [info([ME, "ana"]), { ...info(["ana"]), myRole: null }];
    let fetches = 0;
    const client = new GroupClient(async <T>() => {
      const answer = answers[fetches++] as T;
      // While the first answer is on its way, I am removed: the pushed summary says so.
      if (fetches === 1) store.upsertConversations([group(["ana"], { lastSeq: 4, group: { ...info(["ana"]), myRole: null } })]);
      return answer;
    }, store);
    await client.load("g1");
    expect(fetches).toBe(2);
    expect(store.getState().conversations.g1.group?.myRole).toBeNull();
    expect(store.getState().groups.g1.members.map((m) => m.user.id)).toEqual(["ana"]);
  });
});
