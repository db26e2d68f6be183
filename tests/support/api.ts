// Calls the API route handlers directly with real Requests (bearer tokens), and looks at what an upload left behind.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { count, eq } from "drizzle-orm";
import { contributions, contributionVersions, lateRequests, refusedAttempts, storedFiles, users } from "@/db/schema";
import { DEMO_PASSWORD, SG20_MEETING_CODE } from "@/lib/config/demo";
import { issueToken } from "@/lib/data/tokens";
import * as contributionRoute from "@/app/api/v1/contributions/[id]/route";
import * as fileRoute from "@/app/api/v1/contributions/[id]/file/route";
import * as revisionsRoute from "@/app/api/v1/contributions/[id]/revisions/route";
import * as withdrawalRoute from "@/app/api/v1/contributions/[id]/withdrawal/route";
import * as meetingContributionsRoute from "@/app/api/v1/meetings/[code]/contributions/route";
import * as lateRequestsRoute from "@/app/api/v1/meetings/[code]/late-requests/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import type { TestEnv } from "./db";

export const ORIGIN = "http://127.0.0.1";
export const MEETING = SG20_MEETING_CODE;

export const SECRETARIAT = "tsb.sg20@secretariat.example";
export const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";
export const SWITZERLAND = "delegate@admin-ch.example";
export const TELCO = "delegate@telco.example";
export const UNIVERSITY = "delegate@university.example";
export const ASSOCIATE_SG20 = "delegate@associate-sg20.example";
export const ASSOCIATE_SG17 = "delegate@associate-sg17.example";

/** A bearer token for a demo account, issued through the same path as POST /api/v1/tokens. */
export async function tokenFor(email: string, label = "test"): Promise<string> {
  const issued = await issueToken(email, DEMO_PASSWORD, label, "test");
  if (!issued.ok) throw new Error(`no token for ${email}: ${issued.key}`);
  return issued.value.token;
}

/** Tokens for several accounts at once (each costs one password verification). */
export async function tokensFor<E extends string>(emails: readonly E[]): Promise<Record<E, string>> {
  const out = {} as Record<E, string>;
  for (const email of emails) out[email] = await tokenFor(email);
  return out;
}

export function sha256(bytes: Buffer | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type Contact = { name: string; organization: string; country: string; phone: string; email: string };

export const CONTACT: Contact = {
  name: "Marc Dubois",
  organization: "OFCOM",
  country: "Switzerland",
  phone: "+41 58 460 55 00",
  email: "marc.dubois@admin-ch.example",
};

export function metadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Proposed requirements for IoT device onboarding",
    questions: ["Q3/20"],
    purpose: "Proposal",
    abstract: "This contribution proposes requirements.",
    keywords: "IoT; onboarding",
    contacts: [CONTACT],
    ...overrides,
  };
}

export type UploadBody = {
  /** JSON value, or a raw string sent as is (malformed JSON), or null for no metadata part */
  metadata?: unknown;
  file?: { bytes: Buffer; name: string } | null;
  extraFiles?: Array<{ field: string; bytes: Buffer; name: string }>;
};

export function uploadForm(body: UploadBody): FormData {
  const form = new FormData();
  if (body.metadata !== null) {
    const meta = body.metadata === undefined ? metadata() : body.metadata;
    form.append("metadata", typeof meta === "string" ? meta : JSON.stringify(meta));
  }
  if (body.file) form.append("file", new File([new Uint8Array(body.file.bytes)], body.file.name));
  for (const extra of body.extraFiles ?? []) form.append(extra.field, new File([new Uint8Array(extra.bytes)], extra.name));
  return form;
}

function auth(token: string | null, headers: Record<string, string> = {}): Record<string, string> {
  return token ? { authorization: `Bearer ${token}`, ...headers } : headers;
}

const codeParams = (code: string) => ({ params: Promise.resolve({ code }) });
const idParams = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function jsonOf(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/** POST /api/v1/meetings/{code}/contributions */
export function postContribution(token: string | null, body: UploadBody, code = MEETING, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/meetings/${encodeURIComponent(code)}/contributions`, {
    method: "POST",
    headers: auth(token, headers),
    body: uploadForm(body),
  });
  return meetingContributionsRoute.POST(request, codeParams(code));
}

/** POST /api/v1/meetings/{code}/contributions with any body (streams, other content types). */
export function postContributionRaw(token: string | null, init: RequestInit & { duplex?: "half" }, code = MEETING): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/meetings/${encodeURIComponent(code)}/contributions`, {
    method: "POST",
    ...init,
    headers: auth(token, (init.headers as Record<string, string>) ?? {}),
  });
  return meetingContributionsRoute.POST(request, codeParams(code));
}

/** POST /api/v1/meetings/{code}/late-requests */
export function postLateRequest(token: string | null, body: UploadBody, code = MEETING): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/meetings/${encodeURIComponent(code)}/late-requests`, {
    method: "POST",
    headers: auth(token),
    body: uploadForm(body),
  });
  return lateRequestsRoute.POST(request, codeParams(code));
}

/** GET /api/v1/meetings/{code}/contributions */
export function listContributions(token: string | null, code = MEETING): Promise<Response> {
  return meetingContributionsRoute.GET(new Request(`${ORIGIN}/api/v1/meetings/${encodeURIComponent(code)}/contributions`, { headers: auth(token) }), codeParams(code));
}

/** GET /api/v1/contributions/{id} */
export function getContributionJson(token: string | null, id: number): Promise<Response> {
  return contributionRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/${id}`, { headers: auth(token) }), idParams(id));
}

/** GET /api/v1/contributions/{id}/file[?version=] */
export function getFile(token: string | null, id: number, version?: number): Promise<Response> {
  const query = version === undefined ? "" : `?version=${version}`;
  return fileRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/${id}/file${query}`, { headers: auth(token) }), idParams(id));
}

/** POST /api/v1/contributions/{id}/revisions[?asLateRequest=1] */
export function postRevision(token: string | null, id: number, body: UploadBody, opts: { asLateRequest?: boolean } = {}): Promise<Response> {
  const query = opts.asLateRequest ? "?asLateRequest=1" : "";
  const request = new Request(`${ORIGIN}/api/v1/contributions/${id}/revisions${query}`, {
    method: "POST",
    headers: auth(token),
    body: uploadForm({ metadata: {}, ...body }),
  });
  return revisionsRoute.POST(request, idParams(id));
}

/** POST /api/v1/contributions/{id}/withdrawal */
export function postWithdrawal(token: string | null, id: number, body: unknown): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/contributions/${id}/withdrawal`, {
    method: "POST",
    headers: auth(token, { "content-type": "application/json" }),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return withdrawalRoute.POST(request, idParams(id));
}

/** DELETE /api/v1/tokens/{id} */
export function deleteToken(token: string, id: number): Promise<Response> {
  return tokenRoute.DELETE(new Request(`${ORIGIN}/api/v1/tokens/${id}`, { method: "DELETE", headers: auth(token) }), idParams(id));
}

// ---------------------------------------------------------------- what is left on disk and in the database

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every stored file under DATA_DIR/files (relative paths). */
export function storedFileList(env: TestEnv): string[] {
  const root = path.join(env.dataDir, "files");
  return walk(root).map((f) => path.relative(root, f)).sort();
}

/** Whatever is in DATA_DIR/tmp (an absent directory counts as empty). */
export function tempFileList(env: TestEnv): string[] {
  return walk(path.join(env.dataDir, "tmp"));
}

export function storedPathOf(env: TestEnv, hash: string): string {
  return path.join(env.dataDir, "files", hash.slice(0, 2), hash.slice(2, 4), hash);
}

export type Snapshot = { contributions: number; versions: number; storedFiles: number; lateRequests: number; refused: number; files: string[] };

export function snapshot(env: TestEnv): Snapshot {
  const n = (table: typeof contributions | typeof contributionVersions | typeof storedFiles | typeof lateRequests | typeof refusedAttempts) =>
    env.db.select({ n: count() }).from(table).get()!.n;
  return {
    contributions: n(contributions),
    versions: n(contributionVersions),
    storedFiles: n(storedFiles),
    lateRequests: n(lateRequests),
    refused: n(refusedAttempts),
    files: storedFileList(env),
  };
}

export function userIdOf(env: TestEnv, email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

export function organisationIdOf(env: TestEnv, email: string): number {
  return env.db.select({ org: users.organisationId }).from(users).where(eq(users.email, email)).get()!.org!;
}

/** A refused upload leaves no row, no stored file and nothing in tmp/. */
export function expectNothingStored(env: TestEnv, before: Snapshot): void {
  const after = snapshot(env);
  expect({ contributions: after.contributions, versions: after.versions, storedFiles: after.storedFiles, lateRequests: after.lateRequests, files: after.files }).toEqual({
    contributions: before.contributions,
    versions: before.versions,
    storedFiles: before.storedFiles,
    lateRequests: before.lateRequests,
    files: before.files,
  });
  expect(tempFileList(env)).toEqual([]);
}

/** The refused_attempts rows written since a snapshot, oldest first. */
export function refusedSince(env: TestEnv, before: Snapshot) {
  return env.db.select().from(refusedAttempts).orderBy(refusedAttempts.id).all().slice(before.refused);
}
