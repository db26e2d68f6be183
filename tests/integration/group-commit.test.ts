// Group commit: uploads finishing together share one transaction, yet each keeps its own outcome, and
// none is answered before its row is on disk.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDb, type DB } from "@/db/client";
import { commitTogether } from "@/lib/data/group-commit";

let dir: string;
let db: DB;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-group-commit-"));
  file = path.join(dir, "g.db");
  db = openDb(file, { migrate: false });
  db.$client.exec("create table receipts (id integer primary key, n integer not null unique, label text not null)");
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (n: number, label: string) => (tx: Pick<DB, "run">) => {
  tx.run(sql`insert into receipts (n, label) values (${n}, ${label})`);
  return n;
};

/** An error with its cause, as text (Drizzle wraps SQLite's error). */
const why = (outcome: PromiseSettledResult<unknown>) => {
  const reason = (outcome as PromiseRejectedResult).reason as Error;
  return `${String(reason)} ${String(reason.cause ?? "")}`;
};

/** What another process reading the file sees: only committed rows. */
function committedRows(): Array<{ n: number; label: string }> {
  const reader = new Database(file, { readonly: true });
  try {
    return reader.prepare("select n, label from receipts order by n").all() as Array<{ n: number; label: string }>;
  } finally {
    reader.close();
  }
}

describe("commitTogether", () => {
  it("commits the writes queued in one turn of the event loop in a single transaction", async () => {
    const transactions = vi.spyOn(db, "transaction");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => commitTogether(db, insert(i + 1, `upload ${i + 1}`))));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(committedRows()).toHaveLength(20);
  });

  it("undoes only the writes of the upload that failed, and tells that upload why", async () => {
    const outcomes = await Promise.allSettled([
      commitTogether(db, insert(1, "first")),
      commitTogether(db, (tx) => {
        insert(2, "half written")(tx);
        throw new Error("refused after writing");
      }),
      commitTogether(db, insert(1, "duplicate number")),
      commitTogether(db, insert(3, "third")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(why(outcomes[1])).toContain("refused after writing");
    expect(why(outcomes[2])).toMatch(/UNIQUE/);
    expect(committedRows()).toEqual([
      { n: 1, label: "first" },
      { n: 3, label: "third" },
    ]);
  });

  it("answers only once the row is committed: another connection already sees it", async () => {
    const seen: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        commitTogether(db, insert(n, `upload ${n}`)).then(() => {
          seen.push(committedRows().filter((r) => r.n === n).length);
        }),
      ),
    );
    expect(seen).toEqual([1, 1, 1]);
  });

  it("rejects every upload of the batch when the commit itself fails, and stores none of them", async () => {
    // Another connection holds the write lock longer than the busy timeout allows.
    db.$client.pragma("busy_timeout = 50");
    const other = new Database(file);
    other.exec("begin immediate");
    try {
      const outcomes = await Promise.allSettled([commitTogether(db, insert(1, "a")), commitTogether(db, insert(2, "b"))]);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
      expect(why(outcomes[0])).toMatch(/locked|busy/i);
    } finally {
      other.exec("rollback");
      other.close();
    }
    expect(committedRows()).toEqual([]);
  });
});
