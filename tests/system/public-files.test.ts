// What the built server serves from public/ and to anyone: robots.txt lets crawlers at the public pages only (and
// those answer without a sign-in while the others do not), security.txt is valid and not expired, the icons are real
// images linked from every page, and the calendar feeds answer anonymously with an ETag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempRoot } from "./server";
import { send, startSeededServer, stopStartedServers, type Srv } from "./http";
import path from "node:path";

const PORT = 3541;
let srv: Srv;
let root = "";

beforeAll(async () => {
  root = tempRoot("public");
  srv = await startSeededServer(path.join(root, "data"), PORT);
}, 120_000);

afterAll(async () => {
  await stopStartedServers();
  if (root) removeDir(root);
});

type Rule = { allow: boolean; pattern: string };

/** RFC 9309 for "User-agent: *": the longest matching rule wins, Allow on a tie; "*" is any run, "$" the end. */
function allowed(rules: Rule[], urlPath: string): boolean {
  let best: Rule | null = null;
  for (const rule of rules) {
    const anchored = rule.pattern.endsWith("$");
    const body = (anchored ? rule.pattern.slice(0, -1) : rule.pattern)
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    if (!new RegExp(`^${body}${anchored ? "$" : ""}`).test(urlPath)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
  }
  return best?.allow ?? true;
}

function robotsRules(text: string): Rule[] {
  const rules: Rule[] = [];
  let forEveryone = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, field, value] = m;
    if (field.toLowerCase() === "user-agent") forEveryone = value === "*";
    else if (forEveryone && /^(allow|disallow)$/i.test(field) && value) rules.push({ allow: field.toLowerCase() === "allow", pattern: value });
  }
  return rules;
}

describe("robots.txt", () => {
  const publicPaths = ["/meetings", "/meetings/SG20-2020-07", "/api/v1/meetings/SG20-2020-07/calendar.ics", "/api/v1/study-groups/SG20/calendar.ics"];
  const privatePaths = [
    "/",
    "/login",
    "/meetings/SG20-2020-07/documents",
    "/meetings/SG20-2020-07/late-report",
    "/meetings/SG20-2020-07/manage",
    "/meetings/SG20-2020-07/submit",
    "/contributions",
    "/contributions/1",
    "/api/v1/contributions/1/file",
    "/api/v1/meetings/SG20-2020-07/contributions",
    "/questions/Q3-20",
    "/secretariat/audit",
    "/outbox",
    "/account",
  ];

  it("is served from public/ as text, and lets crawlers reach the public pages and feeds, and nothing else", async () => {
    const res = await send(srv, "GET", "/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const rules = robotsRules(res.text());
    expect(rules.length).toBeGreaterThan(3);
    for (const p of publicPaths) expect(allowed(rules, p), `${p} may be crawled`).toBe(true);
    for (const p of privatePaths) expect(allowed(rules, p), `${p} may not be crawled`).toBe(false);
  });

  it("what it allows answers a visitor without a sign-in, and what it forbids does not", async () => {
    for (const p of publicPaths) expect((await send(srv, "GET", p)).status, p).toBe(200);
    for (const p of privatePaths.filter((x) => x !== "/login")) expect([302, 303, 307, 308, 401, 404], p).toContain((await send(srv, "GET", p)).status);
  });
});

describe("/.well-known/security.txt", () => {
  it("is served, names a mailto: contact, its canonical address, and expires in the future (renew it yearly)", async () => {
    const res = await send(srv, "GET", "/.well-known/security.txt");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const fields = new Map(
      res
        .text()
        .split("\n")
        .filter((l) => /^[A-Za-z-]+:/.test(l))
        .map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
    );
    expect(fields.get("contact")).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
    expect(fields.get("canonical")).toMatch(/^https:\/\/[^/]+\/\.well-known\/security\.txt$/);
    const expires = Date.parse(fields.get("expires") ?? "");
    expect(fields.get("expires")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(expires, "security.txt has expired: renew Expires in public/.well-known/security.txt").toBeGreaterThan(Date.now());
  });
});

describe("icons", () => {
  it("serves an SVG icon, an ICO of three PNG sizes and a 180 px touch icon, and every page links them", async () => {
    const svg = await send(srv, "GET", "/icon.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const ico = await send(srv, "GET", "/favicon.ico");
    expect(ico.status).toBe(200);
    expect([...ico.body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const count = ico.body.readUInt16LE(4);
    expect(count).toBe(3);
    for (let i = 0; i < count; i++) {
      const offset = ico.body.readUInt32LE(6 + 16 * i + 12);
      expect(ico.body.subarray(offset, offset + 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
    }

    const touch = await send(srv, "GET", "/apple-touch-icon.png");
    expect(touch.status).toBe(200);
    expect(touch.body.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([touch.body.readUInt32BE(16), touch.body.readUInt32BE(20)]).toEqual([180, 180]);

    const page = (await send(srv, "GET", "/meetings")).text();
    expect(page).toMatch(/<link rel="icon" href="\/icon\.svg" type="image\/svg\+xml"/);
    expect(page).toMatch(/<link rel="icon" href="\/favicon\.ico"/);
    expect(page).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon\.png"/);
  });
});

describe("calendar feeds over HTTP", () => {
  it("answer without a cookie or a token, with an ETag that a calendar application's next poll gets 304 for", async () => {
    const res = await send(srv, "GET", "/api/v1/meetings/SG20-2020-07/calendar.ics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(res.text()).toContain("UID:deadline-SG20-2020-07@127.0.0.1\r\n");
    const etag = String(res.headers.etag);
    const again = await send(srv, "GET", "/api/v1/meetings/SG20-2020-07/calendar.ics", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });
});
