// Two nodes, each with a DATA_DIR of its own (as on two machines), sharing media through one bucket of a
// real S3-compatible server (s3rver): a resumable upload begun on one node is finished on the other, and
// the file it became downloads from the first. Uses the machine's PostgreSQL (a fresh database) and Redis
// (a fresh key prefix), like the other multi-node tests.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { createUser, request } from "../helpers/client";
import { freshPostgres } from "../helpers/databases";
import { openDirect } from "../helpers/messaging";
import { dropPrefix, testRedisUrl, uniquePrefix } from "../helpers/redis";
import { startS3, type TestS3 } from "../helpers/s3-server";
import { completeUpload, interruptedUpload, uploadOffset } from "../helpers/tus";
import { type Cluster, startCluster } from "./cluster";

const multiNode = Boolean(process.env.TEST_DATABASE_URL && testRedisUrl);

describe.runIf(multiNode)("two nodes sharing media through S3-compatible object storage", () => {
  let s3: TestS3;
  let cluster: Cluster;
  let drop: () => Promise<void>;
  const redisPrefix = uniquePrefix();
  const dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "cbx-node-")));

  beforeAll(async () => {
    s3 = await startS3();
    const database = await freshPostgres();
    drop = database.drop;
    cluster = await startCluster({
      size: 2,
      databaseUrl: database.url,
      redisUrl: testRedisUrl as string,
      redisPrefix,
      nodeEnv: (i) => ({ DATA_DIR: dataDirs[i], ...s3.env("shared/") }),
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await drop?.();
    await dropPrefix(testRedisUrl as string, redisPrefix);
    await s3?.close();
  });

  it("finishes on node B a resumable upload begun on node A, and serves the file from node A", async () => {
    const [a, b] = [cluster.url(0), cluster.url(1)];
    const [ana, ben] = [await createUser(a, "Ana"), await createUser(b, "Ben")];
    const noisy = await sharp({
      create: { width: 700, height: 700, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    const metadata = { file_type: "image", filename: "noise.jpg" };

    const onA = await interruptedUpload(a, ana.token, noisy, metadata);
    // Node A has stored all it received (HEAD waits for the interrupted request there to finish).
    const { offset } = await uploadOffset(onA, ana.token);
    expect(offset).toBeGreaterThanOrEqual(128 * 1024);
    expect(offset).toBeLessThan(noisy.length);
    const onB = onA.replace(a, b);
    expect(await uploadOffset(onB, ana.token)).toEqual({ status: 200, offset });
    expect((await uploadOffset(onB, ben.token)).status).toBe(404);

    const { file, resumedFrom } = await completeUpload({ uploadUrl: onB }, ana.token, noisy, metadata);
    expect(resumedFrom).toBeGreaterThanOrEqual(offset);
    expect(file).toMatchObject({ sha256: createHash("sha256").update(noisy).digest("hex"), mime: "image/jpeg", size: noisy.length });

    const chat = await openDirect(b, ana, ben);
    const sent = await request<{ message: ChatMessage }>(b, "POST", "/api/v1/messages", {
      token: ana.token,
      json: { id: `s3-nodes-${Date.now()}`, conversationId: chat.id, type: "image", fileId: file.fileId },
    });
    expect(sent.status).toBe(201);
    const got = await fetch(`${a}/api/v1/media/${file.fileId}`, { headers: { authorization: `Bearer ${ben.token}` } });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(noisy)).toBe(true);
    const thumbnail = await fetch(`${a}/api/v1/media/${file.fileId}/thumbnail`, { headers: { authorization: `Bearer ${ben.token}` } });
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");

    // Everything is in the bucket: the blob, and nothing left of the upload; no node keeps media on its disk.
    expect(await s3.keys("shared/")).toEqual([`shared/media/${file.sha256.slice(0, 2)}/${file.sha256.slice(2, 4)}/${file.sha256}`]);
    expect(await s3.multipartUploads()).toEqual([]);
    for (const dir of dataDirs.map((d) => path.join(d, "media")).filter(existsSync))
      expect(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())).toEqual([]);
  });
});
