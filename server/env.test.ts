import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, resolveEnv } from "./env";

const tmp = () => mkdtempSync(path.join(tmpdir(), "cbx-env-"));

describe("environment", () => {
  it("runs with zero configuration: SQLite under ./data, port 3000, a persisted random secret", () => {
    const dir = tmp();
    const base = loadEnv({ DATA_DIR: dir });
    expect(base.port).toBe(3000);
    expect(base.databaseUrl).toBe(`file:${path.join(dir, "chatterbox.db")}`);
    const env = resolveEnv(base, 3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.allowedOrigins).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    expect(env.secureCookies).toBe(false);
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(env.authSecret);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(resolveEnv(loadEnv({ DATA_DIR: dir }), 3000).authSecret).toBe(env.authSecret);
  });

  it("derives cookies and origins from APP_URL, and honours ALLOWED_ORIGINS", () => {
    const env = resolveEnv(loadEnv({ DATA_DIR: tmp(), APP_URL: "https://chat.example.com/", AUTH_SECRET: "s".repeat(32) }), 8080);
    expect(env).toMatchObject({ appUrl: "https://chat.example.com", secureCookies: true, allowedOrigins: ["https://chat.example.com"] });
    const custom = resolveEnv(loadEnv({ DATA_DIR: tmp(), ALLOWED_ORIGINS: "https://a.example, https://b.example:8443" }), 1);
    expect(custom.allowedOrigins).toEqual(["https://a.example", "https://b.example:8443"]);
  });

  it("reads ADMIN_USERNAMES as lower-cased usernames, and refuses anything else", () => {
    expect(loadEnv({ DATA_DIR: tmp() }).adminUsernames).toEqual([]);
    expect(loadEnv({ DATA_DIR: tmp(), ADMIN_USERNAMES: " Ana, ops_Ben ,," }).adminUsernames).toEqual(["ana", "ops_ben"]);
    expect(() => loadEnv({ ADMIN_USERNAMES: "ana,not a name" })).toThrow(EnvError);
  });

  it("reports every bad variable at once", () => {
    try {
      loadEnv({ PORT: "70000", APP_URL: "ftp://x", AUTH_SECRET: "short", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/^PORT must be 0-65535/m);
      expect(problems).toMatch(/^APP_URL must be an http\(s\) URL/m);
      expect(problems).toMatch(/^AUTH_SECRET must be at least 32 characters/m);
      expect(problems).toMatch(/^LOG_LEVEL must be/m);
    }
  });

  it("turns on multi-node mode with REDIS_URL, only on PostgreSQL and with a shared AUTH_SECRET", () => {
    const pgUrl = "postgres://chat@db/chat";
    const multi = loadEnv({ REDIS_URL: "redis://127.0.0.1:6379/2", DATABASE_URL: pgUrl, AUTH_SECRET: "s".repeat(32) });
    expect(multi).toMatchObject({ redisUrl: "redis://127.0.0.1:6379/2", redisPrefix: "chatterbox:" });
    expect(loadEnv({ DATA_DIR: tmp() })).toMatchObject({ redisUrl: null });
    expect(() => loadEnv({ REDIS_URL: "http://x" })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadEnv({ REDIS_PREFIX: "has space" })).toThrow(/REDIS_PREFIX must be 1-64 letters/);
    try {
      loadEnv({ DATA_DIR: tmp(), REDIS_URL: "redis://127.0.0.1:6379" });
      expect.unreachable();
    } catch (error) {
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(
        /REDIS_URL turns on multi-node mode, which needs PostgreSQL: several server processes can't share a SQLite database/,
      );
      expect(problems).toMatch(/AUTH_SECRET must be set in multi-node mode/);
    }
  });
  it("takes VAPID keys in pairs, derives the VAPID subject from APP_URL, and reads PUSH_SERVICE_HOSTS", () => {
    const keys = { VAPID_PUBLIC_KEY: `B${"A".repeat(86)}`, VAPID_PRIVATE_KEY: "A".repeat(43) };
    expect(loadEnv({ DATA_DIR: tmp(), ...keys }).vapidKeys).toEqual({
      publicKey: keys.VAPID_PUBLIC_KEY,
      privateKey: keys.VAPID_PRIVATE_KEY,
    });
    expect(loadEnv({ DATA_DIR: tmp() }).vapidKeys).toBeNull();
    expect(() => loadEnv({ DATA_DIR: tmp(), VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY })).toThrow(/must be set together/);
    expect(() => loadEnv({ ...keys, VAPID_PRIVATE_KEY: "short" })).toThrow(/VAPID_PRIVATE_KEY must be a P-256 private key: 32 bytes/);
    expect(() => loadEnv({ VAPID_SUBJECT: "http://chat.example.com" })).toThrow(/VAPID_SUBJECT must be a mailto: address or an https: URL/);
    expect(resolveEnv(loadEnv({ DATA_DIR: tmp() }), 3000).vapidSubject).toBe("mailto:admin@localhost");
    const https = { DATA_DIR: tmp(), APP_URL: "https://chat.example.com", AUTH_SECRET: "s".repeat(32) };
    expect(resolveEnv(loadEnv(https), 1).vapidSubject).toBe("https://chat.example.com");
    expect(resolveEnv(loadEnv({ ...https, VAPID_SUBJECT: "mailto:ops@example.com" }), 1).vapidSubject).toBe("mailto:ops@example.com");
    expect(loadEnv({ DATA_DIR: tmp() }).pushServiceHosts).toContainEqual({ protocol: "https:", host: "*.push.apple.com", port: "" });
    expect(loadEnv({ DATA_DIR: tmp(), PUSH_SERVICE_HOSTS: "http://127.0.0.1:*" }).pushServiceHosts).toEqual([
      { protocol: "http:", host: "127.0.0.1", port: "*" },
    ]);
    expect(() => loadEnv({ PUSH_SERVICE_HOSTS: "fcm.googleapis.com, https://x/y" })).toThrow(
      /PUSH_SERVICE_HOSTS has entries that aren't hosts: https:\/\/x\/y/,
    );
  });
  it("reads the per-user limits, with defaults a person never reaches", () => {
    expect(loadEnv({ DATA_DIR: tmp() }).limits).toEqual({
      sendsPerMinute: 600,
      requestSendsPerHour: 100,
      groupsPerHour: 20,
      groupAddsPerHour: 2_000,
      reportsPerHour: 20,
      typingPerMinute: 60,
      socketsPerUser: 20,
      socketEventsPer10s: 1_000,
      toDevicePerHour: 100_000,
      callsPerHour: 60,
      linkPreviewsPerMinute: 30,
    });
    expect(loadEnv({ DATA_DIR: tmp(), LIMIT_REPORTS_PER_HOUR: "5" }).limits.reportsPerHour).toBe(5);
    expect(() => loadEnv({ LIMIT_SENDS_PER_MINUTE: "0" })).toThrow(/LIMIT_SENDS_PER_MINUTE must be 1-1000000/);
  });
  it("reads the private addresses link previews may fetch, each an address and port", () => {
    expect(loadEnv({ DATA_DIR: tmp() }).linkPreviewAllowedAddresses).toEqual([]);
    expect(loadEnv({ DATA_DIR: tmp(), LINK_PREVIEW_ALLOWED_ADDRESSES: "127.0.0.1:8080, [::1]:81" }).linkPreviewAllowedAddresses).toEqual([
      { address: "127.0.0.1", port: 8080 },
      { address: "::1", port: 81 },
    ]);
    expect(() => loadEnv({ LINK_PREVIEW_ALLOWED_ADDRESSES: "10.0.0.0/8" })).toThrow(/LINK_PREVIEW_ALLOWED_ADDRESSES has entries/);
  });
  it("reads the calls' STUN and TURN servers, and wants TURN's secret with its URLs", () => {
    expect(loadEnv({ DATA_DIR: tmp() }).ice).toEqual({ stunUrls: [], turn: null });
    const turn = {
      DATA_DIR: tmp(),
      STUN_URLS: "stun:turn.example.com:3478, stuns:[2001:db8::1]",
      TURN_URLS: "turn:turn.example.com:3478?transport=udp,turn:turn.example.com?transport=tcp,turns:turn.example.com:5349",
      TURN_SECRET: "s".repeat(16),
    };
    expect(loadEnv(turn).ice).toEqual({
      stunUrls: ["stun:turn.example.com:3478", "stuns:[2001:db8::1]"],
      turn: {
        urls: ["turn:turn.example.com:3478?transport=udp", "turn:turn.example.com?transport=tcp", "turns:turn.example.com:5349"],
        secret: "s".repeat(16),
        credentialTtlSeconds: 3600,
      },
    });
    expect(loadEnv({ ...turn, TURN_CREDENTIAL_TTL_SECONDS: "600" }).ice.turn?.credentialTtlSeconds).toBe(600);
    expect(() => loadEnv({ ...turn, TURN_CREDENTIAL_TTL_SECONDS: "10" })).toThrow(/TURN_CREDENTIAL_TTL_SECONDS must be 60-86400/);
    expect(() => loadEnv({ ...turn, TURN_SECRET: "short" })).toThrow(
      /TURN_SECRET must be at least 16 characters: coturn's static-auth-secret/,
    );
    expect(() => loadEnv({ ...turn, TURN_SECRET: undefined })).toThrow(/TURN_SECRET must be set when TURN_URLS is/);
    expect(() => loadEnv({ DATA_DIR: tmp(), TURN_SECRET: "s".repeat(16) })).toThrow(/TURN_SECRET is set but TURN_URLS isn't/);
    for (const STUN_URLS of ["turn:turn.example.com", "stun://turn.example.com", "stun:turn.example.com:70000", "stun:host?transport=udp"])
      expect(() => loadEnv({ STUN_URLS })).toThrow(/STUN_URLS must be a comma-separated list of stun: or stuns: URLs/);
    for (const TURN_URLS of ["stun:turn.example.com", "turn:turn.example.com?transport=sctp", "https://turn.example.com", "turn:"])
      expect(() => loadEnv({ TURN_URLS, TURN_SECRET: "s".repeat(16) })).toThrow(
        /TURN_URLS must be a comma-separated list of turn: or turns: URLs/,
      );
  });

  it("keeps media on disk unless S3_BUCKET is set, and reads how to reach the bucket from the other S3_* variables", () => {
    expect(loadEnv({ DATA_DIR: tmp() }).s3).toBeNull();
    // AWS S3: the endpoint follows from the region, the credentials from the SDK's own chain.
    expect(loadEnv({ S3_BUCKET: "chat-media" }).s3).toEqual({
      bucket: "chat-media",
      endpoint: null,
      region: "us-east-1",
      credentials: null,
      forcePathStyle: false,
      prefix: "",
    });
    // MinIO, Garage, Ceph RGW: an endpoint of their own, reached by path unless told otherwise.
    const minio = {
      S3_BUCKET: "chatterbox",
      S3_ENDPOINT: "http://127.0.0.1:9000/",
      S3_REGION: "garage",
      S3_ACCESS_KEY_ID: "GK123",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_PREFIX: "prod/chat/",
    };
    expect(loadEnv(minio).s3).toEqual({
      bucket: "chatterbox",
      endpoint: "http://127.0.0.1:9000",
      region: "garage",
      credentials: { accessKeyId: "GK123", secretAccessKey: "secret" },
      forcePathStyle: true,
      prefix: "prod/chat/",
    });
    expect(loadEnv({ ...minio, S3_FORCE_PATH_STYLE: "false" }).s3?.forcePathStyle).toBe(false);
    expect(loadEnv({ S3_BUCKET: "chat-media", S3_FORCE_PATH_STYLE: "yes" }).s3?.forcePathStyle).toBe(true);
  });

  it("refuses S3 settings that are incomplete or malformed, naming the variable", () => {
    expect(() => loadEnv({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_PREFIX: "chat/" })).toThrow(
      /S3_BUCKET must be set when S3_ENDPOINT, S3_PREFIX are: it turns on media on object storage/,
    );
    expect(() => loadEnv({ S3_REGION: "eu-west-1" })).toThrow(/S3_BUCKET must be set when S3_REGION is/);
    expect(() => loadEnv({ S3_BUCKET: "chat-media", S3_ACCESS_KEY_ID: "GK123" })).toThrow(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/,
    );
    expect(() => loadEnv({ S3_BUCKET: "chat-media", S3_SECRET_ACCESS_KEY: "secret" })).toThrow(/must be set together/);
    try {
      loadEnv({
        S3_BUCKET: "Chat_Media",
        S3_ENDPOINT: "s3.example.com",
        S3_PREFIX: "/chat",
        S3_FORCE_PATH_STYLE: "maybe",
        S3_REGION: "eu west",
      });
      expect.unreachable();
    } catch (error) {
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/^S3_BUCKET must be a bucket name: 3-63 lower-case letters/m);
      expect(problems).toMatch(/^S3_ENDPOINT must be the http\(s\) URL of your S3-compatible service/m);
      expect(problems).toMatch(/^S3_PREFIX must be folder names, each ending in \//m);
      expect(problems).toMatch(/^S3_FORCE_PATH_STYLE must be true or false/m);
      expect(problems).toMatch(/^S3_REGION must be a region name/m);
    }
  });
});
