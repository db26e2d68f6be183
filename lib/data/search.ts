// Search inside the documents: FTS5 over every version's text and its contribution's title, abstract, keywords and
// source, ranked by bm25, scoped exactly as reading is (lib/auth/permissions.ts canReadContribution, and the versions
// lib/data/contributions.ts shows), with a highlighted snippet per result.
import "server-only";
import { getDb } from "@/db/client";
import type { ContributionStatus, VersionKind } from "@/lib/domain";
import { hasPermission, type Actor } from "@/lib/auth/permissions";
import { questionCodeFromParam } from "@/lib/data/review-scope";
import { ok, type Result } from "@/lib/domain/failures";
import { displayNumber, versionLabel } from "@/lib/domain/numbering";
import { buildFtsQuery, MATCH_CLOSE, MATCH_OPEN, snippetParts, type SnippetPart } from "@/lib/text/fts-query";
import { MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE } from "@/lib/validation/search";

/** bm25 column weights, in the index's column order: a word in the title counts most, one in the body least. */
export const COLUMN_WEIGHTS = { title: 10, abstract: 4, keywords: 6, source: 3, body: 1 } as const;
/** FTS5's rank function for one query (`rank MATCH`), so that FTS5 itself sorts the matches by it. */
const BM25_RANK = `bm25(${Object.values(COLUMN_WEIGHTS).map((w) => w.toFixed(1)).join(", ")})`;

/** Tokens around the matches in a snippet. */
const SNIPPET_TOKENS = 28;

export type SearchFilters = {
  /** a meeting code: SG20-2020-07 */
  meeting?: string;
  /** a Question: Q3/20 or Q3-20 */
  question?: string;
  /** the contribution's status: active (admitted), late_request, withdrawn… */
  state?: ContributionStatus;
  page?: number;
  pageSize?: number;
};

export type SearchHit = {
  id: number;
  number: number | null;
  displayNumber: string;
  title: string;
  source: string;
  meetingCode: string;
  questions: string[];
  status: ContributionStatus;
  /** the version whose text matched best */
  versionId: number;
  versionKind: VersionKind;
  /** "" for the original, else "Rev.1" */
  versionLabel: string;
  snippet: SnippetPart[];
  /** bm25: lower is better */
  score: number;
};

export type SearchResult = {
  /** the words and phrases searched (nothing searchable typed: none, and no results) */
  terms: string[];
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
};

type Sql = { text: string; params: unknown[] };

/**
 * The versions this actor may read, as SQL on `c` (contributions) and `v` (contribution_versions): their own
 * organisation's, their Questions' as rapporteur, their groups' as secretariat (every version), and otherwise only an
 * admitted contribution's accepted versions. The same rule as canReadContribution and the version filter of
 * lib/data/contributions.ts; a new reading rule must change all three (tests/integration/search.test.ts checks them).
 */
export function readableVersionScope(actor: Actor): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (actor.organisation) {
    parts.push("c.organisation_id = ?");
    params.push(actor.organisation.id);
  }
  if (actor.secretariatGroupIds.length > 0) {
    parts.push(`c.study_group_id IN (${actor.secretariatGroupIds.map(() => "?").join(", ")})`);
    params.push(...actor.secretariatGroupIds);
  }
  if (actor.rapporteurQuestionIds.length > 0) {
    parts.push(`+c.id IN (SELECT contribution_id FROM contribution_questions WHERE question_id IN (${actor.rapporteurQuestionIds.map(() => "?").join(", ")}))`);
    params.push(...actor.rapporteurQuestionIds);
  }
  if (hasPermission(actor, "documents.read")) parts.push("(c.status = 'active' AND v.state = 'accepted')");
  return { text: parts.length > 0 ? `(${parts.join(" OR ")})` : "0", params };
}

function filterSql(filters: SearchFilters): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters.meeting) {
    parts.push("c.meeting_id IN (SELECT id FROM meetings WHERE code = ?)");
    params.push(filters.meeting);
  }
  if (filters.question) {
    // "+c.id": not an index constraint. Else SQLite derives v.contribution_id IN (that Question's contributions) and, for
    // every match, looks each of them up (a minute at 200,000 contributions); as a plain test it costs a lookup.
    parts.push("+c.id IN (SELECT cq.contribution_id FROM contribution_questions cq JOIN questions q ON q.id = cq.question_id WHERE q.code = ?)");
    params.push(questionCodeFromParam(filters.question));
  }
  if (filters.state) {
    parts.push("c.status = ?");
    params.push(filters.state);
  }
  return { text: parts.length > 0 ? parts.join(" AND ") : "1", params };
}

type DetailRow = {
  id: number;
  number: number | null;
  title: string;
  status: ContributionStatus;
  sgNumber: number;
  meetingCode: string;
  source: string;
  kind: VersionKind;
  ordinal: number;
};

/**
 * The contributions whose text or cover page holds every word searched, best first, one result per contribution (its
 * best-matching version), as this actor may read them. A query with nothing searchable in it finds nothing; FTS5
 * syntax in it is searched as words (lib/text/fts-query.ts), never run.
 */
export function searchContributions(actor: Actor, query: string, filters: SearchFilters = {}): Result<SearchResult> {
  const { match, terms } = buildFtsQuery(query);
  const pageSize = Math.min(Math.max(1, Math.trunc(filters.pageSize ?? SEARCH_PAGE_SIZE)), MAX_SEARCH_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  if (!match) return ok({ terms, total: 0, page, pageSize, hits: [] });
  const scope = readableVersionScope(actor);
  const filter = filterSql(filters);
  const client = getDb().$client;
  const total = countMatches(match, scope, filter);
  const ranked = total > (page - 1) * pageSize ? bestVersions(match, scope, filter, page * pageSize).slice((page - 1) * pageSize) : [];
  if (ranked.length === 0) return ok({ terms, total, page, pageSize, hits: [] });

  const snippetOf = client.prepare(
    `SELECT snippet(search_index, -1, char(${MATCH_OPEN.charCodeAt(0)}), char(${MATCH_CLOSE.charCodeAt(0)}), '…', ${SNIPPET_TOKENS}) AS snippet
     FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)`,
  );
  // The CAST matters: a JS number is bound as a REAL, and FTS5 then drops the rowid constraint (SQLite 3.53): every
  // matching row would come back, and .get() would cut the first one's snippet for every result.
  const details = new Map(
    (
      client
        .prepare(
          `SELECT c.id, c.number, c.title, c.status, sg.number AS sgNumber, m.code AS meetingCode, o.name AS source, v.kind, v.ordinal, v.id AS versionId
           FROM contribution_versions v
           JOIN contributions c ON c.id = v.contribution_id
           JOIN study_groups sg ON sg.id = c.study_group_id
           JOIN meetings m ON m.id = c.meeting_id
           JOIN organisations o ON o.id = c.organisation_id
           WHERE v.id IN (${ranked.map(() => "?").join(", ")})`,
        )
        .all(...ranked.map((r) => r.versionId)) as Array<DetailRow & { versionId: number }>
    ).map((d) => [d.versionId, d]),
  );
  const questionsOf = client.prepare(
    "SELECT q.code FROM contribution_questions cq JOIN questions q ON q.id = cq.question_id WHERE cq.contribution_id = ? ORDER BY q.number",
  );
  const hits = ranked.map((r): SearchHit => {
    const d = details.get(r.versionId)!;
    const snippet = (snippetOf.get(match, r.versionId) as { snippet: string } | undefined)?.snippet ?? "";
    return {
      id: d.id,
      number: d.number,
      displayNumber: displayNumber(d.sgNumber, d.number),
      title: d.title,
      source: d.source,
      meetingCode: d.meetingCode,
      questions: (questionsOf.all(d.id) as Array<{ code: string }>).map((q) => q.code),
      status: d.status,
      versionId: r.versionId,
      versionKind: d.kind,
      versionLabel: versionLabel(d.kind, d.ordinal),
      snippet: snippetParts(snippet),
      score: r.score,
    };
  });
  return ok({ terms, total, page, pageSize, hits });
}

// Both queries below read the versions and contributions through covering indexes (migration 0013): at a decade of
// ITU-T a common phrase matches some 25,000 versions, and each lookup into the wide tables would be a page read.
// CROSS JOIN keeps SQLite from reordering: the matches are the outer loop, each looked up once.
const FROM_MATCHES = `FROM search_index h
  CROSS JOIN contribution_versions v INDEXED BY versions_search_scope_idx ON v.id = h.rowid
  CROSS JOIN contributions c INDEXED BY contributions_search_scope_idx ON c.id = v.contribution_id`;

/** How many contributions this actor may read have a version that matches. */
function countMatches(match: string, scope: Sql, filter: Sql): number {
  const row = getDb()
    .$client.prepare(`SELECT count(DISTINCT v.contribution_id) AS n ${FROM_MATCHES} WHERE search_index MATCH ? AND ${scope.text} AND ${filter.text}`)
    .get(match, ...scope.params, ...filter.params) as { n: number };
  return row.n;
}

type Candidate = { versionId: number; contributionId: number; score: number; receivedAt: number };

/**
 * The first `wanted` contributions by their best version's score, then by id; each with that version (the latest
 * received among equal scores). FTS5 hands the matches over best first (ORDER BY rank, its own sort), so reading stops
 * once `wanted` contributions are seen and every match as good as the last one read: a contribution not seen by then
 * has no version as good, so it comes after all of them. The same order as ranking every match, without joining and
 * sorting all of them.
 */
function bestVersions(match: string, scope: Sql, filter: Sql, wanted: number): Candidate[] {
  const rows = getDb()
    .$client.prepare(
      `SELECT h.rowid AS versionId, v.contribution_id AS contributionId, h.rank AS score, v.received_at AS receivedAt
       ${FROM_MATCHES}
       WHERE search_index MATCH ? AND h.rank MATCH '${BM25_RANK}' AND ${scope.text} AND ${filter.text}
       ORDER BY h.rank`,
    )
    .iterate(match, ...scope.params, ...filter.params) as IterableIterator<Candidate>;
  const best = new Map<number, Candidate>();
  let last: number | null = null;
  for (const row of rows) {
    if (best.size >= wanted && row.score !== last) break;
    last = row.score;
    const seen = best.get(row.contributionId);
    if (!seen || row.score < seen.score || (row.score === seen.score && (row.receivedAt > seen.receivedAt || (row.receivedAt === seen.receivedAt && row.versionId > seen.versionId)))) {
      best.set(row.contributionId, row);
    }
  }
  return [...best.values()].sort((a, b) => a.score - b.score || a.contributionId - b.contributionId).slice(0, wanted);
}
