// The environment settings, validated once: DATA_DIR, MAX_UPLOAD_MB, MAX_JSON_BODY_KB, DEMO_MODE, TRUSTED_PROXY_HOPS, the mail settings, and how one signs in.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATA_DIR: z.string().default("data"),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
  // Every JSON body of the API (and next-auth's forms) is refused above this, before it is read whole.
  MAX_JSON_BODY_KB: z.coerce.number().int().min(1).max(10_240).default(64),
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("ITU-T contribution tracker <no-reply@tracker.example>"),
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For; the client's address is
   * the entry that many from the end. 0: the header is ignored and the socket's peer is the client.
   */
  TRUSTED_PROXY_HOPS: z.string().regex(/^\d{1,2}$/, "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10").transform(Number).pipe(z.number().max(10, "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10")).default(0),
});

export type Settings = { dataDir: string; maxUploadBytes: number; maxJsonBodyBytes: number; demoMode: boolean; smtpUrl: string | null; mailFrom: string; trustedProxyHops: number };

let cached: { key: string; value: Settings } | undefined;

/** Validated once per distinct environment (tests change it; a server does not). */
export function settings(): Settings {
  const key = [process.env.DATA_DIR, process.env.MAX_UPLOAD_MB, process.env.MAX_JSON_BODY_KB, process.env.DEMO_MODE, process.env.SMTP_URL, process.env.MAIL_FROM, process.env.TRUSTED_PROXY_HOPS].join("\u0000");
  if (cached?.key === key) return cached.value;
  const env = schema.parse(process.env);
  const value: Settings = {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR),
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    maxJsonBodyBytes: env.MAX_JSON_BODY_KB * 1024,
    demoMode: env.DEMO_MODE === "1",
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  };
  cached = { key, value };
  return value;
}

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}

// ---------------------------------------------------------------- sign-in: single sign-on and passwords

const flag = z.enum(["0", "1"]);
/** An empty variable counts as unset: deployment files often carry `OIDC_ISSUER=` as a placeholder. */
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().optional());

const signInSchema = z.object({
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: optionalText,
  OIDC_PENDING_ACCOUNTS: optionalText,
  PASSWORD_SIGN_IN: z.preprocess((v) => (v === "" ? undefined : v), flag.default("1")),
  BREAK_GLASS_EMAILS: optionalText,
});

export type OidcSettings = {
  /** the issuer exactly as the provider names itself, without a trailing slash */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the button's label, "Sign in with <name>"; null: the catalog's generic wording */
  name: string | null;
  /**
   * Whether an unknown verified e-mail opens an account awaiting the secretariat's approval: null (no),
   * "any" address, or only addresses of these domains (lower case).
   */
  pendingAccounts: PendingAccountPolicy;
};

export type PendingAccountPolicy = null | "any" | string[];

export type SignInSettings = {
  oidc: OidcSettings | null;
  /** false: the password form and the token endpoint accept only the break-glass secretariat accounts */
  passwordSignIn: boolean;
  /** lower-case e-mail addresses of secretariat accounts that may always sign in with a password */
  breakGlassEmails: string[];
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why the issuer cannot be used, or null. Plain http only on loopback (a test provider). */
function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "is not a URL";
  }
  if (url.search || url.hash) return "must not carry a query or a fragment";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  return "must be an https URL (plain http only on loopback, for tests)";
}

let signInCached: { key: string; value: SignInSettings } | undefined;

/**
 * The sign-in settings, validated once per distinct environment. A half-configured provider, an
 * issuer that is not https, or PASSWORD_SIGN_IN=0 without a provider stop the server at start
 * (scripts/setup-db.ts reads these first) with a message that names the variable.
 */
export function signInSettings(): SignInSettings {
  const names = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "OIDC_PENDING_ACCOUNTS", "PASSWORD_SIGN_IN", "BREAK_GLASS_EMAILS"] as const;
  const key = names.map((n) => process.env[n] ?? "").join("\u0000");
  if (signInCached?.key === key) return signInCached.value;
  const value = signInSettingsFrom(process.env);
  signInCached = { key, value };
  return value;
}

/** The same, from a plain record of variables (the tests give their own). */
export function signInSettingsFrom(vars: Record<string, string | undefined>): SignInSettings {
  const parsed = signInSchema.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Sign-in settings: ${String(issue?.path[0] ?? "")} must be 0 or 1.`);
  }
  const env = parsed.data;
  const given = (["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const).filter((n) => env[n] !== undefined);
  if (given.length > 0 && given.length < 3) {
    const missing = (["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const).filter((n) => env[n] === undefined);
    throw new Error(`Sign-in settings: single sign-on needs ${missing.join(" and ")} as well as ${given.join(" and ")}.`);
  }
  const pendingText = env.OIDC_PENDING_ACCOUNTS?.toLowerCase();
  const pendingDomains = (pendingText ?? "").split(/[\s,;]+/).filter((d) => d.length > 0);
  const pendingAccounts: PendingAccountPolicy = !pendingText || pendingText === "0" ? null : pendingText === "1" ? "any" : pendingDomains;
  const oddDomain = Array.isArray(pendingAccounts) ? pendingAccounts.find((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) : undefined;
  if (oddDomain) throw new Error(`Sign-in settings: OIDC_PENDING_ACCOUNTS is 0, 1 or a list of e-mail domains; "${oddDomain}" is none of them.`);
  let oidc: OidcSettings | null = null;
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    const problem = issuerProblem(env.OIDC_ISSUER);
    if (problem) throw new Error(`Sign-in settings: OIDC_ISSUER ${problem}: ${env.OIDC_ISSUER}`);
    oidc = {
      issuer: env.OIDC_ISSUER.replace(/\/+$/, ""),
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      name: env.OIDC_NAME ?? null,
      pendingAccounts,
    };
  } else if (pendingAccounts !== null) {
    throw new Error("Sign-in settings: OIDC_PENDING_ACCOUNTS needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).");
  }
  const passwordSignIn = env.PASSWORD_SIGN_IN === "1";
  if (!passwordSignIn && !oidc) {
    throw new Error("Sign-in settings: PASSWORD_SIGN_IN=0 needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody but the break-glass accounts could sign in.");
  }
  const breakGlassEmails = (env.BREAK_GLASS_EMAILS ?? "")
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.length > 0);
  const malformed = breakGlassEmails.find((e) => !/^[^\s@]+@[^\s@]+$/.test(e));
  if (malformed) throw new Error(`Sign-in settings: BREAK_GLASS_EMAILS holds something that is not an e-mail address: ${malformed}`);
  return { oidc, passwordSignIn, breakGlassEmails };
}
