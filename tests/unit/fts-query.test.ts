// What a reader types becomes quoted FTS5 strings: operators, column filters and stray quotes are words, never syntax.
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFtsQuery, foldForSearch, snippetParts } from "@/lib/text/fts-query";

// A real FTS5 table (SQLite in memory, the index's tokenizer, text folded as the index's view folds it).
const db = new Database(":memory:");
db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
db.prepare("INSERT INTO t (body) VALUES (?)").run(foldForSearch("NOT a near miss: C-123 and the café of Ёлкино, OR title:x (draft)"));
const search = (q: string) => {
  const { match } = buildFtsQuery(q);
  return match === null ? null : (db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH ?").get(match) as { n: number }).n;
};

describe("buildFtsQuery", () => {
  it("quotes every word; a passage in quotes stays a phrase", () => {
    expect(buildFtsQuery('smart "sustainable city" IoT')).toEqual({ match: '"smart" "sustainable city" "IoT"', terms: ["smart", "sustainable city", "IoT"] });
  });

  it("takes FTS5's operators and syntax characters as words", () => {
    expect(search("NOT")).toBe(1);
    expect(search("near")).toBe(1);
    expect(search("OR")).toBe(1);
    expect(search("title:x")).toBe(1);
    expect(search("C-123")).toBe(1);
    expect(search("(draft)")).toBe(1);
    expect(search("AND")).toBe(1); // "and" is in the text: a word like any other
    expect(search("absent")).toBe(0);
  });

  it("folds accents through the tokenizer and ё into е", () => {
    expect(search("CAFE")).toBe(1);
    expect(search("елкино")).toBe(1);
    expect(buildFtsQuery("Ёлкино").terms).toEqual(["Елкино"]);
  });

  it("nothing searchable is no query, not an error", () => {
    for (const q of ["", "   ", "*", '"', '""', "()", "^ - + :", "…"]) expect(buildFtsQuery(q).match).toBeNull();
  });

  it("never makes an expression FTS5 refuses, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom(..."ab \"*():^+-NEARORANDNOT{}[],.;ё日'\\\t".split("")) }), (q) => {
        expect(() => search(q)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("reads snippet marks as parts", () => {
    expect(snippetParts("a \u0002b\u0003 c \u0002d\u0003")).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
      { text: " c ", match: false },
      { text: "d", match: true },
    ]);
  });
});
