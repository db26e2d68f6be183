// Reads the cover-page fields (Questions, Source, Title, Contacts, Keywords, Abstract...) of a DOCX on ITU's contribution template, as delegates fill it in, to prefill the form: it reads the cover and stops, and caps every field.
import type { Purpose } from "@/lib/domain";
import { ok, type Result } from "@/lib/domain/failures";
import { parseQuestions } from "@/lib/domain/questions";
import { checkUploadedFile, fileRefusal } from "@/lib/files/file-type";
import { paragraphTexts, readDocxText, type DocxBlock, type DocxParagraph, type DocxTable } from "@/lib/files/docx-text";
import type { MessageKey } from "@/lib/i18n/keys";
import { MAX_ABSTRACT, MAX_CONTACT, MAX_CONTACTS, MAX_KEYWORDS, MAX_QUESTIONS, MAX_TITLE } from "@/lib/validation/contribution";

export type CoverContact = { name: string; organization: string; country: string; phone: string; email: string };
export type CoverPage = {
  questions: string[];
  studyGroup: string | null;
  workingParty: string | null;
  source: string | null;
  title: string | null;
  purpose: Purpose | null;
  contacts: CoverContact[];
  keywords: string[];
  abstract: string | null;
  meeting: string | null;
};
export type CoverResult =
  /** `read`: how much of word/document.xml was read, and whether a bound cut it short */
  | { ok: true; cover: CoverPage; read: { xmlBytes: number; truncated: boolean } }
  /** `noteKey`: why nothing was read, as a catalog key */
  | { ok: false; reason: "not_docx" | "no_template" | "damaged"; noteKey: MessageKey };

const KIB = 1024;
// The cover of a real contribution is a few tens of kilobytes of XML, a logo's drawing included; past this the
// reader stops whatever the document holds, and answers with what it found.
export const COVER_MAX_XML_BYTES = 1024 * KIB;
const COVER_MAX_CHARS = 200_000;
// Where the cover table may start (after a logo, a heading, a text box) and how far past it Keywords and Abstract may be.
const MAX_BLOCKS_BEFORE_COVER = 40;
const MAX_BLOCKS_AFTER_COVER = 20;

/** The longest value kept of each field; the submission's own limits where it has them. */
export const COVER_LIMITS = {
  title: MAX_TITLE,
  abstract: MAX_ABSTRACT,
  source: 500,
  meeting: 200,
  studyGroup: 40,
  workingParty: 40,
  questions: MAX_QUESTIONS,
  contacts: MAX_CONTACTS,
  contact: MAX_CONTACT,
  keywords: 30,
  keyword: 100,
  keywordsJoined: MAX_KEYWORDS,
} as const;

const NOTES = {
  notDocx: "api.cover.notDocx",
  noTemplate: "api.cover.noTemplate",
  damaged: "api.cover.damaged",
  encrypted: "api.cover.encrypted",
} as const satisfies Record<string, MessageKey>;

function notRead(reason: "not_docx" | "no_template" | "damaged", noteKey: MessageKey): CoverResult {
  return { ok: false, reason, noteKey };
}

/** What a read of an uploaded file's cover page found; `noteKey` says why nothing was. */
export type CoverAnswer = { found: true; cover: CoverPage } | { found: false; reason: "not_docx" | "no_template" | "damaged"; noteKey: MessageKey };

/**
 * An uploaded file's cover page, after the very checks a submission of it would pass: a macro-enabled document, a
 * ZIP bomb or a file that is no document gets the refusal it would get on submission, before a byte of XML is read.
 */
export async function readUploadedCoverPage(path: string, originalName: string): Promise<Result<CoverAnswer>> {
  const check = await checkUploadedFile(path, originalName);
  if (!check.ok) return fileRefusal(check);
  if (check.kind !== "docx") return ok({ found: false, reason: "not_docx", noteKey: NOTES.notDocx });
  const result = await readCoverPage(path);
  return ok(result.ok ? { found: true, cover: result.cover } : { found: false, reason: result.reason, noteKey: result.noteKey });
}

/** Reads the cover page of the DOCX at `path` as it is; an upload goes through readUploadedCoverPage. */
export async function readCoverPage(path: string, opts?: { maxXmlBytes?: number }): Promise<CoverResult> {
  const scan = new CoverScan();
  const read = await readDocxText(path, {
    maxXmlBytes: opts?.maxXmlBytes ?? COVER_MAX_XML_BYTES,
    maxChars: COVER_MAX_CHARS,
    until: (block) => scan.push(block),
  });
  if (!read.ok) {
    if (read.reason === "not_docx") return notRead("not_docx", NOTES.notDocx);
    return notRead("damaged", read.reason === "encrypted" ? NOTES.encrypted : NOTES.damaged);
  }
  // Blocks that a bound cut short never went through `until`: the cover may be among them.
  for (const block of read.blocks.slice(scan.seen)) if (scan.push(block)) break;
  const cover = scan.cover();
  if (!cover) return notRead("no_template", NOTES.noTemplate);
  return { ok: true, cover, read: { xmlBytes: read.xmlBytesRead, truncated: read.truncated } };
}

// --- Following the document down to the end of the cover -------------------------------------

type Field = "questions" | "studyGroup" | "workingParty" | "meeting" | "source" | "title" | "purpose" | "contact" | "keywords" | "abstract";

/** What the cover says, as read so far; values are kept within bounds as they come in. */
type Found = {
  questions: string[];
  studyGroup: string | null;
  headerStudyGroup: string | null;
  workingParty: string | null;
  meeting: string | null;
  source: string | null;
  title: string | null;
  purpose: Purpose | null;
  contacts: CoverContact[];
  keywords: string[];
  abstract: string[];
  abstractLength: number;
  labels: Set<Field>;
};

function nothingFound(): Found {
  return {
    questions: [],
    studyGroup: null,
    headerStudyGroup: null,
    workingParty: null,
    meeting: null,
    source: null,
    title: null,
    purpose: null,
    contacts: [],
    keywords: [],
    abstract: [],
    abstractLength: 0,
    labels: new Set(),
  };
}

const AFTER_THE_COVER = new Set<Field>(["keywords", "abstract"]);

/**
 * Takes the document's top-level blocks one at a time and says when the cover is over. The cover table is the first
 * table with a Title, Question(s) or Source label (a logo table or text may come before it); Keywords and Abstract may
 * then follow in a table or paragraphs of their own, as ITU's template has them after its note "Please don't change
 * the structure of this table...". Nothing else is taken from after the cover table.
 */
class CoverScan {
  seen = 0;
  private found: Found | null = null;
  private headerStudyGroup: string | null = null;
  private afterCover = 0;
  private open: "keywords" | "abstract" | null = null;
  private finished = false;

  /** true: the cover is over, read no further */
  push(block: DocxBlock): boolean {
    this.seen++;
    if (this.finished) return true;
    if (!this.found) this.beforeCover(block);
    else this.afterCoverTable(block);
    return this.finished;
  }

  cover(): CoverPage | null {
    if (!this.found) return null;
    this.found.headerStudyGroup ??= this.headerStudyGroup;
    return finish(this.found);
  }

  private beforeCover(block: DocxBlock): void {
    if (block.kind === "table") {
      const found = nothingFound();
      collectRows(tableRows(block), found, null);
      if (found.labels.has("title") || found.labels.has("questions") || found.labels.has("source")) {
        this.found = found;
        this.finished = this.complete();
        return;
      }
      // A table before the cover: ITU's logo and "STUDY GROUP 20" may stand in one of their own.
      for (const row of tableRows(block)) for (const cell of row) this.headerStudyGroup ??= studyGroupHeader(cellText(cell));
    } else {
      this.headerStudyGroup ??= studyGroupHeader(block.text);
    }
    if (this.seen >= MAX_BLOCKS_BEFORE_COVER) this.finished = true;
  }

  private afterCoverTable(block: DocxBlock): void {
    const found = this.found!;
    this.afterCover++;
    if (block.kind === "table") {
      this.open = null;
      collectRows(tableRows(block), found, AFTER_THE_COVER);
    } else {
      this.paragraphAfterCover(block, found);
    }
    this.finished ||= this.complete() || this.afterCover >= MAX_BLOCKS_AFTER_COVER;
  }

  private paragraphAfterCover(paragraph: DocxParagraph, found: Found): void {
    const text = paragraph.text.trim();
    // The body has begun: "1 Introduction", or a paragraph in a heading style.
    if (isHeading(paragraph)) {
      this.finished = true;
      return;
    }
    const labelled = paragraphLabel(text);
    if (labelled && AFTER_THE_COVER.has(labelled.field)) {
      found.labels.add(labelled.field);
      this.open = labelled.field === "keywords" || labelled.field === "abstract" ? labelled.field : null;
      if (labelled.value !== "") {
        addTo(found, labelled.field, labelled.value);
        // "Keywords: a; b" says them all; an abstract may run on over the next paragraphs.
        if (labelled.field === "keywords") this.open = null;
      }
      return;
    }
    if (labelled) {
      this.open = null;
      return;
    }
    if (this.open === "keywords") {
      if (text !== "") {
        addTo(found, "keywords", text);
        this.open = null;
      }
    } else if (this.open === "abstract") {
      // Blank paragraphs between the label and its text are skipped; one after the text ends the abstract.
      if (text !== "") addTo(found, "abstract", paragraph.text);
      else if (found.abstract.length > 0) this.open = null;
    }
  }

  /** Both Keywords and Abstract are in, and nothing is left open: the rest of the document is the body. */
  private complete(): boolean {
    const found = this.found!;
    return found.labels.has("keywords") && found.labels.has("abstract") && found.abstract.length > 0 && this.open === null;
  }
}

function isHeading(paragraph: DocxParagraph): boolean {
  if (paragraph.style && /^(heading|titre|berschrift|заголовок)\s*\d/i.test(paragraph.style)) return true;
  return /^\d+(\.\d+)*\.?\s+\p{Lu}/u.test(paragraph.text.trim());
}

// --- From table rows to fields ----------------------------------------------------------------

/** A table as rows of cells, each cell the texts of its paragraphs (a nested table's paragraphs included). */
type Rows = string[][][];

function tableRows(table: DocxTable): Rows {
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
function studyGroupHeader(text: string): string | null {
  for (const line of text.split("\n")) {
    const m = /^study\s+group\s+(\d{1,2})$/i.exec(oneLine(line));
    if (m) return String(Number(m[1]));
  }
  return null;
}

/** "Keywords: a; b" or "Keywords" alone, in a paragraph of its own. */
function paragraphLabel(text: string): { field: Field; value: string } | null {
  const whole = labelOf(text);
  if (whole) return { field: whole, value: "" };
  const m = /^([^:：]{1,40})[:：]\s*([\s\S]*)$/.exec(text);
  if (!m) return null;
  const field = labelOf(m[1]);
  return field ? { field, value: m[2].trim() } : null;
}

type Group = { field: Field; cells: string[][] };

/** Reads label/value rows into `found`; `only`, if given, limits which fields are taken. */
function collectRows(rows: Rows, found: Found, only: Set<Field> | null): void {
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

/** Adds one labelled value; the first value of a single field wins. */
function addTo(found: Found, field: Field, text: string): void {
  switch (field) {
    case "questions":
      if (found.questions.length < COVER_LIMITS.questions * 4) found.questions.push(cap(text, 1000));
      break;
    case "studyGroup":
      found.studyGroup ??= numberAfter(oneLine(text), /^(?:study\s*group|sg)\s*/i);
      break;
    case "workingParty":
      found.workingParty ??= numberAfter(oneLine(text), /^(?:working\s*party|wp)\s*/i);
      break;
    case "meeting":
      found.meeting ??= nonEmpty(oneLine(text));
      break;
    case "source":
      found.source ??= nonEmpty(lines(text).join(", "));
      break;
    case "title":
      found.title ??= nonEmpty(oneLine(text));
      break;
    case "purpose":
      found.purpose ??= parsePurpose(text);
      break;
    case "contact": {
      const contact = found.contacts.length < COVER_LIMITS.contacts ? parseContact(lines(text)) : null;
      if (contact) found.contacts.push(contact);
      break;
    }
    case "keywords":
      for (const k of text.split(/[;,\n]/).map(oneLine)) {
        if (k !== "" && !found.keywords.includes(k) && found.keywords.length < COVER_LIMITS.keywords) found.keywords.push(k);
      }
      break;
    case "abstract":
      if (text !== "" && found.abstractLength <= COVER_LIMITS.abstract) {
        found.abstract.push(text);
        found.abstractLength += text.length + 1;
      }
      break;
  }
}

function finish(found: Found): CoverPage {
  let studyGroup = found.studyGroup ?? found.headerStudyGroup;
  const questions = parseQuestions(found.questions.join(", "), studyGroup).slice(0, COVER_LIMITS.questions);
  // "Q3/20" already names the study group; use it when the cover does not say so separately.
  if (studyGroup === null) {
    const groups = new Set(questions.map((q) => q.split("/")[1]));
    if (groups.size === 1) studyGroup = [...groups][0];
  }
  const limits = COVER_LIMITS;
  return {
    questions,
    studyGroup: capOrNull(studyGroup, limits.studyGroup),
    workingParty: capOrNull(found.workingParty, limits.workingParty),
    source: capOrNull(found.source, limits.source),
    title: capOrNull(found.title, limits.title),
    purpose: found.purpose,
    contacts: found.contacts.map((c) => ({
      name: cap(c.name, limits.contact.name),
      organization: cap(c.organization, limits.contact.organization),
      country: cap(c.country, limits.contact.country),
      phone: cap(c.phone, limits.contact.phone),
      email: cap(c.email, limits.contact.email),
    })),
    keywords: capKeywords(found.keywords),
    abstract: found.abstract.length > 0 ? cap(found.abstract.join("\n"), limits.abstract) : null,
    meeting: capOrNull(found.meeting, limits.meeting),
  };
}

/** Each keyword within its length, and all of them, joined with "; " as the form joins them, within the submission's limit. */
function capKeywords(keywords: string[]): string[] {
  const kept: string[] = [];
  let joined = 0;
  for (const keyword of keywords) {
    const k = cap(keyword, COVER_LIMITS.keyword);
    const length = joined === 0 ? k.length : joined + 2 + k.length;
    if (length > COVER_LIMITS.keywordsJoined) break;
    kept.push(k);
    joined = length;
  }
  return kept;
}

/** At most `max` UTF-16 units, never half a character, no trailing space. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trimEnd();
}

function capOrNull(text: string | null, max: number): string | null {
  return text === null ? null : cap(text, max);
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

function cellText(cell: string[]): string {
  return cell.join("\n");
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function nonEmpty(text: string): string | null {
  return text === "" ? null : text;
}

function numberAfter(text: string, prefix: RegExp): string | null {
  const bare = text.replace(prefix, "");
  const m = /^(\d{1,3})(?:\/\d{1,3})?$/.exec(bare);
  return m ? String(Number(m[1])) : nonEmpty(text);
}

function parsePurpose(text: string): Purpose | null {
  const lower = text.toLowerCase();
  if (lower.trim() === "") return null;
  const candidates: Array<[RegExp, Purpose]> = [
    [/\bpropos/, "Proposal"],
    [/\binform/, "Information"],
    [/\bdiscuss/, "Discussion"],
    [/\bdecision/, "Decision"],
  ];
  let best: { at: number; purpose: Purpose } | null = null;
  for (const [pattern, purpose] of candidates) {
    const at = lower.search(pattern);
    if (at !== -1 && (!best || at < best.at)) best = { at, purpose };
  }
  return best?.purpose ?? "Other";
}

function parseContact(contactLines: string[]): CoverContact | null {
  let phone = "";
  let email = "";
  const identity: string[] = [];
  for (const line of contactLines) {
    const tel = /^(?:tel(?:ephone)?|phone|mobile|mob|cell)\b\.?\s*[:：]?\s*(.*)$/i.exec(line);
    const mail = /^e-?\s?mail\s*[:：]?\s*(.*)$/i.exec(line);
    if (tel) phone ||= tel[1].trim();
    else if (mail) email ||= mail[1].replace(/^mailto:/i, "").trim();
    else if (/^fax\b/i.test(line)) continue;
    else if (/^\S+@\S+\.\S+$/.test(line)) email ||= line.replace(/^mailto:/i, "");
    else identity.push(line);
  }
  const name = identity[0] ?? "";
  const country = identity.length >= 3 ? identity[identity.length - 1] : "";
  const organization = identity.length >= 3 ? identity.slice(1, -1).join(", ") : (identity[1] ?? "");
  if (!name && !organization && !country && !phone && !email) return null;
  return { name, organization, country, phone, email };
}
