// One real server for a test file, on one of the test databases: started before the file's tests and
// stopped after them. It comes with a clock the test can move (TEST_CLOCK_FILE), a driver on its database,
// users who each sign up from an address of their own (TRUST_PROXY is on, so the sign-up rate limit stays
// out of the way), and sockets that are closed at the end.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll } from "vitest";
import type { UploadedFile } from "../../lib/contracts/media";
import { createDriver, type Driver } from "../../server/store/driver";
import { createUser, request, type TestSocket, type TestUser } from "./client";
import type { TestDatabase } from "./databases";
import { online } from "./messaging";
import { type RunningServer, startServer } from "./server";

export interface TestServer {
  readonly base: string;
  /** The server's process id (for reading its memory). */
  readonly pid: number;
  /** The server's database, for checking what is (or isn't) stored. */
  readonly db: Driver;
  /** The server's DATA_DIR (media files live under media/). */
  readonly dataDir: string;
  /** Moves the server's clock forward. */
  advance(ms: number): void;
  /** How far it was moved, in ms. */
  readonly clockOffset: number;
  /** New users, each signing up from an address of their own. */
  people(...names: string[]): Promise<TestUser[]>;
  /** A connected socket for the user, closed when the file's tests are done. */
  connectAs(user: TestUser): Promise<TestSocket>;
  /** Uploads a 40x30 PNG of one colour (a new blob per colour) as the user's image. */
  uploadPhoto(user: TestUser, background: string): Promise<UploadedFile>;
}

/** Uploads a 40x30 PNG of one colour (a new blob per colour) as the user's image, to the server at `base`. */
export async function uploadPhoto(base: string, user: TestUser, background: string): Promise<UploadedFile> {
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file_type", "image");
  form.append("file", new Blob([new Uint8Array(photo)]), "dot.png");
  return (await request<UploadedFile>(base, "POST", "/api/v1/media", { token: user.token, body: form })).body;
}

/** Uploads `ciphertext` as an end-to-end encrypted file of `kind` (stored as it comes, never read); throws unless 201. */
export async function uploadEncrypted(base: string, user: TestUser, ciphertext: Blob, kind = "image"): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file_type", kind);
  form.append("encrypted", "true");
  form.append("file", ciphertext, "encrypted");
  const res = await request<UploadedFile>(base, "POST", "/api/v1/media", { token: user.token, body: form });
  if (res.status !== 201) throw new Error(`encrypted upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function useTestServer(database: TestDatabase, env: Record<string, string> = {}): TestServer {
  let server: RunningServer;
  let db: Driver;
  let dataDir: string;
  let clockFile: string;
  let offset = 0;
  let signUps = 0;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const url = database.url();
    dataDir = mkdtempSync(path.join(tmpdir(), "cbx-test-"));
    clockFile = path.join(dataDir, "clock-offset");
    server = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir, TEST_CLOCK_FILE: clockFile, TRUST_PROXY: "true", ...env });
    db = createDriver(url);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.close();
    await server?.stop();
  });

  return {
    get base() {
      return server.url;
    },
    get pid() {
      return server.process.pid as number;
    },
    get db() {
      return db;
    },
    get dataDir() {
      return dataDir;
    },
    get clockOffset() {
      return offset;
    },
    advance(ms) {
      offset += ms;
      writeFileSync(clockFile, String(offset));
    },
    people(...names) {
      return Promise.all(
        names
          .map(() => ++signUps)
          .map((k, i) => createUser(server.url, names[i], { "x-forwarded-for": `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}` })),
      );
    },
    uploadPhoto: (user, background) => uploadPhoto(server.url, user, background),
    async connectAs(user) {
      const socket = await online(server.url, user);
      sockets.push(socket);
      return socket;
    },
  };
}
