// The client database as earlier versions of the app made it, for upgrade tests (outbox.test.ts,
// outbox-flush.test.ts). Used by tests only.
import { openDB } from "idb";
import { dbName } from "../outbox";

/** Version 1: the outbox and cursors; version 2 added the chats kept for offline use, unsealed. */
export const oldClientDb = (userId: string, version: 1 | 2) =>
  openDB(dbName(userId), version, {
    upgrade(db) {
      db.createObjectStore("outbox", { keyPath: "id" }).createIndex("by-created", "createdAt");
      db.createObjectStore("cursors");
      if (version === 2) db.createObjectStore("chats", { keyPath: "summary.id" });
    },
  });
