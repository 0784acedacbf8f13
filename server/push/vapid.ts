// The server's VAPID key pair (RFC 8292): push services accept a subscription's pushes only when they
// are signed with the key the browser subscribed with, so every node must use the same pair, for good.
// From the environment, or made on first start and kept in the database (which all nodes share; the data
// folder is per node).
import webpush from "web-push";
import type { Db } from "../db/client";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const KEY = "vapid";

export async function vapidKeys(db: Db, fromEnv: VapidKeys | null): Promise<VapidKeys> {
  if (fromEnv) return fromEnv;
  const made = webpush.generateVAPIDKeys();
  // Insert-if-absent, then read back: nodes starting together all end up with the first pair stored.
  await db.$executeRaw`INSERT INTO "ServerSetting" ("key", "value") VALUES (${KEY}, ${JSON.stringify(made)}) ON CONFLICT ("key") DO NOTHING`;
  const stored = await db.serverSetting.findUniqueOrThrow({ where: { key: KEY } });
  return JSON.parse(stored.value) as VapidKeys;
}
