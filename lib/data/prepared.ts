// Queries on the hot paths (the API's token check, a submission, its receipt), built and compiled once per
// connection: Drizzle otherwise renders the SQL and better-sqlite3 compiles it anew on every call, which the
// deadline-burst profile showed as about a third of the server's work per upload.
import "server-only";
import type Database from "better-sqlite3";
import type { DB } from "@/db/client";

/** A database or a transaction of it: both run on one better-sqlite3 connection. */
export type PreparableConn = Pick<DB, "select" | "insert" | "update" | "delete">;

function clientOf(conn: PreparableConn): Database.Database {
  const client = "$client" in conn ? (conn as DB).$client : (conn as unknown as { session: { client: Database.Database } }).session.client;
  if (!client) throw new Error("prepared(): this connection has no better-sqlite3 client");
  return client;
}

/**
 * `prepared((db) => db.select()…where(eq(t.id, sql.placeholder("id"))).prepare())` returns a function
 * that gives the compiled query of a connection, compiling it on first use. A statement belongs to its
 * connection, not to a transaction, so one built from a transaction serves later calls as well.
 */
export function prepared<Q>(build: (conn: PreparableConn) => Q): (conn: PreparableConn) => Q {
  const byClient = new WeakMap<Database.Database, Q>();
  return (conn) => {
    const client = clientOf(conn);
    let query = byClient.get(client);
    if (query === undefined) {
      query = build(conn);
      byClient.set(client, query);
    }
    return query;
  };
}
