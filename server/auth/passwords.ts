import argon2 from "argon2";

// argon2id with the library's defaults (OWASP-level memory cost, 3 passes).
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false);

/** A hash to verify against when the username doesn't exist, so timing doesn't reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
};
