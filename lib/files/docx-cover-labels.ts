// The cover's labels ("Question(s):", "Title", "Contact"...) in any of the ways delegates fill in ITU's template: a label
// cell before its values, "Label: value" in one cell or paragraph, rows whose label cell is blank.
import { paragraphTexts, type DocxTable } from "@/lib/files/docx-blocks";
import { addTo, nonEmpty, oneLine, type Field, type Found } from "@/lib/files/docx-cover-fields";

/** A table as rows of cells, each cell the texts of its paragraphs (a nested table's paragraphs included). */
export type Rows = string[][][];

export function tableRows(table: DocxTable): Rows {
  return table.rows.map((row) => row.map((cell) => paragraphTexts(cell)));
}

// Keys are labels after normaliseLabel(): lower case, "(s)" folded into "s", punctuation gone.
const LABELS: Record<string, Field> = {
  questions: "questions",
  question: "questions",
  "study group": "studyGroup",
  sg: "studyGroup",
  "working party": "workingParty",
  wp: "workingParty",
  meeting: "meeting",
  "meeting date": "meeting",
  "meeting and date": "meeting",
  "place and date": "meeting",
  "place date": "meeting",
  "date and place": "meeting",
  venue: "meeting",
  source: "source",
  sources: "source",
  title: "title",
  purpose: "purpose",
  contact: "contact",
  contacts: "contact",
  keywords: "keywords",
  keyword: "keywords",
  "key words": "keywords",
  abstract: "abstract",
  summary: "abstract",
};

// ITU's template tells delegates not to touch the table; the note is no one's contact or abstract.
const TEMPLATE_NOTE = /change the structure of this table/i;

function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(s\)/g, "s")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function labelOf(text: string): Field | null {
  // Labels are short; a long paragraph is never one, and is not worth normalising.
  return text.length > 40 ? null : (LABELS[normaliseLabel(text)] ?? null);
}

/** "STUDY GROUP 20" on a line of its own, as the template's header has it. */
export function studyGroupHeader(text: string): string | null {
  for (const line of text.split("\n")) {
    const m = /^study\s+group\s+(\d{1,2})$/i.exec(oneLine(line));
    if (m) return String(Number(m[1]));
  }
  return null;
}

/** "Keywords: a; b" or "Keywords" alone, in a paragraph of its own. */
export function paragraphLabel(text: string): { field: Field; value: string } | null {
  const whole = labelOf(text);
  if (whole) return { field: whole, value: "" };
  const m = /^([^:：]{1,40})[:：]\s*([\s\S]*)$/.exec(text);
  if (!m) return null;
  const field = labelOf(m[1]);
  return field ? { field, value: m[2].trim() } : null;
}

type Group = { field: Field; cells: string[][] };

/** Reads label/value rows into `found`; `only`, if given, limits which fields are taken. */
export function collectRows(rows: Rows, found: Found, only: Set<Field> | null): void {
  let previous: Field | null = null;
  for (const row of rows) {
    if (TEMPLATE_NOTE.test(row.map(cellText).join(" "))) continue;
    const { leading, groups } = splitRow(row);
    if (groups.length === 0) {
      for (const cell of leading) found.headerStudyGroup ??= studyGroupHeader(cellText(cell));
      // Further contacts or abstract paragraphs sometimes sit in rows whose label cell is blank.
      const text = oneLine(leading.map(cellText).join(" "));
      if (text !== "" && (previous === "contact" || previous === "abstract")) groups.push({ field: previous, cells: leading });
    }
    for (const group of groups) {
      previous = group.field;
      if (only && !only.has(group.field)) continue;
      found.labels.add(group.field);
      const values = group.cells.filter((c) => cellText(c).trim() !== "");
      if (group.field === "questions") {
        if (values.length > 0) addTo(found, "questions", cellText(values[0]));
        // The template puts the meeting's place and date, unlabelled, at the end of this row.
        if (values.length > 1) found.meeting ??= nonEmpty(oneLine(cellText(values[values.length - 1])));
        continue;
      }
      addTo(found, group.field, values.map(cellText).join("\n").trim());
    }
  }
}

/** Splits a row into label groups; cells before the first label are returned as `leading`. */
function splitRow(row: string[][]): { leading: string[][]; groups: Group[] } {
  const leading: string[][] = [];
  const groups: Group[] = [];
  for (const cell of row) {
    const field = labelOf(cellText(cell));
    if (field) {
      groups.push({ field, cells: [] });
      continue;
    }
    // "Title: Foo" in a single cell; only before any label, so an abstract that happens to say
    // "Purpose: ..." is not torn apart.
    if (groups.length === 0) {
      const inline = inlineLabel(cell);
      if (inline) {
        groups.push(inline);
        continue;
      }
    }
    if (groups.length > 0) groups[groups.length - 1].cells.push(cell);
    else leading.push(cell);
  }
  return { leading, groups };
}

function inlineLabel(cell: string[]): Group | null {
  const firstIndex = cell.findIndex((p) => p.trim() !== "");
  if (firstIndex === -1) return null;
  const m = /^\s*([^:：]{1,40})[:：]\s*([\s\S]*)$/.exec(cell[firstIndex]);
  if (!m) return null;
  const field = labelOf(m[1]);
  if (!field) return null;
  return { field, cells: [[m[2], ...cell.slice(firstIndex + 1)]] };
}

export function cellText(cell: string[]): string {
  return cell.join("\n");
}
