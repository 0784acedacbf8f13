import argon2 from "argon2";

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). The library's default (64 MiB,
 * 3 passes, 4 lanes) took ~200 ms a hash on a 2-core server, capping sign-ins at a few per second and
 * making every sign-in a cheap way to load the server (see docs/performance.md).
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false);

/** Hashes made with other parameters are replaced at the next successful sign-in. */
export const needsRehash = (hash: string): boolean => argon2.needsRehash(hash, OPTIONS);

/** A hash to verify against when the username doesn't exist, so timing doesn't reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
};
