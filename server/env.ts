// Environment, validated once at start; every bad variable is reported with its own message.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DOCUMENT_MAX_MB, DEFAULT_MEDIA_MAX_MB } from "../lib/contracts/media";
import { DEFAULT_DELETE_WINDOW_HOURS, DEFAULT_EDIT_WINDOW_MINUTES } from "../lib/contracts/message-actions";
import { type AllowedAddress, parseAllowedAddresses } from "./link-preview/address-policy";
import { DEFAULT_PUSH_SERVICE_HOSTS, type PushHostRule, parsePushHosts } from "./push/endpoint-hosts";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A whole number from `min` to `max`, with one message for anything else. */
const intBetween = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int({ error: `must be ${min}-${max}` })
    .min(min, { error: `must be ${min}-${max}` })
    .max(max, { error: `must be ${min}-${max}` });

const urlString = z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://chat.example.com" });

/** A comma-separated list, spaces and empty entries dropped, each entry checked by `item`. */
const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

/**
 * An ICE server's URL as browsers take it (RFC 7064, 7065): `<scheme>:<host>[:<port>]`, a TURN one with an
 * optional `?transport=udp|tcp`.
 */
const iceUrl = (kind: "stun" | "turn", error: string) => {
  const pattern =
    kind === "stun"
      ? /^stuns?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/
      : /^turns?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:\?transport=(?:udp|tcp))?$/;
  return z.string().refine(
    (url) => {
      const match = url.match(pattern);
      return match !== null && (match[1] === undefined || (Number(match[1]) >= 1 && Number(match[1]) <= 65535));
    },
    { error },
  );
};

/** base64url (no padding) of exactly `bytes` bytes. */
const base64urlBytes = (bytes: number, what: string) =>
  z.string().refine((s) => /^[A-Za-z0-9_-]+$/.test(s) && Buffer.from(s, "base64url").length === bytes, {
    error: `must be ${what}: ${bytes} bytes in base64url (npx web-push generate-vapid-keys makes a pair)`,
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
  PORT: intBetween(0, 65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  APP_URL: urlString.optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, { error: "must start with file: (SQLite) or postgres:// (PostgreSQL)" })
    .optional(),
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters (try: openssl rand -base64 32)" }).optional(),
  ALLOWED_ORIGINS: commaList(z.url({ error: "must be a comma-separated list of origins like https://chat.example.com" })).optional(),
  TRUST_PROXY: booleanString.default(false),
  E2EE_BY_DEFAULT: booleanString.default(true),
  USER_DIRECTORY: z.enum(["private", "open"], { error: "must be private or open" }).default("private"),
  ADMIN_USERNAMES: commaList(
    z.string().regex(/^[A-Za-z0-9_]{3,32}$/, { error: "must be a comma-separated list of usernames like ana,ben_ops" }),
  ).optional(),
  SESSION_MAX_AGE_DAYS: intBetween(1, 365).default(30),
  GROUP_MAX_MEMBERS: intBetween(2, 100_000).default(1024),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL like redis://127.0.0.1:6379" }).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { error: "must be 1-64 letters, digits or :_.- (e.g. chatterbox:)" })
    .default("chatterbox:"),
  MEDIA_MAX_MB: intBetween(1, 2048).default(DEFAULT_MEDIA_MAX_MB),
  DOCUMENT_MAX_MB: intBetween(1, 2048).default(DEFAULT_DOCUMENT_MAX_MB),
  EDIT_WINDOW_MINUTES: intBetween(0, 525_600).default(DEFAULT_EDIT_WINDOW_MINUTES),
  DELETE_WINDOW_HOURS: intBetween(0, 87_600).default(DEFAULT_DELETE_WINDOW_HOURS),
  DISAPPEARING_SWEEP_SECONDS: intBetween(1, 3600).default(30),
  STATUS_SWEEP_SECONDS: intBetween(1, 3600).default(60),
  // Email (issue 10): without SMTP_URL, emails are written to DATA_DIR/outbox as .eml files.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL like smtps://user:pass@smtp.example.com:465" })
    .optional(),
  MAIL_FROM: z.string().trim().min(3, { error: 'must be an address like "Chatterbox <chat@example.com>"' }).optional(),
  DIGEST_SWEEP_SECONDS: intBetween(1, 86_400).default(300),
  TEST_CLOCK_FILE: z.string().min(1).optional(),
  TEST_CRASH_AFTER_COMMITS: z.coerce.number({ error: "must be a number" }).int().min(1, { error: "must be 1 or more" }).optional(),
  METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters (try: openssl rand -hex 24)" }).optional(),
  // Web Push: the server's VAPID key pair (base64url, as web-push generate-vapid-keys prints it), and its contact.
  VAPID_PUBLIC_KEY: base64urlBytes(65, "an uncompressed P-256 public key").optional(),
  VAPID_PRIVATE_KEY: base64urlBytes(32, "a P-256 private key").optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, {
      error: "must be a mailto: address or an https: URL, like mailto:admin@example.com",
    })
    .optional(),
  PUSH_SERVICE_HOSTS: z.string().optional(),
  // Calls: the STUN and TURN servers devices are told to use (server/services/ice-servers.ts).
  STUN_URLS: commaList(iceUrl("stun", "must be a comma-separated list of stun: or stuns: URLs like stun:turn.example.com:3478")).optional(),
  TURN_URLS: commaList(
    iceUrl(
      "turn",
      "must be a comma-separated list of turn: or turns: URLs like turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349?transport=tcp",
    ),
  ).optional(),
  TURN_SECRET: z
    .string()
    .min(16, { error: "must be at least 16 characters: coturn's static-auth-secret (try: openssl rand -hex 32)" })
    .optional(),
  TURN_CREDENTIAL_TTL_SECONDS: intBetween(60, 86_400).default(3600),
  // Per-user abuse limits (docs/api.md#limits).
  LIMIT_SENDS_PER_MINUTE: intBetween(1, 1_000_000).default(600),
  LIMIT_REQUEST_SENDS_PER_HOUR: intBetween(1, 1_000_000).default(100),
  LIMIT_GROUPS_PER_HOUR: intBetween(1, 1_000_000).default(20),
  LIMIT_GROUP_ADDS_PER_HOUR: intBetween(1, 10_000_000).default(2_000),
  LIMIT_REPORTS_PER_HOUR: intBetween(1, 1_000_000).default(20),
  LIMIT_TYPING_PER_MINUTE: intBetween(1, 1_000_000).default(60),
  LIMIT_SOCKETS_PER_USER: intBetween(1, 1_000_000).default(20),
  LIMIT_SOCKET_EVENTS_PER_10S: intBetween(1, 10_000_000).default(1_000),
  LIMIT_TO_DEVICE_PER_HOUR: intBetween(1, 100_000_000).default(100_000),
  LIMIT_CALLS_PER_HOUR: intBetween(1, 1_000_000).default(60),
  LIMIT_LINK_PREVIEWS_PER_MINUTE: intBetween(1, 1_000_000).default(30),
  // Link previews: private addresses (address:port) the fetcher may reach all the same (tests, an intranet page).
  LINK_PREVIEW_ALLOWED_ADDRESSES: z.string().optional(),
  // Media on S3-compatible object storage (server/media/s3-storage.ts): S3_BUCKET turns it on.
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be a bucket name: 3-63 lower-case letters, digits, dots or hyphens" })
    .optional(),
  S3_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      error: "must be the http(s) URL of your S3-compatible service, like https://s3.example.com or http://127.0.0.1:9000",
    })
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a region name like us-east-1 (1-64 letters, digits, - or _)" })
    .optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanString.optional(),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9!_.*'()-]+\/)+$/, { error: "must be folder names, each ending in /, like chatterbox/ or chat/media/" })
    .optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be fatal, error, warn, info, debug, trace or silent",
    })
    .default("info"),
});

/** Per-user abuse limits (see server/abuse-limits.ts and docs/api.md#limits). */
export interface Limits {
  /** Messages a user sends, counted on each node. */
  sendsPerMinute: number;
  /** Of those, messages into a message request the other person hasn't accepted, counted across nodes. */
  requestSendsPerHour: number;
  groupsPerHour: number;
  /** People added to groups (at creation and after). */
  groupAddsPerHour: number;
  reportsPerHour: number;
  /** typing:start events a user sends, counted on each node (more are dropped). */
  typingPerMinute: number;
  /** Open sockets per user on one node. */
  socketsPerUser: number;
  /** Payloads a user queues for other devices (room keys: a 1,024-member group's key is 1,023), counted across nodes. */
  toDevicePerHour: number;
  /** Events of any kind a user's sockets may send in 10 seconds, together, counted on each node. */
  socketEventsPer10s: number;
  /** Calls a user starts, counted across nodes. */
  callsPerHour: number;
  /** Links a user asks the server to preview, counted across nodes. */
  linkPreviewsPerMinute: number;
}

/** Media on S3-compatible object storage (server/media/s3-storage.ts), from the S3_* variables. */
export interface S3Config {
  bucket: string;
  /** The service's URL (MinIO, Garage, Ceph RGW...); null for AWS S3, whose endpoint follows from the region. */
  endpoint: string | null;
  region: string;
  /** Static keys; null: the AWS SDK's own chain (AWS_* variables, ~/.aws, an instance or pod role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Bucket in the path (https://host/bucket/key) rather than in the host name (https://bucket.host/key). */
  forcePathStyle: boolean;
  /** Put before every key: "" or folder names each ending in "/". */
  prefix: string;
}

/** Calls' ICE servers, as devices are told them (server/services/ice-servers.ts). */
export interface IceConfig {
  stunUrls: string[];
  /** coturn, with the TURN REST API's shared secret (null: no relay, so calls between strict NATs fail). */
  turn: { urls: string[]; secret: string; credentialTtlSeconds: number } | null;
}

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Public origin of the app, e.g. http://localhost:3000 (no trailing slash). */
  appUrl: string;
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string;
  authSecret: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  /** The app starts end-to-end encrypting a chat once every member has a device (off while encrypted media is to come). */
  e2eeByDefault: boolean;
  /**
   * Who finding people shows: "private", only someone's exact username, plus the people I share a chat or a
   * group with; "open", anyone whose name or username matches (a community server's full directory).
   */
  userDirectory: "private" | "open";
  sessionMaxAgeSeconds: number;
  groupMaxMembers: number;
  /** Lower-cased usernames that are admins: when they sign up, and at every start if they exist. */
  adminUsernames: string[];
  /** Bearer token for GET /metrics; without one the endpoint is off. */
  metricsToken: string | null;
  logLevel: string;
  /** Multi-node mode: cross-node delivery, presence and rate limits go through this Redis (null: one process). */
  redisUrl: string | null;
  /** Prefix of every Redis key (and the Socket.IO stream), so deployments or test runs can share one Redis. */
  redisPrefix: string;
  /** Largest image, video or audio upload, and largest document, in bytes. */
  mediaMaxBytes: number;
  documentMaxBytes: number;
  /** How long after sending a message its sender may edit it, and delete it for everyone (ms). */
  editWindowMs: number;
  deleteWindowMs: number;
  /** How often expired disappearing messages are removed (ms). */
  disappearingSweepMs: number;
  /** How often expired status updates are removed (ms). */
  statusSweepMs: number;
  /** Where emails go (null: written to DATA_DIR/outbox as .eml files). */
  smtpUrl: string | null;
  /** The From of every email (MAIL_FROM, or "Chatterbox <no-reply@APP_URL's host>"). */
  mailFrom: string;
  /** How often the unread-message digest looks for users due one (ms). */
  digestSweepMs: number;
  /** Web Push: the VAPID key pair from the environment (null: generated once and kept in the database). */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** Who the push services may contact about this server (mailto: or https:). */
  vapidSubject: string;
  /** The push services the server sends to (a subscription elsewhere is refused). */
  pushServiceHosts: PushHostRule[];
  /** Private addresses and ports the link preview fetcher may reach all the same (it refuses every other). */
  linkPreviewAllowedAddresses: AllowedAddress[];
  /** Calls: the STUN and TURN servers, and the secret TURN credentials are signed with. */
  ice: IceConfig;
  /** Media on S3-compatible object storage (null: on the local disk, under DATA_DIR/media). */
  s3: S3Config | null;
  limits: Limits;
  /** Tests only: a file holding milliseconds the server's clock runs ahead of the real one (see server/clock.ts). */
  testClockFile: string | null;
  /** Fault tests only: the process kills itself (SIGKILL) right after this many commits that stored messages, before acking them. */
  crashAfterCommits: number | null;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses the environment. `port` is the port actually bound (PORT may be 0). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Omit<
  Env,
  "appUrl" | "allowedOrigins" | "secureCookies" | "authSecret" | "mailFrom" | "vapidSubject"
> & {
  raw: z.infer<typeof envSchema>;
} {
  const blankToUndefined = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`),
    );
  }
  const raw = parsed.data;
  const dataDir = path.resolve(raw.DATA_DIR);
  const databaseUrl = raw.DATABASE_URL ?? `file:${path.join(dataDir, "chatterbox.db")}`;
  if (raw.REDIS_URL) {
    // Each node would otherwise run on its own file, or fight over one: SQLite has one writer per machine.
    const problems: string[] = [];
    if (!databaseUrl.startsWith("postgres"))
      problems.push(
        "REDIS_URL turns on multi-node mode, which needs PostgreSQL: several server processes can't share a SQLite database. Set DATABASE_URL=postgres://... or remove REDIS_URL to run one process on SQLite",
      );
    if (!raw.AUTH_SECRET) problems.push("AUTH_SECRET must be set in multi-node mode: every node must sign sessions with the same secret");
    if (problems.length) throw new EnvError(problems);
  }
  if (Boolean(raw.VAPID_PUBLIC_KEY) !== Boolean(raw.VAPID_PRIVATE_KEY))
    throw new EnvError([
      "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together (or neither: the server then generates a pair and keeps it in the database)",
    ]);
  const pushHosts = parsePushHosts(raw.PUSH_SERVICE_HOSTS ?? DEFAULT_PUSH_SERVICE_HOSTS.join(","));
  if (pushHosts.bad.length)
    throw new EnvError([
      `PUSH_SERVICE_HOSTS has entries that aren't hosts: ${pushHosts.bad.join(", ")} (use host names like fcm.googleapis.com or *.push.apple.com, or scheme://host:port like http://127.0.0.1:8080)`,
    ]);
  const previewAddresses = parseAllowedAddresses(raw.LINK_PREVIEW_ALLOWED_ADDRESSES ?? "");
  if (previewAddresses.bad.length)
    throw new EnvError([
      `LINK_PREVIEW_ALLOWED_ADDRESSES has entries that aren't address:port: ${previewAddresses.bad.join(", ")} (like 127.0.0.1:8080 or [::1]:8080)`,
    ]);
  const turnUrls = raw.TURN_URLS ?? [];
  if (turnUrls.length > 0 && !raw.TURN_SECRET)
    throw new EnvError([
      "TURN_SECRET must be set when TURN_URLS is: the static-auth-secret of your coturn (at least 16 characters), which signs each device's TURN credentials",
    ]);
  if (turnUrls.length === 0 && raw.TURN_SECRET)
    throw new EnvError(["TURN_SECRET is set but TURN_URLS isn't: set TURN_URLS to your coturn's turn: URLs, or remove TURN_SECRET"]);
  return {
    raw,
    s3: s3Config(raw),
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    databaseUrl,
    trustProxy: raw.TRUST_PROXY,
    e2eeByDefault: raw.E2EE_BY_DEFAULT,
    userDirectory: raw.USER_DIRECTORY,
    sessionMaxAgeSeconds: raw.SESSION_MAX_AGE_DAYS * 86_400,
    groupMaxMembers: raw.GROUP_MAX_MEMBERS,
    adminUsernames: (raw.ADMIN_USERNAMES ?? []).map((u) => u.toLowerCase()),
    metricsToken: raw.METRICS_TOKEN ?? null,
    logLevel: raw.LOG_LEVEL,
    redisUrl: raw.REDIS_URL ?? null,
    redisPrefix: raw.REDIS_PREFIX,
    crashAfterCommits: raw.TEST_CRASH_AFTER_COMMITS ?? null,
    editWindowMs: raw.EDIT_WINDOW_MINUTES * 60_000,
    deleteWindowMs: raw.DELETE_WINDOW_HOURS * 3_600_000,
    disappearingSweepMs: raw.DISAPPEARING_SWEEP_SECONDS * 1000,
    statusSweepMs: raw.STATUS_SWEEP_SECONDS * 1000,
    smtpUrl: raw.SMTP_URL ?? null,
    digestSweepMs: raw.DIGEST_SWEEP_SECONDS * 1000,
    testClockFile: raw.TEST_CLOCK_FILE ?? null,
    vapidKeys:
      raw.VAPID_PUBLIC_KEY && raw.VAPID_PRIVATE_KEY ? { publicKey: raw.VAPID_PUBLIC_KEY, privateKey: raw.VAPID_PRIVATE_KEY } : null,
    pushServiceHosts: pushHosts.rules,
    linkPreviewAllowedAddresses: previewAddresses.allowed,
    ice: {
      stunUrls: raw.STUN_URLS ?? [],
      turn: raw.TURN_SECRET ? { urls: turnUrls, secret: raw.TURN_SECRET, credentialTtlSeconds: raw.TURN_CREDENTIAL_TTL_SECONDS } : null,
    },
    mediaMaxBytes: raw.MEDIA_MAX_MB * 1_048_576,
    limits: {
      sendsPerMinute: raw.LIMIT_SENDS_PER_MINUTE,
      requestSendsPerHour: raw.LIMIT_REQUEST_SENDS_PER_HOUR,
      groupsPerHour: raw.LIMIT_GROUPS_PER_HOUR,
      groupAddsPerHour: raw.LIMIT_GROUP_ADDS_PER_HOUR,
      reportsPerHour: raw.LIMIT_REPORTS_PER_HOUR,
      typingPerMinute: raw.LIMIT_TYPING_PER_MINUTE,
      socketsPerUser: raw.LIMIT_SOCKETS_PER_USER,
      socketEventsPer10s: raw.LIMIT_SOCKET_EVENTS_PER_10S,
      toDevicePerHour: raw.LIMIT_TO_DEVICE_PER_HOUR,
      callsPerHour: raw.LIMIT_CALLS_PER_HOUR,
      linkPreviewsPerMinute: raw.LIMIT_LINK_PREVIEWS_PER_MINUTE,
    },
    documentMaxBytes: raw.DOCUMENT_MAX_MB * 1_048_576,
  };
}

/** S3_BUCKET turns object storage on; the other S3_* variables only say how to reach it. */
function s3Config(raw: z.infer<typeof envSchema>): S3Config | null {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = raw;
  const others = (
    ["S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "S3_PREFIX"] as const
  ).filter((name) => raw[name] !== undefined);
  if (!bucket) {
    if (others.length === 0) return null;
    throw new EnvError([
      `S3_BUCKET must be set when ${others.join(", ")} ${others.length > 1 ? "are" : "is"}: it turns on media on object storage (or remove them to keep media under DATA_DIR/media)`,
    ]);
  }
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new EnvError([
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither: the AWS SDK then looks for credentials itself, in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws or an instance role)",
    ]);
  const endpoint = raw.S3_ENDPOINT?.replace(/\/+$/, "") ?? null;
  return {
    bucket,
    endpoint,
    region: raw.S3_REGION ?? "us-east-1",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
    // MinIO, Garage and Ceph RGW are usually reached by path; AWS by bucket host name.
    forcePathStyle: raw.S3_FORCE_PATH_STYLE ?? endpoint !== null,
    prefix: raw.S3_PREFIX ?? "",
  };
}

/** Completes the env once the listening port is known (PORT=0 picks a free one). */
export function resolveEnv(base: ReturnType<typeof loadEnv>, boundPort: number): Env {
  const appUrl = (base.raw.APP_URL ?? `http://localhost:${boundPort}`).replace(/\/+$/, "");
  const allowedOrigins =
    base.raw.ALLOWED_ORIGINS ??
    (base.raw.APP_URL ? [new URL(appUrl).origin] : [`http://localhost:${boundPort}`, `http://127.0.0.1:${boundPort}`]);
  return {
    ...base,
    port: boundPort,
    appUrl,
    secureCookies: appUrl.startsWith("https://"),
    allowedOrigins: allowedOrigins.map((o) => new URL(o).origin),
    authSecret: base.raw.AUTH_SECRET ?? persistentSecret(base.dataDir),
    mailFrom: base.raw.MAIL_FROM ?? `Chatterbox <no-reply@${new URL(appUrl).hostname}>`,
    vapidSubject: base.raw.VAPID_SUBJECT ?? defaultVapidSubject(appUrl),
  };
}

/**
 * The app's own https origin, or else a mailto: at its host: push services want a way to reach the
 * operator, and Apple's refuses an https subject on localhost.
 */
function defaultVapidSubject(appUrl: string): string {
  const url = new URL(appUrl);
  return url.protocol === "https:" && url.hostname !== "localhost" ? url.origin : `mailto:admin@${url.hostname}`;
}

/** Zero-setup default: a random secret made on first start and kept in the data folder. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
