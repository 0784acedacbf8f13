// Domain services in-process, without HTTP or sockets.
import argon2 from "argon2";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Published, useServiceContext } from "../../test/helpers/service-context";
import { createApiToken, createWebSession, findSession, findSessionByToken, revokeSessions } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { getAvatar, setAvatar } from "./avatar";
import { findUsers, getUser, updateProfile } from "./profile";
import { registerUser } from "./register-user";
import { verifyCredentials } from "./verify-credentials";

let context: AppContext;
let published: Published;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ context, published, close } = await useServiceContext());
});
afterEach(async () => close());

const register = (username: string, displayName = username) =>
  registerUser(context, { username, displayName, password: "correct horse battery" }, "127.0.0.1");

describe("registerUser", () => {
  it("stores an argon2id hash, never the password", async () => {
    const { userId } = await register("Ana");
    const row = await context.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row).toMatchObject({ username: "Ana", usernameKey: "ana" });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("lets exactly one of two racing sign-ups for the same name win", async () => {
    const results = await Promise.allSettled([register("twin"), register("TWIN")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect(rejected.reason.message).toBe("Username is taken");
  });
});

describe("verifyCredentials", () => {
  it("accepts the username in any case and rejects wrong passwords generically", async () => {
    const { userId } = await register("Ben");
    expect(await verifyCredentials(context, { username: "BEN", password: "correct horse battery", ip: "1.1.1.1" })).toBe(userId);
    for (const attempt of [
      { username: "ben", password: "nope" },
      { username: "nobody", password: "correct horse battery" },
    ]) {
      await expect(verifyCredentials(context, { ...attempt, ip: "1.1.1.1" })).rejects.toMatchObject({
        code: "unauthorized",
        message: "Wrong username or password",
      });
    }
  });

  it("upgrades a hash made with older parameters at the next sign-in", async () => {
    const { userId } = await register("Old");
    const legacy = await argon2.hash("correct horse battery", { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await context.db.user.update({ where: { id: userId }, data: { passwordHash: legacy } });
    expect(await verifyCredentials(context, { username: "old", password: "correct horse battery", ip: "1.1.1.1" })).toBe(userId);
    const { passwordHash } = await context.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyCredentials(context, { username: "old", password: "correct horse battery", ip: "1.1.1.1" })).toBe(userId);
  });

  it("refuses even the right password once the username is rate limited", async () => {
    await register("cid");
    for (let i = 0; i < 10; i++) await verifyCredentials(context, { username: "cid", password: "bad", ip: `ip${i}` }).catch(() => {});
    await expect(verifyCredentials(context, { username: "cid", password: "correct horse battery", ip: "new" })).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("sessions", () => {
  it("finds live sessions and tokens, and revoking publishes to their sockets", async () => {
    const { userId } = await register("dee");
    const web = await createWebSession(context, userId, "Firefox");
    const api = await createApiToken(context, userId);
    expect(await findSession(context, web.sessionId)).toEqual({ sessionId: web.sessionId, userId });
    expect(await findSessionByToken(context, api.token)).toEqual({ sessionId: api.sessionId, userId });
    expect(await findSessionByToken(context, `${api.token}x`)).toBeNull();
    expect(await revokeSessions(context, { userId })).toBe(2);
    expect(published.sessionsRevoked).toEqual([expect.arrayContaining([web.sessionId, api.sessionId])]);
    expect(await findSession(context, web.sessionId)).toBeNull();
  });

  it("treats expired sessions as signed out", async () => {
    const { userId } = await register("eve");
    const web = await createWebSession(context, userId);
    await context.db.session.update({ where: { id: web.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findSession(context, web.sessionId)).toBeNull();
  });
});

describe("profiles", () => {
  it("updates name and about, keeps search in step, and announces the change", async () => {
    const { userId } = await register("fay", "Fay");
    const { userId: other } = await register("gus", "Gus");
    await updateProfile(context, userId, { displayName: "Fayette", about: "Hi" });
    expect(await getUser(context, userId)).toMatchObject({ displayName: "Fayette", about: "Hi" });
    // A stranger finds her only by her whole username; with an open directory, by her new name too.
    expect(await findUsers(context, other, { query: "fayette", limit: 20 })).toEqual([]);
    expect((await findUsers(context, other, { query: "FAY", limit: 20 })).map((u) => u.id)).toEqual([userId]);
    const open: AppContext = { ...context, env: { ...context.env, userDirectory: "open" } };
    expect((await findUsers(open, other, { query: "fayette", limit: 20 })).map((u) => u.id)).toEqual([userId]);
    expect(await findUsers(open, userId, { query: "", limit: 20 })).toEqual([expect.objectContaining({ id: other })]);
    expect(published.userUpdated).toEqual([userId]);
  });

  it("sets an avatar from image bytes and refuses anything else", async () => {
    const { userId } = await register("hal");
    const png = await sharp({ create: { width: 40, height: 80, channels: 4, background: "#f00" } })
      .png()
      .toBuffer();
    const user = await setAvatar(context, userId, png);
    expect(user.avatarUrl).toContain(`/api/v1/users/${userId}/avatar?v=`);
    const { data } = await getAvatar(context, userId, userId);
    expect(await sharp(Buffer.from(data)).metadata()).toMatchObject({ format: "webp", width: 256, height: 256 });
    await expect(setAvatar(context, userId, Buffer.from("GIF89a-but-not-really"))).rejects.toMatchObject({
      code: "unsupported_media_type",
    });
    expect(published.userUpdated).toEqual([userId]);
  });
});
