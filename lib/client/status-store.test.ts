import { describe, expect, it } from "vitest";
import type { Status, StatusUpdate } from "@/lib/contracts/status";
import type { PublicUser } from "@/lib/contracts/users";
import { StatusStore } from "./status-store";

const user = (id: string): PublicUser => ({ id, username: id, displayName: id, about: "", avatarUrl: null });
const status = (id: string, userId: string, hour: number, viewed = false): Status => ({
  id,
  clientId: `c-${id}`,
  userId,
  kind: "text",
  text: id,
  background: "#128c7e",
  font: "sans",
  createdAt: new Date(2026, 10, 23, hour).toISOString(),
  expiresAt: new Date(2026, 10, 24, hour).toISOString(),
  viewed,
  viewCount: 0,
});
const update = (userId: string, statuses: Status[]): StatusUpdate => ({
  user: user(userId),
  statuses,
  allViewed: statuses.every((s) => s.viewed),
});
const order = (store: StatusStore) => store.getState().updates.map((u) => `${u.user.id}${u.allViewed ? " (seen)" : ""}`);

describe("StatusStore", () => {
  const fed = () => {
    const store = new StatusStore("me");
    store.setFeed({
      mine: [status("m1", "me", 8, true)],
      updates: [
        update("ana", [status("a1", "ana", 9, true)]),
        update("ben", [status("b1", "ben", 10)]),
        update("cid", [status("c1", "cid", 7)]),
      ],
    });
    return store;
  };

  it("lists unseen updates first, newest first, then the seen ones", () => {
    expect(order(fed())).toEqual(["ben", "cid", "ana (seen)"]);
  });

  it("adds a pushed status to its person (who moves up), and asks for the feed for someone new", () => {
    const store = fed();
    expect(store.posted(status("a2", "ana", 11))).toBe(true);
    expect(order(store)).toEqual(["ana", "ben", "cid"]);
    expect(store.posted(status("a2", "ana", 11))).toBe(true);
    expect(store.getState().updates[0].statuses.map((s) => s.id)).toEqual(["a1", "a2"]);
    expect(store.posted(status("d1", "dan", 12))).toBe(false);
    expect(store.posted(status("m2", "me", 12, true))).toBe(true);
    expect(store.getState().mine.map((s) => s.id)).toEqual(["m1", "m2"]);
  });

  it("greys a ring once I saw every status, and counts viewers of mine once each", () => {
    const store = fed();
    const ben = user("ben");
    store.viewed({ statusId: "b1", ownerId: "ben", user: user("me"), viewedAt: "t" });
    expect(order(store)).toEqual(["cid", "ben (seen)", "ana (seen)"]);
    store.setViewers("m1", []);
    store.viewed({ statusId: "m1", ownerId: "me", user: ben, viewedAt: "t1" });
    store.viewed({ statusId: "m1", ownerId: "me", user: ben, viewedAt: "t1" });
    expect(store.getState().mine[0].viewCount).toBe(1);
    expect(store.getState().viewers.m1).toEqual([{ user: ben, viewedAt: "t1" }]);
  });

  it("drops removed statuses, and a person with none left", () => {
    const store = fed();
    store.posted(status("b2", "ben", 11));
    store.removed({ userId: "ben", statusIds: ["b1"] });
    expect(
      store
        .getState()
        .updates.find((u) => u.user.id === "ben")
        ?.statuses.map((s) => s.id),
    ).toEqual(["b2"]);
    store.removed({ userId: "cid", statusIds: ["c1"] });
    expect(order(store)).toEqual(["ben", "ana (seen)"]);
    store.removed({ userId: "me", statusIds: ["m1"] });
    expect(store.getState().mine).toEqual([]);
  });
});
