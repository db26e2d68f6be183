// The attackers of the benchmark's attack phase (issue 10): what a hostile client does at the deadline, while the honest
// burst runs. Each attacker loops until stopped and records every request it made; all are bounded (a fixed number of
// concurrent clients, request bodies generated in chunks, never held whole) and talk to loopback only.
// startAttack() runs them in a worker thread: their JavaScript does not delay the honest clients' event loop, so the
// honest latencies measure the server (the two still share the machine's cores, as everything on loopback does).
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { metadataFor, multipartFrame, pdfLikeFile } from "./burst.mjs";
import { latencySummary, sleep } from "./util.mjs";

const MB = 1024 * 1024;

/** A flag the attackers poll, and a promise for those that wait on it. */
export function stopper() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  const s = {
    stopped: false,
    promise,
    stop() {
      s.stopped = true;
      resolve();
    },
  };
  return s;
}

// ---------------------------------------------------------------- a raw client

function parseAnswer(raw) {
  const split = raw.indexOf("\r\n\r\n");
  if (split < 0) return { status: null, body: "" };
  const lines = raw.subarray(0, split).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0])?.[1] ?? 0) || null;
  const chunked = lines.some((l) => /^transfer-encoding:\s*chunked/i.test(l));
  let body = raw.subarray(split + 4);
  if (chunked) {
    const out = [];
    for (let at = 0; at < body.length; ) {
      const eol = body.indexOf("\r\n", at);
      if (eol < 0) break;
      const size = parseInt(body.subarray(at, eol).toString(), 16);
      if (!size) break;
      out.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(out);
  }
  return { status, body: body.toString("utf8") };
}

const codeOf = (body) => {
  try {
    return JSON.parse(body).code ?? null;
  } catch {
    return null;
  }
};

/**
 * One request on its own socket: the head, then the chunks of `body` (a generator, sync or async), each written once
 * the socket took the previous one, while the answer is read as it comes (as curl does). Ends when the server closes
 * or resets, when the client has sent everything and the server closed, at `timeoutMs`, or at `stop` (the client
 * gives up: the connection was still open).
 */
function rawRequest({ port, head, body, timeoutMs = 60_000, stop = null }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: "127.0.0.1", port });
    const received = [];
    let sent = 0;
    let sentWhenAnswered = null;
    let answeredMs = null;
    let writing = true;
    let done = false;
    const finish = (ended) => {
      if (done) return;
      done = true;
      writing = false;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseAnswer(Buffer.concat(received));
      resolve({ status: answer.status, code: codeOf(answer.body), sent, sentWhenAnswered, answeredMs, ended, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish("client timeout"), timeoutMs);
    stop?.promise.then(() => finish("open when the attack ended"));
    socket.on("data", (d) => {
      if (sentWhenAnswered === null) {
        sentWhenAnswered = sent;
        answeredMs = performance.now() - started;
      }
      received.push(d);
    });
    const closed = () => finish(writing ? "closed by the server" : "sent whole, then closed");
    socket.on("end", closed);
    socket.on("close", closed);
    socket.on("error", (e) => finish(e.code === "ECONNRESET" || e.code === "EPIPE" ? "reset by the server" : `error ${e.code ?? e.message}`));
    socket.write(`${head.join("\r\n")}\r\n\r\n`);
    void (async () => {
      for await (const chunk of body()) {
        if (!writing || socket.destroyed) return;
        const room = socket.write(chunk);
        sent += chunk.length;
        if (!room) {
          await new Promise((go) => {
            const on = () => {
              socket.off("drain", on);
              socket.off("close", on);
              go();
            };
            socket.on("drain", on);
            socket.on("close", on);
          });
        }
      }
      writing = false;
    })();
  });
}

const headOf = (port, method, urlPath, headers) => [`${method} ${urlPath} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];

/** An ordinary request from a chosen loopback address (the spray's many sources): status, body, time. */
function plainRequest({ port, method, path, headers, body, localAddress, timeoutMs = 30_000 }) {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const finish = (v) => {
      if (settled) return;
      settled = true;
      resolve({ ...v, ms: performance.now() - started });
    };
    const req = http.request({ host: "127.0.0.1", port, method, path, localAddress, agent: false, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e) => finish({ error: String(e.message ?? e) }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (e) => finish({ error: String(e.message ?? e) }));
    req.end(body);
  });
}

// ---------------------------------------------------------------- outcomes

/** Counts by outcome (e.g. "413 too_large"), with the time to the answer, over every request an attacker made. */
function summarise(records, keyOf) {
  const byOutcome = {};
  for (const r of records) {
    const key = keyOf(r);
    byOutcome[key] = (byOutcome[key] ?? 0) + 1;
  }
  return { requests: records.length, byOutcome, answerMs: latencySummary(records.map((r) => r.answeredMs ?? r.ms).filter((ms) => ms !== null)) };
}

const statusKey = (r) => (r.status ? `${r.status}${r.code ? ` ${r.code}` : ""}` : `no answer (${r.ended})`);

// ---------------------------------------------------------------- 1. 100 MB JSON bodies

const FILLER = Buffer.alloc(MB, "a");

/** `total` bytes of a JSON string that never ends, declared (Content-Length) or chunked; made 1 MB at a time. */
function* jsonFiller(total, chunked) {
  const frame = (b) => (chunked ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]) : b);
  const first = Buffer.from('{"email":"');
  yield frame(first);
  for (let left = total - first.length; left > 0; left -= MB) yield frame(left >= MB ? FILLER : FILLER.subarray(0, left));
  if (chunked) yield Buffer.from("0\r\n\r\n");
}

/**
 * `clients` concurrent 100 MB JSON bodies, each client sending its next as soon as the last one ended: half to the
 * anonymous POST /api/v1/tokens, half to an authenticated JSON route (a withdrawal, with the attacker's token),
 * alternately declared and chunked. Every one should be refused at the cap (413) after a few MB.
 */
export function jsonFlood({ port, clients, token, withdrawalPath, stop, size = 100 * MB }) {
  const records = [];
  const client = async (c) => {
    for (let i = 0; !stop.stopped; i++) {
      const anonymous = c % 2 === 0;
      const chunked = i % 2 === 1;
      const headers = {
        "Content-Type": "application/json",
        ...(anonymous ? {} : { Authorization: `Bearer ${token}` }),
        ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(size) }),
      };
      const r = await rawRequest({ port, head: headOf(port, "POST", anonymous ? "/api/v1/tokens" : withdrawalPath, headers), body: () => jsonFiller(size, chunked) });
      records.push({ ...r, route: anonymous ? "tokens" : "withdrawal", chunked });
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return {
    records,
    async result() {
      await done;
      const refused = records.filter((r) => r.status === 413);
      const whenRefused = refused.map((r) => r.sentWhenAnswered / MB);
      return {
        clients,
        bodyMb: size / MB,
        ...summarise(records, (r) => `${r.route}${r.chunked ? " chunked" : ""}: ${statusKey(r)}`),
        refused: refused.length,
        mbSentWhenAnswered: { median: latencySummary(whenRefused).p50, max: whenRefused.length ? Math.max(...whenRefused) : null },
        mbSentInAll: { max: records.length ? Math.max(...records.map((r) => r.sent / MB)) : null },
        howEnded: countBy(records, (r) => r.ended),
      };
    },
  };
}

function countBy(records, keyOf) {
  const out = {};
  for (const r of records) out[keyOf(r)] = (out[keyOf(r)] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------- 2. slow uploads

/**
 * `clients` uploads of a 1 MB PDF trickled at `bytesPerSecond` (a quarter of it every 250 ms) with a valid token, each
 * on its own connection, for as long as the attack lasts (at 1 KB/s one would take 17 minutes). Records what the
 * server did with each: answered, cut it, or kept it open without harm to others until the attacker gave up.
 */
export function slowUploads({ port, clients, token, meeting, stop, bytesPerSecond = 1024 }) {
  const records = [];
  const client = async (c) => {
    while (!stop.stopped) {
      const frame = multipartFrame(metadataFor(100_000 + c), `slow-${c}.pdf`);
      const whole = Buffer.concat([frame.preamble, pdfLikeFile(100_000 + c), frame.epilogue]);
      const step = Math.max(1, Math.round(bytesPerSecond / 4));
      const head = headOf(port, "POST", `/api/v1/meetings/${meeting}/contributions`, { Authorization: `Bearer ${token}`, "Content-Type": frame.contentType, "Content-Length": String(whole.length), Accept: "application/json" });
      const r = await rawRequest({
        port,
        head,
        timeoutMs: 30 * 60_000,
        stop,
        body: async function* () {
          for (let at = 0; at < whole.length && !stop.stopped; at += step) {
            yield whole.subarray(at, at + step);
            await sleep(250);
          }
        },
      });
      records.push(r);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return {
    records,
    async result() {
      await done;
      const seconds = records.map((r) => r.ms / 1000);
      return {
        clients,
        bytesPerSecond,
        connections: records.length,
        ...summarise(records, statusKey),
        kbSent: { max: records.length ? Math.max(...records.map((r) => r.sent / 1024)) : null },
        connectionSeconds: { min: seconds.length ? Math.min(...seconds) : null, max: seconds.length ? Math.max(...seconds) : null },
      };
    },
  };
}

// ---------------------------------------------------------------- 3. the hostile DOCX to the cover-page reader

/** `clients` loops posting the hostile DOCX files (`files`: [{ name, data }], in turn) to POST /api/v1/cover-page. */
export function coverFlood({ port, clients, token, files, stop }) {
  const records = [];
  const client = async (c) => {
    for (let i = c; !stop.stopped; i++) {
      const f = files[i % files.length];
      const boundary = `----ctkAttack${randomBytes(8).toString("hex")}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contribution.docx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`),
        f.data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const r = await plainRequest({
        port,
        method: "POST",
        path: "/api/v1/cover-page",
        headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}`, accept: "application/json" },
        body,
        timeoutMs: 120_000,
      });
      let reason = null;
      try {
        const parsed = JSON.parse(r.body);
        reason = parsed.details?.reason ?? parsed.code ?? (parsed.cover ? `title of ${parsed.cover.title?.length ?? 0} characters` : null);
      } catch {
        reason = null;
      }
      records.push({ file: f.name, status: r.status ?? null, code: reason, error: r.error, ms: r.ms, answeredMs: r.ms, ended: r.error ?? "answered" });
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return {
    records,
    async result() {
      await done;
      const answerMsByFile = Object.fromEntries(files.map((f) => [f.name, latencySummary(records.filter((r) => r.file === f.name && r.status).map((r) => r.ms))]));
      return { clients, files: files.map((f) => ({ name: f.name, kb: Math.round(f.data.length / 1024) })), ...summarise(records, (r) => `${r.file}: ${statusKey(r)}`), answerMsByFile };
    },
  };
}

// ---------------------------------------------------------------- 4. a password spray

const GUESSES = ["Password1", "Summer2020!", "Geneva2020", "itu-t-2020", "Welcome1!", "letmein", "SG20-2020", "qwerty123"];

/**
 * A password spray from `addresses` loopback addresses (127.0.0.100 onwards, as a small botnet; each request also
 * forges a different X-Forwarded-For, which the server must ignore), over `accounts`, at most `perSecond` requests a
 * second from `clients` concurrent loops: alternately POST /api/v1/tokens and next-auth's credentials callback.
 * A guess is "judged" when the server checked the password (401, wrong password), "throttled" when it refused first.
 */
export function passwordSpray({ port, clients, accounts, addresses, perSecond, stop }) {
  const records = [];
  let n = 0;
  const client = async () => {
    const csrf = new Map();
    const interval = (1000 * clients) / perSecond;
    while (!stop.stopped) {
      const started = performance.now();
      const i = n++;
      const email = accounts[i % accounts.length];
      const password = GUESSES[Math.floor(i / accounts.length) % GUESSES.length];
      const localAddress = `127.0.0.${100 + (i % addresses)}`;
      const forged = `${(i * 7) % 223}.${(i * 13) % 256}.${(i * 31) % 256}.${1 + (i % 254)}`;
      if (i % 2 === 0) {
        const r = await plainRequest({
          port,
          method: "POST",
          path: "/api/v1/tokens",
          localAddress,
          headers: { "content-type": "application/json", "x-forwarded-for": forged, "accept-language": "en" },
          body: Buffer.from(JSON.stringify({ email, password, label: "spray" })),
        });
        const code = r.status === 201 ? "SIGNED IN" : r.status === 429 ? "throttled" : r.status === 401 ? "judged" : `other ${r.status ?? r.error}`;
        records.push({ via: "tokens", status: r.status ?? null, verdict: code, ms: r.ms });
      } else {
        // next-auth binds its CSRF token to a cookie: one pair per source address, as a browser per bot would have.
        if (!csrf.has(localAddress)) {
          const res = await plainRequest({ port, method: "GET", path: "/api/auth/csrf", localAddress, headers: {} });
          const cookie = [res.headers?.["set-cookie"] ?? []].flat().map((l) => l.split(";")[0]).join("; ");
          let token = null;
          try {
            token = JSON.parse(res.body).csrfToken;
          } catch {
            token = null;
          }
          csrf.set(localAddress, { token, cookie });
        }
        const pair = csrf.get(localAddress);
        const form = new URLSearchParams({ csrfToken: pair.token ?? "", email, password, json: "true" }).toString();
        const r = await plainRequest({
          port,
          method: "POST",
          path: "/api/auth/callback/credentials",
          localAddress,
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: pair.cookie, "x-forwarded-for": forged, "accept-language": "en" },
          body: Buffer.from(form),
        });
        let error = null;
        try {
          const url = JSON.parse(r.body).url ?? "";
          error = url.includes("error=") ? new URL(url, `http://127.0.0.1:${port}`).searchParams.get("error") : null;
        } catch {
          error = r.headers?.location ?? null;
        }
        const verdict = /^Too many failed sign-in attempts/.test(error ?? "")
          ? "throttled"
          : error === "The e-mail address or the password is not right."
            ? "judged"
            : (r.headers?.["set-cookie"] ?? []).some((c) => c.includes("session-token"))
              ? "SIGNED IN"
              : `other ${r.status ?? r.error}: ${String(error).slice(0, 60)}`;
        records.push({ via: "credentials", status: r.status ?? null, verdict, ms: r.ms });
      }
      const wait = interval - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client));
  return {
    records,
    async result() {
      await done;
      const judged = records.filter((r) => r.verdict === "judged").length;
      // At most 10 failures per account from addresses that never signed in to it, and 20 per address over all
      // accounts (README, Sign-in throttling): whichever allows fewer.
      const bound = Math.min(accounts.length * 10, addresses * 20);
      return {
        clients,
        accounts: accounts.length,
        addresses,
        perSecond,
        requests: records.length,
        byOutcome: countBy(records, (r) => `${r.via}: ${r.status ?? "no answer"} ${r.verdict}`),
        judged,
        throttled: records.filter((r) => r.verdict === "throttled").length,
        signedIn: records.filter((r) => r.verdict === "SIGNED IN").length,
        judgedBound: bound,
        judgedMs: latencySummary(records.filter((r) => r.verdict === "judged").map((r) => r.ms)),
        throttledMs: latencySummary(records.filter((r) => r.verdict === "throttled").map((r) => r.ms)),
      };
    },
  };
}

// ---------------------------------------------------------------- all four, in a worker thread

/**
 * Starts every attacker in a worker thread. `config`: { port, meeting, token (a valid member's, the attacker's own),
 * withdrawalPath, docx: [{ name, data }], json, slow, cover, sprayClients, sprayPerSecond, sprayAddresses, accounts }.
 * Returns { stop() }: stops them all and resolves with each one's outcomes once its last request has ended.
 */
export function startAttack(config) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: "attacker", config } });
  const results = new Promise((resolve, reject) => {
    worker.on("message", (m) => m.results && resolve(m.results));
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the attackers' worker exited (${code}) before reporting`)));
  });
  return {
    async stop() {
      worker.postMessage("stop");
      try {
        return await results;
      } finally {
        await worker.terminate();
      }
    },
  };
}

if (!isMainThread && workerData?.role === "attacker") {
  const c = workerData.config;
  const stop = stopper();
  parentPort.once("message", (m) => m === "stop" && stop.stop());
  const running = {
    json: jsonFlood({ port: c.port, clients: c.json, token: c.token, withdrawalPath: c.withdrawalPath, stop }),
    slow: slowUploads({ port: c.port, clients: c.slow, token: c.token, meeting: c.meeting, stop }),
    cover: coverFlood({ port: c.port, clients: c.cover, token: c.token, files: c.docx.map((f) => ({ name: f.name, data: Buffer.from(f.data) })), stop }),
    spray: passwordSpray({ port: c.port, clients: c.sprayClients, accounts: c.accounts, addresses: c.sprayAddresses, perSecond: c.sprayPerSecond, stop }),
  };
  const results = {};
  for (const [name, attacker] of Object.entries(running)) results[name] = await attacker.result();
  parentPort.postMessage({ results });
}
