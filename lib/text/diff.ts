// What changed between two texts, word by word (jsdiff): paragraphs are matched first, words only inside changed ones.
//
// Diffing two 100-page versions word by word in one go is Myers' O(N·D) over ~60,000 tokens; matching paragraphs
// first (a few thousand lines, mostly equal) and then diffing words only inside the paragraphs that differ keeps it
// to milliseconds, and reads better too: an edit stays inside its paragraph. Every step has a time limit; a region
// that cannot be diffed in time is shown as removed and added whole, never as a hang.
import { diffArrays, diffWordsWithSpace } from "diff";

export type DiffPartType = "added" | "removed" | "unchanged";
export type DiffPart = { type: DiffPartType; text: string };

export type DiffStats = { addedWords: number; removedWords: number; unchangedWords: number };

const PARAGRAPH_TIMEOUT_MS = 1500;
const REGION_TIMEOUT_MS = 250;
/** A changed region larger than this (in characters, both sides) is shown removed and added whole. */
const MAX_WORD_DIFF_CHARS = 400_000;

function push(parts: DiffPart[], type: DiffPartType, text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last && last.type === type) last.text += text;
  else parts.push({ type, text });
}

/** The words of a changed region; jsdiff gives removed before added for each change. */
function diffRegion(parts: DiffPart[], removed: string, added: string): void {
  if (!removed || !added || removed.length + added.length > MAX_WORD_DIFF_CHARS) {
    push(parts, "removed", removed);
    push(parts, "added", added);
    return;
  }
  const changes = diffWordsWithSpace(removed, added, { timeout: REGION_TIMEOUT_MS });
  if (!changes) {
    push(parts, "removed", removed);
    push(parts, "added", added);
    return;
  }
  for (const c of changes) push(parts, c.added ? "added" : c.removed ? "removed" : "unchanged", c.value);
}

/**
 * The differences from `from` to `to`: joining the parts that are not "added" gives `from` back, joining those that
 * are not "removed" gives `to` (tested as a property).
 */
export function diffTexts(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ type: "unchanged", text: from }] : [];
  // Each paragraph with its line break (the last one has none: where it matches a middle one of the other text, the
  // word diff of that small region finds them equal).
  const lines = (text: string) => (text ? text.split(/(?<=\n)/) : []);
  const a = lines(from);
  const b = lines(to);
  const parts: DiffPart[] = [];
  const paragraphs = diffArrays(a, b, { timeout: PARAGRAPH_TIMEOUT_MS });
  if (!paragraphs) {
    diffRegion(parts, from, to);
    return parts;
  }
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed || added) diffRegion(parts, removed, added);
    removed = "";
    added = "";
  };
  for (const change of paragraphs) {
    const text = change.value.join("");
    if (change.removed) removed += text;
    else if (change.added) added += text;
    else {
      flush();
      push(parts, "unchanged", text);
    }
  }
  flush();
  return parts;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

export function diffStats(parts: DiffPart[]): DiffStats {
  const stats: DiffStats = { addedWords: 0, removedWords: 0, unchangedWords: 0 };
  for (const p of parts) {
    const n = countWords(p.text);
    if (p.type === "added") stats.addedWords += n;
    else if (p.type === "removed") stats.removedWords += n;
    else stats.unchangedWords += n;
  }
  return stats;
}

export type DiffSegment = DiffPart | { type: "collapsed"; text: string; words: number };

/**
 * For reading: long unchanged stretches keep `context` words on each side of a change and fold the rest into a
 * "collapsed" segment (which a page shows as "… 240 unchanged words …", expandable). Nothing is lost: the segments
 * joined are the parts joined.
 */
export function collapseUnchanged(parts: DiffPart[], context = 12): DiffSegment[] {
  const out: DiffSegment[] = [];
  parts.forEach((part, i) => {
    if (part.type !== "unchanged") {
      out.push(part);
      return;
    }
    const keepHead = i > 0 ? context : 0; // words after the change before it
    const keepTail = i < parts.length - 1 ? context : 0; // words before the change after it
    const words = [...part.text.matchAll(WORD)];
    const hidden = words.length - keepHead - keepTail;
    if (hidden < Math.max(8, context)) {
      out.push(part);
      return;
    }
    // Cut at the end of the last word kept at the head, and at the start of the first word kept at the tail.
    const headEnd = keepHead > 0 ? words[keepHead - 1].index! + words[keepHead - 1][0].length : 0;
    const tailStart = keepTail > 0 ? words[words.length - keepTail].index! : part.text.length;
    if (headEnd > 0) out.push({ type: "unchanged", text: part.text.slice(0, headEnd) });
    out.push({ type: "collapsed", text: part.text.slice(headEnd, tailStart), words: hidden });
    if (tailStart < part.text.length) out.push({ type: "unchanged", text: part.text.slice(tailStart) });
  });
  return out;
}
