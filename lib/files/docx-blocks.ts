// What the DOCX reader gives back: paragraphs and tables in document order, and the ways its readers walk them.

/** A paragraph's visible text: tabs as "\t", line breaks as "\n"; `style` is its paragraph style id (w:pStyle), if any. */
export type DocxParagraph = { kind: "paragraph"; text: string; style: string | null };
/** A table, row by row; each cell holds blocks (its paragraphs, and any table nested in it). */
export type DocxTable = { kind: "table"; rows: DocxRow[] };
export type DocxRow = DocxCell[];
export type DocxCell = DocxBlock[];
export type DocxBlock = DocxParagraph | DocxTable;

/** Every paragraph's text in document order, tables row by row and cell by cell. */
export function paragraphTexts(blocks: DocxBlock[]): string[] {
  const out: string[] = [];
  const walk = (list: DocxBlock[]) => {
    for (const block of list) {
      if (block.kind === "paragraph") out.push(block.text);
      else for (const row of block.rows) for (const cell of row) walk(cell);
    }
  };
  walk(blocks);
  return out;
}

/** The plain text: one line per paragraph (a paragraph's own line breaks and tabs kept). */
export function blocksText(blocks: DocxBlock[]): string {
  return paragraphTexts(blocks).join("\n");
}

/** The first `max` UTF-16 units of `text`, one fewer rather than half of a surrogate pair: a bound never splits a character. */
export function cutWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
