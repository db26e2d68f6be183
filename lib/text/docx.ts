// A DOCX's text for search and comparison, through the one DOCX reader (lib/files/docx-text.ts): one line per
// paragraph, one line per table row with its cells separated by " | ", tracked changes as Word shows them accepted.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DocxBlock } from "@/lib/files/docx-blocks";
import { readDocxText } from "@/lib/files/docx-text";
import { cleanText } from "./clean";
import type { Extracted, ExtractLimits } from "./extracted";

/** A table row's cells on one line: reads as the row does, and a change in one cell stays on its row in a comparison. */
function lines(blocks: DocxBlock[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") out.push(block.text);
    else for (const row of block.rows) out.push(row.map((cell) => lines(cell).join(" ").trim()).join(" | "));
  }
  return out;
}

async function fromPath(file: string, limits: ExtractLimits): Promise<Extracted> {
  const started = performance.now();
  let outOfTime = false;
  const read = await readDocxText(file, {
    maxXmlBytes: limits.maxXmlBytes,
    maxChars: limits.maxChars,
    // Past the soft time limit, what was read so far is kept (and marked truncated).
    until: () => (outOfTime = performance.now() - started > limits.softTimeMs),
  });
  if (!read.ok) return { state: "no_text", reason: read.reason === "encrypted" ? "encrypted" : "damaged", pages: null };
  const text = cleanText(lines(read.blocks).join("\n"));
  if (!/[\p{L}\p{N}]/u.test(text)) return { state: "no_text", reason: "scanned", pages: null };
  return { state: "done", text, pages: null, truncated: read.truncated || outOfTime };
}

/** The text of a DOCX on disk, or of one in memory (the main document of a ZIP of annexes, through a temp file). */
export async function docxText(input: string | Buffer, limits: ExtractLimits): Promise<Extracted> {
  if (typeof input === "string") return fromPath(input, limits);
  const dir = await mkdtemp(path.join(os.tmpdir(), "tracker-docx-"));
  try {
    const file = path.join(dir, "annex.docx");
    await writeFile(file, input);
    return await fromPath(file, limits);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
