// What changed between two versions of a contribution: their extracted texts compared word by word (lib/text/diff.ts),
// for whoever may read both versions; anyone else gets not_found.
import "server-only";
import { getDb } from "@/db/client";
import type { TextState, VersionKind } from "@/lib/domain";
import type { Actor } from "@/lib/auth/permissions";
import { getContribution } from "@/lib/data/contributions";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { diffStats, diffTexts, type DiffPart, type DiffStats } from "@/lib/text/diff";

export type VersionText = {
  id: number;
  kind: VersionKind;
  ordinal: number;
  /** "" for the original, else "Rev.1" */
  label: string;
  receivedAt: number;
  /** pending while the extraction queue has not read it; done, no_text (with a reason) or failed after that */
  textState: TextState;
  reason: string | null;
  truncated: boolean;
  chars: number | null;
  attempts: number;
};

export type Comparison = {
  contributionId: number;
  from: VersionText;
  to: VersionText;
  /** both texts are there; otherwise `parts` is empty and the states say why */
  ready: boolean;
  parts: DiffPart[];
  stats: DiffStats;
};

type TextRow = { versionId: number; state: TextState | null; reason: string | null; truncated: number | null; chars: number | null; attempts: number | null; text: string | null };

function textRows(versionIds: number[], withText: boolean): Map<number, TextRow> {
  if (versionIds.length === 0) return new Map();
  const rows = getDb()
    .$client.prepare(
      `SELECT v.id AS versionId, t.state, t.reason, t.truncated, t.chars, t.attempts, ${withText ? "t.text" : "NULL AS text"}
       FROM contribution_versions v LEFT JOIN file_texts t ON t.file_id = v.file_id
       WHERE v.id IN (${versionIds.map(() => "?").join(", ")})`,
    )
    .all(...versionIds) as TextRow[];
  return new Map(rows.map((r) => [r.versionId, r]));
}

/** The versions of a contribution this actor may read, each with the state of its text. */
export function listVersionTexts(actor: Actor, contributionId: number): Result<VersionText[]> {
  const found = getContribution(actor, contributionId);
  if (!found.ok) return found;
  const versions = found.value.versions;
  const texts = textRows(
    versions.map((v) => v.id),
    false,
  );
  return ok(
    versions.map((v) => {
      const t = texts.get(v.id);
      return {
        id: v.id,
        kind: v.kind,
        ordinal: v.ordinal,
        label: v.kind === "original" ? "" : v.label,
        receivedAt: v.receivedAt,
        textState: t?.state ?? "pending",
        reason: t?.reason ?? null,
        truncated: Boolean(t?.truncated),
        chars: t?.chars ?? null,
        attempts: t?.attempts ?? 0,
      };
    }),
  );
}

/**
 * The word-level differences from one version to another of the same contribution. Both must be versions the actor
 * may read (a pending late revision is the organisation's and the reviewers' only): otherwise not_found, as for a
 * document that does not exist.
 */
export function compareVersions(actor: Actor, contributionId: number, fromId: number, toId: number): Result<Comparison> {
  const listed = listVersionTexts(actor, contributionId);
  if (!listed.ok) return listed;
  const from = listed.value.find((v) => v.id === fromId);
  const to = listed.value.find((v) => v.id === toId);
  if (!from || !to) return failT("not_found", "api.notFound.document");
  const ready = from.textState === "done" && to.textState === "done";
  if (!ready) return ok({ contributionId, from, to, ready, parts: [], stats: { addedWords: 0, removedWords: 0, unchangedWords: 0 } });
  const texts = textRows([fromId, toId], true);
  const parts = diffTexts(texts.get(fromId)?.text ?? "", texts.get(toId)?.text ?? "");
  return ok({ contributionId, from, to, ready, parts, stats: diffStats(parts) });
}

/**
 * What a page's compare section shows: the versions to choose from and the comparison of the pair asked for
 * (?from=&to=), or of the current version against the one before it. Null when there is nothing to compare.
 */
export function comparisonFor(
  actor: Actor,
  contributionId: number,
  currentId: number | null,
  from: string | undefined,
  to: string | undefined,
): { versions: VersionText[]; comparison: Comparison | null; fromId: number; toId: number } | null {
  const listed = listVersionTexts(actor, contributionId);
  if (!listed.ok || listed.value.length < 2) return null;
  const versions = listed.value;
  const asked = { fromId: Number(from), toId: Number(to) };
  const known = (id: number) => versions.some((v) => v.id === id);
  let pair = known(asked.fromId) && known(asked.toId) ? asked : null;
  if (!pair) {
    const toIndex = versions.findIndex((v) => v.id === currentId);
    const toVersion = versions[toIndex > 0 ? toIndex : versions.length - 1];
    const fromVersion = versions[versions.indexOf(toVersion) - 1] ?? versions[0];
    pair = { fromId: fromVersion.id, toId: toVersion.id };
  }
  const compared = compareVersions(actor, contributionId, pair.fromId, pair.toId);
  return { versions, comparison: compared.ok ? compared.value : null, ...pair };
}
