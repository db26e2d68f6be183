// Password hashing with argon2id (off the main thread, in the native addon).
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Verified against when the e-mail is unknown, so that both failures take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("no account has this password");
  return dummy;
}

export const MIN_PASSWORD_LENGTH = 12;
