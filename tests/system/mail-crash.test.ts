// No e-mail lost to a crash: the built server is SIGKILLed right after it committed uploads (whose receipt e-mails
// are queued in those commits), restarted, and every receipt e-mail then arrives, exactly one per receipt.
//
// Case 1 kills it before any e-mail could leave: its relay accepts connections and never answers, so the worker is
// stuck in its first sends when the kill comes, and the test checks in the database that nothing was marked sent.
// The restarted server (the demo, no relay: the outbox) sends them all. Case 2 kills it in the middle of a burst
// while its worker is writing e-mails into the outbox: a message written but not yet marked sent is sent again
// after the restart, and rewrites its one file (named by its queue row), so nothing is lost and nothing is doubled.
// Case 3 runs it as in production without SMTP_URL: the e-mails wait in the queue, the app shows no outbox, and a
// restart with a relay sends them all.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { parseEml } from "@/lib/data/outbox";
import { startSmtpServer, type SmtpServer } from "@/tests/support/smtp";
import { killServer, memberTokens, pdfLike, removeDir, request, seed, sleep, startServer, stopAllServers, stopServer, tempRoot, upload, type Receipt, type UploadOutcome } from "./server";

const dirs: string[] = [];
let relay: SmtpServer | null = null;

afterAll(async () => {
  await stopAllServers();
  await relay?.close();
  for (const dir of dirs) removeDir(dir);
});

type QueueRow = { id: number; kind: string; version_id: number | null; to_addresses: string; sent_at: number | null; attempts: number };

function queueRows(dataDir: string): QueueRow[] {
  const db = new Database(path.join(dataDir, "tracker.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id, kind, version_id, to_addresses, sent_at, attempts FROM mail_queue ORDER BY id").all() as QueueRow[];
  } finally {
    db.close();
  }
}

function versionIds(dataDir: string): number[] {
  const db = new Database(path.join(dataDir, "tracker.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id FROM contribution_versions ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

type Mail = ReturnType<typeof parseEml> & { file: string };

function outboxMail(dataDir: string): Mail[] {
  const dir = path.join(dataDir, "outbox");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return names.map((f) => ({ ...parseEml(f.slice(0, -4), readFileSync(path.join(dir, f), "latin1")), file: f }));
}

async function waitUntil(what: string, condition: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; !condition(); waited += 250) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Every receipt answered has exactly one receipt e-mail in the outbox, about its file, and every queued message went out once. */
function checkOneMailPerReceipt(dataDir: string, receipts: Receipt[]) {
  const rows = queueRows(dataDir);
  const mail = outboxMail(dataDir);
  const receiptMail = mail.filter((m) => m.kind === "receipt");
  for (const r of receipts) {
    const row = rows.filter((q) => q.kind === "receipt" && q.version_id === r.versionId);
    expect(row, `the queued receipt of version ${r.versionId}`).toHaveLength(1);
    const files = receiptMail.filter((m) => m.id.endsWith(`-q${row[0].id}`));
    expect(files, `the receipt e-mail of version ${r.versionId}`).toHaveLength(1);
    expect(files[0].subject).toContain(`COM 20-C ${r.number}`);
    expect(files[0].text).toContain(r.sha256);
    // And no other receipt e-mail speaks of this file.
    expect(receiptMail.filter((m) => m.text?.includes(r.sha256))).toHaveLength(1);
  }
  // Nothing twice: one file per queue row, for every row (receipts and the contacts' notices).
  expect(mail.length).toBe(rows.length);
  expect(new Set(mail.map((m) => m.id.replace(/^.*-q/, ""))).size).toBe(rows.length);
  expect(rows.filter((q) => q.sent_at === null)).toEqual([]);
  return { rows, mail };
}

function receiptsOf(outcomes: UploadOutcome[]): Receipt[] {
  return outcomes.flatMap((o) => (o.kind === "receipt" ? [o.receipt] : []));
}

describe("SIGKILL right after commits that queued e-mail", () => {
  it("before any e-mail left: after the restart every receipt e-mail arrives, exactly one per receipt", async () => {
    const port = 3410;
    const root = tempRoot("mail-crash-early");
    dirs.push(root);
    const dataDir = path.join(root, "data");
    await seed(dataDir, port);
    // A relay that accepts the connection and never says a word: the worker's sends hang (10 s greeting timeout).
    relay = await startSmtpServer({ silent: true });
    const server = await startServer(dataDir, port, { SMTP_URL: relay.url });
    const tokens = await memberTokens(server);
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => upload(server, tokens[i % tokens.length], pdfLike(6000 + i * 100, `mail-early-${i}`), { title: `Mail before the crash ${i}` })),
    );
    // The kill comes once its worker is at work: connected to the relay, which lets no message through.
    await waitUntil("the worker to reach the relay", () => relay!.connections() > 0, 10_000);
    await killServer(server);
    const receipts = receiptsOf(outcomes);
    expect(outcomes.filter((o) => o.kind !== "receipt")).toEqual([]);
    expect(receipts).toHaveLength(24);

    // Every receipt e-mail (and every contact's notice) was committed with its upload, and none was sent.
    const before = queueRows(dataDir);
    expect(before.filter((q) => q.kind === "receipt").map((q) => q.version_id).sort()).toEqual(receipts.map((r) => r.versionId).sort());
    expect(before.filter((q) => q.kind === "contact_notice")).toHaveLength(24);
    expect(before.filter((q) => q.sent_at !== null)).toEqual([]);
    expect(outboxMail(dataDir)).toEqual([]);
    expect(relay.offered()).toBe(0);
    console.log(`[mail, kill before sending] ${receipts.length} receipts, ${before.length} queued e-mails, none sent at the kill; attempts recorded: ${before.reduce((n, q) => n + q.attempts, 0)}`);

    // The demo without a relay: mail goes to the outbox. The restarted worker sends what the dead process left.
    const restarted = await startServer(dataDir, port, { SMTP_URL: "" });
    await waitUntil("every queued e-mail to be sent", () => queueRows(dataDir).every((q) => q.sent_at !== null), 90_000);
    expect(restarted.output()).toMatch(new RegExp(`Mail: sending into the demo outbox[^\\n]*; ${before.length} waiting`));
    const { mail } = checkOneMailPerReceipt(dataDir, receipts);
    console.log(`[mail, kill before sending] after the restart: ${mail.length} e-mails in the outbox, one per queued message`);
    await stopServer(restarted);
  });

  it("while its worker writes e-mails into the outbox, in the middle of a burst: nothing lost, nothing twice", async () => {
    const port = 3411;
    const root = tempRoot("mail-crash-burst");
    dirs.push(root);
    const dataDir = path.join(root, "data");
    await seed(dataDir, port);
    const server = await startServer(dataDir, port, { SMTP_URL: "" });
    const tokens = await memberTokens(server);
    const outcomes: UploadOutcome[] = [];
    let answered = 0;
    let killed: Promise<void> | null = null;
    await Promise.all(
      Array.from({ length: 12 }, async (_, client) => {
        for (let k = 0; k < 8; k++) {
          const outcome = await upload(server, tokens[client % tokens.length], pdfLike(5000 + k * 300, `mail-burst-${client}-${k}`), { title: `Mail burst ${client}/${k}`, timeoutMs: 30_000 });
          outcomes.push(outcome);
          if (outcome.kind !== "receipt") return;
          answered += 1;
          if (answered === 50) killed = killServer(server);
        }
      }),
    );
    await killed;
    expect(killed, "the server was killed").not.toBeNull();
    const receipts = receiptsOf(outcomes);
    expect(receipts.length).toBeGreaterThanOrEqual(50);
    const before = queueRows(dataDir);
    const unsent = before.filter((q) => q.sent_at === null).length;
    console.log(`[mail, kill mid-burst] ${receipts.length} receipts answered, ${before.length} e-mails queued, ${unsent} not yet marked sent at the kill, ${outboxMail(dataDir).length} files in the outbox`);

    const restarted = await startServer(dataDir, port, { SMTP_URL: "" });
    await waitUntil("every queued e-mail to be sent", () => queueRows(dataDir).every((q) => q.sent_at !== null), 90_000);
    const { rows } = checkOneMailPerReceipt(dataDir, receipts);
    // Rows committed whose answer the kill swallowed have their receipt e-mail too: one per stored version.
    expect(rows.filter((q) => q.kind === "receipt").map((q) => q.version_id).sort((a, b) => a! - b!)).toEqual(versionIds(dataDir));
    await stopServer(restarted);
  });

  it("in production without SMTP_URL: nothing leaves, nothing is readable in the app, and it all goes out once a relay is set", async () => {
    const port = 3412;
    const root = tempRoot("mail-no-relay");
    dirs.push(root);
    const dataDir = path.join(root, "data");
    await seed(dataDir, port);
    const production = { DEMO_MODE: "0", SMTP_URL: "" };
    const server = await startServer(dataDir, port, production);
    expect(server.output()).toMatch(/Mail: sending nowhere: SMTP_URL is not set/);
    const tokens = await memberTokens(server);
    const outcomes = await Promise.all(Array.from({ length: 3 }, (_, i) => upload(server, tokens[i], pdfLike(4000, `no-relay-${i}`), { title: `No relay ${i}` })));
    const receipts = receiptsOf(outcomes);
    expect(receipts).toHaveLength(3);
    await sleep(1_000);
    expect(queueRows(dataDir).map((q) => [q.sent_at, q.attempts])).toEqual(Array.from({ length: 6 }, () => [null, 0]));
    expect(outboxMail(dataDir)).toEqual([]);
    // No outbox in the app outside the demo: not even a sign-in page in its place.
    for (const page of ["/outbox", "/outbox/20200623T120000000Z-q1"]) expect((await request(server, "GET", page)).status, page).toBe(404);
    await killServer(server);

    const relayUp = await startSmtpServer();
    try {
      const restarted = await startServer(dataDir, port, { DEMO_MODE: "0", SMTP_URL: relayUp.url });
      await waitUntil("the held e-mails to be sent", () => queueRows(dataDir).every((q) => q.sent_at !== null), 60_000);
      expect(relayUp.accepted).toHaveLength(6);
      for (const r of receipts) expect(relayUp.accepted.filter((m) => m.data.includes(r.sha256))).toHaveLength(1);
      // Dated when they were committed, not when the relay came.
      expect(relayUp.accepted.every((m) => /^Date: Tue, 23 Jun 2020 12:/m.test(m.data))).toBe(true);
      // It stops cleanly on SIGTERM, its worker and its relay connections with it (no SIGKILL needed).
      await stopServer(restarted);
      expect(restarted.child.signalCode).not.toBe("SIGKILL");
      expect(restarted.child.exitCode).toBe(143);
    } finally {
      await relayUp.close();
    }
  });
});
