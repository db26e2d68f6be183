// The demo outbox: reads the .eml files lib/mail/transport.ts writes in the demo (no SMTP relay). It exists in the
// demo only; elsewhere every reader gets not_found. Each reader sees the mail addressed to them; the secretariat
// also sees the mail of its own study groups, except what a one-time password link says, which only its addressee reads.
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studyGroups } from "@/db/schema";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { mailRoute, outboxDir } from "@/lib/mail/transport";
import { hasPermission, type Actor } from "@/lib/auth/permissions";

export type OutboxSummary = {
  id: string;
  /** the Date header as UTC epoch ms; null when missing or unreadable */
  at: number | null;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** what the message is (receipt, decision, contact_notice, password_link), from its X-Tracker-Kind header; null if untagged */
  kind: string | null;
  /** the study groups whose secretariat may see it (X-Tracker-Study-Group) */
  studyGroups: string[];
  /** true when the reader may know that it was sent but not read it: a password link, to anyone but its addressee */
  withheld: boolean;
};

/** `text` is null when withheld. */
export type OutboxMessage = OutboxSummary & { text: string | null };

/** The outbox shows mail in the app only in the demo, and only when mail really goes there (no SMTP relay). */
export function outboxInApp(): boolean {
  return mailRoute() === "outbox";
}

const NOT_HERE = failT("not_found", "api.notFound.message");

const ID_PATTERN = /^[0-9A-Za-z_-]{1,100}$/;
const LIST_LIMIT = 500;

// ---------------------------------------------------------------- a small MIME reader
// The file is read as latin1 so that one character is one byte; text is decoded with its charset at the end.

type Part = { headers: Map<string, string>; body: string };

function decodeBytes(binary: string, charset = "utf-8"): string {
  const bytes = Buffer.from(binary, "latin1");
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : "";
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function qpToBinary(text: string, inHeader: boolean): string {
  let s = inHeader ? text.replace(/_/g, " ") : text.replace(/=\r?\n/g, "");
  s = s.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

/** RFC 2047 encoded words ("=?UTF-8?Q?Receipt=3A_COM_20-C_1?="); whitespace between two of them is dropped. */
export function decodeHeader(value: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  const joined = value.replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, "$1");
  let out = "";
  let last = 0;
  for (const m of joined.matchAll(word)) {
    out += decodeBytes(joined.slice(last, m.index));
    const [, charset, encoding, text] = m;
    const binary = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("latin1") : qpToBinary(text, true);
    out += decodeBytes(binary, charset);
    last = m.index + m[0].length;
  }
  return out + decodeBytes(joined.slice(last));
}

function headerParams(value: string): { value: string; params: Record<string, string> } {
  const [first, ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf("=");
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase();
  const charset = headerParams(part.headers.get("content-type") ?? "text/plain").params.charset ?? "utf-8";
  let binary = part.body;
  if (encoding === "quoted-printable") binary = qpToBinary(binary, false);
  else if (encoding === "base64") binary = Buffer.from(binary.replace(/\s+/g, ""), "base64").toString("latin1");
  return decodeBytes(binary, charset).replace(/\r\n/g, "\n");
}

/** The first text/plain part that is not an attachment, depth first. */
function findText(part: Part): string | null {
  const type = headerParams(part.headers.get("content-type") ?? "text/plain");
  if (type.value.startsWith("multipart/")) {
    const boundary = type.params.boundary;
    if (!boundary) return null;
    const pieces = part.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*\\r?\\n?`));
    // The first piece is the preamble, the last the epilogue.
    for (const piece of pieces.slice(1, -1)) {
      const found = findText(splitPart(piece));
      if (found !== null) return found;
    }
    return null;
  }
  const disposition = (part.headers.get("content-disposition") ?? "").toLowerCase();
  if (type.value === "text/plain" && !disposition.startsWith("attachment")) return decodeBody(part);
  return null;
}

function addresses(header: string | undefined): string[] {
  if (!header) return [];
  return [...decodeHeader(header).matchAll(/[^\s<>,;:"()]+@[^\s<>,;:"()]+/g)].map((m) => m[0]);
}

/** Parses one .eml file's text (read as latin1). */
export function parseEml(id: string, raw: string): OutboxMessage {
  const message = splitPart(raw);
  const h = message.headers;
  // The line break that ends the file closes the message; it is not part of a single-part text.
  if (!(h.get("content-type") ?? "").toLowerCase().includes("multipart/")) message.body = message.body.replace(/\r?\n$/, "");
  const date = h.get("date");
  const parsed = date ? Date.parse(date) : NaN;
  return {
    id,
    at: Number.isNaN(parsed) ? null : parsed,
    from: decodeHeader(h.get("from") ?? ""),
    to: addresses(h.get("to")),
    cc: addresses(h.get("cc")),
    subject: decodeHeader(h.get("subject") ?? ""),
    kind: h.get("x-tracker-kind")?.trim() || null,
    studyGroups: (h.get("x-tracker-study-group") ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
    withheld: false,
    text: findText(message) ?? "",
  };
}

// ---------------------------------------------------------------- access

type Reader = { actor: Actor; groupCodes: Set<string> };

/** The codes of the study groups the actor is the secretariat of. */
function readerOf(actor: Actor): Reader {
  const ids = hasPermission(actor, "audit.read") ? actor.secretariatGroupIds : [];
  const codes = ids.length === 0 ? [] : getDb().select({ code: studyGroups.code }).from(studyGroups).where(inArray(studyGroups.id, ids)).all();
  return { actor, groupCodes: new Set(codes.map((c) => c.code)) };
}

function isAddressee(actor: Actor, m: OutboxSummary): boolean {
  const me = actor.email.toLowerCase();
  return [...m.to, ...m.cc].some((a) => a.toLowerCase() === me);
}

/** "read": the whole message; "see": that it was sent, to whom and when; null: nothing at all. */
function access(reader: Reader, m: OutboxSummary): "read" | "see" | null {
  if (isAddressee(reader.actor, m)) return "read";
  // The secretariat follows its groups' mail as part of the audit trail; untagged mail only its addressees see.
  if (!m.studyGroups.some((code) => reader.groupCodes.has(code))) return null;
  return m.kind === "password_link" ? "see" : "read";
}

function asSeen(m: OutboxMessage, level: "read" | "see"): OutboxMessage {
  return level === "read" ? m : { ...m, text: null, withheld: true };
}

async function readMessage(id: string): Promise<OutboxMessage | null> {
  try {
    return parseEml(id, await readFile(path.join(outboxDir(), `${id}.eml`), "latin1"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") console.error(`Outbox: cannot read message ${id}:`, error);
    return null;
  }
}

/** The messages the actor may see, newest first (file names sort by time); not_found outside the demo. */
export async function listOutbox(actor: Actor): Promise<Result<OutboxSummary[]>> {
  if (!outboxInApp()) return NOT_HERE;
  let names: string[];
  try {
    names = await readdir(outboxDir());
  } catch {
    return ok([]);
  }
  const ids = names
    .filter((n) => n.endsWith(".eml"))
    .map((n) => n.slice(0, -4))
    .filter((id) => ID_PATTERN.test(id))
    .sort()
    .reverse();
  const reader = readerOf(actor);
  const out: OutboxSummary[] = [];
  for (const id of ids) {
    if (out.length >= LIST_LIMIT) break;
    const m = await readMessage(id);
    const level = m && access(reader, m);
    if (!m || !level) continue;
    const { text: _text, ...summary } = asSeen(m, level);
    out.push(summary);
  }
  return ok(out);
}

/** One message (its text null when withheld), or not_found outside the demo, when it does not exist, or when the actor may not see it. */
export async function getOutboxMessage(actor: Actor, id: string): Promise<Result<OutboxMessage>> {
  if (!outboxInApp() || !ID_PATTERN.test(id)) return NOT_HERE;
  const m = await readMessage(id);
  const level = m && access(readerOf(actor), m);
  if (!m || !level) return NOT_HERE;
  return ok(asSeen(m, level));
}

/** The study groups whose mail the actor follows in the outbox (for the page's explanation). */
export function outboxGroupsOf(actor: Actor): string[] {
  return [...readerOf(actor).groupCodes].sort();
}
