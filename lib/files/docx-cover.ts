// Reads the cover-page fields (Questions, Source, Title, Contacts...) from ITU's contribution template so the form can be pre-filled.
import { open as openFile } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import type { ZipFile, Entry } from "yauzl";
import { nextZipEntry, openZip, openZipEntryStream, zipEntryName } from "@/lib/files/file-type";
import { translate, type MessageKey } from "@/lib/i18n/translate";

export type CoverContact = { name: string; organization: string; country: string; phone: string; email: string };
export type CoverPurpose = "Proposal" | "Information" | "Discussion" | "Decision" | "Other";
export type CoverPage = {
  questions: string[];
  studyGroup: string | null;
  workingParty: string | null;
  source: string | null;
  title: string | null;
  purpose: CoverPurpose | null;
  contacts: CoverContact[];
  keywords: string[];
  abstract: string | null;
  meeting: string | null;
};
export type CoverResult =
  | { ok: true; cover: CoverPage }
  /** `note` is English; `noteKey` says it in another language */
  | { ok: false; reason: "not_docx" | "no_template" | "damaged"; note: string; noteKey: MessageKey };

const DEFAULT_MAX_XML_BYTES = 20 * 1024 * 1024;

const NOTES = {
  notDocx: "api.cover.notDocx",
  noTemplate: "api.cover.noTemplate",
  damaged: "api.cover.damaged",
  encrypted: "api.cover.encrypted",
} as const satisfies Record<string, MessageKey>;

function notRead(reason: "not_docx" | "no_template" | "damaged", noteKey: MessageKey): CoverResult {
  return { ok: false, reason, note: translate("en", noteKey), noteKey };
}

export async function readCoverPage(path: string, opts?: { maxXmlBytes?: number }): Promise<CoverResult> {
  const maxXmlBytes = opts?.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES;
  if (!(await startsLikeZip(path))) return notRead("not_docx", NOTES.notDocx);

  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return notRead("damaged", NOTES.damaged);
  }
  try {
    const entry = await findEntry(zip, "word/document.xml");
    if (!entry) return notRead("not_docx", NOTES.notDocx);
    if (entry.isEncrypted()) return notRead("damaged", NOTES.encrypted);
    if (entry.uncompressedSize > maxXmlBytes) return notRead("damaged", NOTES.damaged);

    const table = await readFirstTable(zip, entry, maxXmlBytes);
    if (table === "too_big") return notRead("damaged", NOTES.damaged);
    if (table === null) return notRead("no_template", NOTES.noTemplate);
    const cover = interpretCoverTable(table);
    if (!cover) return notRead("no_template", NOTES.noTemplate);
    return { ok: true, cover };
  } catch {
    return notRead("damaged", NOTES.damaged);
  } finally {
    zip.close();
  }
}

async function startsLikeZip(path: string): Promise<boolean> {
  const file = await openFile(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await file.close();
  }
}

async function findEntry(zip: ZipFile, wanted: string): Promise<Entry | null> {
  for (let entry = await nextZipEntry(zip); entry; entry = await nextZipEntry(zip)) {
    // OPC part names are case-insensitive.
    if (zipEntryName(entry).toLowerCase() === wanted) return entry;
  }
  return null;
}

/** A table as rows of cells, each cell a list of paragraph texts. */
type Table = string[][][];

// Streams document.xml only as far as the end of the first table: the cover sits at the top, and
// the body after it may be tens of megabytes we have no use for here.
async function readFirstTable(zip: ZipFile, entry: Entry, maxXmlBytes: number): Promise<Table | null | "too_big"> {
  const stream = await openZipEntryStream(zip, entry);
  const reader = new FirstTableReader();
  let decoder: StringDecoder | null = null;
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (bytes > maxXmlBytes) return "too_big";
      // XML may be UTF-16 if it says so with a byte-order mark; Word itself writes UTF-8.
      decoder ??= new StringDecoder(buffer[0] === 0xff && buffer[1] === 0xfe ? "utf16le" : "utf8");
      reader.feed(decoder.write(buffer));
      if (reader.finished) break;
    }
  } finally {
    stream.destroy();
  }
  if (decoder) reader.feed(decoder.end());
  return reader.table;
}

// --- A small tolerant tokenizer for WordprocessingML ---------------------------------------

const WML_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);

/**
 * Collects the first top-level w:tbl as rows/cells/paragraphs. Tolerant by design: it never
 * rejects malformed XML, it only tracks the handful of elements that carry the cover's text.
 */
class FirstTableReader {
  finished = false;
  private rows: Table = [];
  private sawTable = false;
  private pending = "";
  // Where to resume scanning an unfinished token, relative to its "<", so a long tag split over
  // many chunks is scanned once rather than once per chunk.
  private resumeAt = 0;
  private resumeQuote: string | null = null;
  private wmlPrefixes = new Set(["w"]);

  private tableDepth = 0;
  private row: string[][] | null = null;
  private cell: string[] | null = null;
  private paragraphs: string[] = [];
  private inText = 0;
  private inRun = 0;
  private inTabStops = 0;
  private inFallback = 0;

  get table(): Table | null {
    return this.sawTable ? this.rows : null;
  }

  feed(text: string): void {
    if (this.finished || text === "") return;
    this.pending += text;
    const s = this.pending;
    let at = 0;
    while (!this.finished) {
      const lt = s.indexOf("<", at);
      if (lt === -1) break;
      if (lt > at) this.onText(decodeEntities(s.slice(at, lt)));
      const end = this.tokenEnd(s, lt);
      if (end === -1) {
        at = lt;
        break;
      }
      this.resumeAt = 0;
      this.resumeQuote = null;
      this.onToken(s, lt, end);
      at = end;
    }
    this.pending = this.finished ? "" : s.slice(at);
  }

  /** Index just past the token starting at `lt`, or -1 if it is not complete yet. */
  private tokenEnd(s: string, lt: number): number {
    const closer = s.startsWith("<!--", lt) ? "-->" : s.startsWith("<![CDATA[", lt) ? "]]>" : s.startsWith("<?", lt) ? "?>" : null;
    if (closer) {
      const found = s.indexOf(closer, lt + Math.max(2, this.resumeAt));
      if (found === -1) {
        this.resumeAt = Math.max(2, s.length - lt - closer.length);
        return -1;
      }
      return found + closer.length;
    }
    // Attribute values may legally contain ">", so only a ">" outside quotes ends a tag.
    let quote = this.resumeQuote;
    for (let i = lt + Math.max(1, this.resumeAt); i < s.length; i++) {
      const c = s[i];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") return i + 1;
    }
    this.resumeAt = s.length - lt;
    this.resumeQuote = quote;
    return -1;
  }

  private onToken(s: string, lt: number, end: number): void {
    if (s.startsWith("<![CDATA[", lt)) return this.onText(s.slice(lt + 9, end - 3));
    if (s[lt + 1] === "!" || s[lt + 1] === "?") return; // comments, DOCTYPE, processing instructions
    const inner = s.slice(lt + 1, end - 1);
    const closing = inner.startsWith("/");
    const selfClosing = !closing && inner.endsWith("/");
    const nameMatch = /^\/?\s*([^\s/>]+)/.exec(inner);
    if (!nameMatch) return;
    const qualified = nameMatch[1];
    const colon = qualified.indexOf(":");
    const prefix = colon === -1 ? "" : qualified.slice(0, colon);
    const local = colon === -1 ? qualified : qualified.slice(colon + 1);
    if (!closing && inner.includes("xmlns")) this.learnNamespaces(inner);

    // mc:Fallback repeats, for old readers, content already given in mc:Choice.
    if (local === "Fallback") {
      if (selfClosing) return;
      this.inFallback = Math.max(0, this.inFallback + (closing ? -1 : 1));
      return;
    }
    if (this.inFallback > 0 || !this.wmlPrefixes.has(prefix)) return;

    if (selfClosing) this.onEmpty(local);
    else if (closing) this.onEnd(local);
    else this.onStart(local);
  }

  private learnNamespaces(inner: string): void {
    for (const m of inner.matchAll(/xmlns(?::([^\s=]+))?\s*=\s*(["'])(.*?)\2/g)) {
      if (WML_NAMESPACES.has(m[3])) this.wmlPrefixes.add(m[1] ?? "");
    }
  }

  private onStart(local: string): void {
    switch (local) {
      case "tbl":
        if (this.tableDepth === 0 && !this.sawTable) this.sawTable = true;
        if (this.sawTable) this.tableDepth++;
        break;
      case "tr":
        if (this.tableDepth === 1) this.row = [];
        break;
      case "tc":
        if (this.tableDepth === 1) this.cell = [];
        break;
      case "p":
        if (this.cell) this.paragraphs.push("");
        break;
      case "r":
        this.inRun++;
        break;
      case "t":
        this.inText++;
        break;
      case "tabs":
        this.inTabStops++;
        break;
    }
  }

  private onEnd(local: string): void {
    switch (local) {
      case "tbl":
        if (this.tableDepth > 0) this.tableDepth--;
        if (this.sawTable && this.tableDepth === 0) this.finished = true;
        break;
      case "tr":
        if (this.tableDepth === 1 && this.row) this.rows.push(this.row);
        if (this.tableDepth === 1) this.row = null;
        break;
      case "tc":
        if (this.tableDepth === 1 && this.cell) (this.row ??= []).push(this.cell);
        if (this.tableDepth === 1) this.cell = null;
        break;
      case "p": {
        const text = this.paragraphs.pop();
        if (text !== undefined && this.cell) this.cell.push(text);
        break;
      }
      case "r":
        this.inRun = Math.max(0, this.inRun - 1);
        break;
      case "t":
        this.inText = Math.max(0, this.inText - 1);
        break;
      case "tabs":
        this.inTabStops = Math.max(0, this.inTabStops - 1);
        break;
    }
  }

  private onEmpty(local: string): void {
    switch (local) {
      case "p":
        if (this.cell) this.cell.push("");
        break;
      case "tc":
        if (this.tableDepth === 1) (this.row ??= []).push([]);
        break;
      case "tbl":
        // An empty table still counts as "the first table" of the document.
        if (this.tableDepth === 0 && !this.sawTable) {
          this.sawTable = true;
          this.finished = true;
        }
        break;
      // w:tab inside w:tabs is a tab stop definition, not a tab character.
      case "tab":
        if (this.inRun > 0 && this.inTabStops === 0) this.append("\t");
        break;
      case "br":
      case "cr":
        if (this.inRun > 0) this.append("\n");
        break;
      case "noBreakHyphen":
        if (this.inRun > 0) this.append("-");
        break;
    }
  }

  private onText(text: string): void {
    if (this.inText > 0) this.append(text);
  }

  private append(text: string): void {
    const last = this.paragraphs.length - 1;
    if (last >= 0) this.paragraphs[last] += text;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

// --- From table to cover page ---------------------------------------------------------------

type Field =
  | "questions"
  | "studyGroup"
  | "workingParty"
  | "meeting"
  | "source"
  | "title"
  | "purpose"
  | "contact"
  | "keywords"
  | "abstract";

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

function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(s\)/g, "s")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function labelOf(text: string): Field | null {
  return LABELS[normaliseLabel(text)] ?? null;
}

type Group = { field: Field; cells: string[][] };

function interpretCoverTable(rows: Table): CoverPage | null {
  const found = {
    questions: [] as string[],
    studyGroup: null as string | null,
    headerStudyGroup: null as string | null,
    workingParty: null as string | null,
    meeting: null as string | null,
    source: null as string | null,
    title: null as string | null,
    purpose: null as CoverPurpose | null,
    contacts: [] as CoverContact[],
    keywords: [] as string[],
    abstract: [] as string[],
  };
  const labelsSeen = new Set<Field>();
  let previous: Field | null = null;

  for (const row of rows) {
    const { leading, groups } = splitRow(row);
    if (groups.length === 0) {
      const text = oneLine(leading.map(cellText).join(" "));
      const header = /^study\s+group\s+(\d+)$/i.exec(text);
      if (header) found.headerStudyGroup ??= header[1];
      // Further contacts or abstract paragraphs sometimes sit in rows whose label cell is blank.
      if (text !== "" && (previous === "contact" || previous === "abstract")) groups.push({ field: previous, cells: leading });
    }
    for (const group of groups) {
      labelsSeen.add(group.field);
      previous = group.field;
      const values = group.cells.filter((c) => cellText(c).trim() !== "");
      const text = values.map(cellText).join("\n").trim();
      switch (group.field) {
        case "questions":
          if (values.length > 0) found.questions.push(cellText(values[0]));
          // The template puts the meeting's place and date, unlabelled, at the end of this row.
          if (values.length > 1) found.meeting ??= nonEmpty(oneLine(cellText(values[values.length - 1])));
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
          const contact = parseContact(lines(text));
          if (contact) found.contacts.push(contact);
          break;
        }
        case "keywords":
          for (const k of text.split(/[;,\n]/).map(oneLine)) {
            if (k !== "" && !found.keywords.includes(k)) found.keywords.push(k);
          }
          break;
        case "abstract":
          if (text !== "") found.abstract.push(text);
          break;
      }
    }
  }

  if (!labelsSeen.has("title") && !labelsSeen.has("questions") && !labelsSeen.has("source")) return null;

  let studyGroup = found.studyGroup ?? found.headerStudyGroup;
  const questions = normaliseQuestions(found.questions.join(", "), studyGroup);
  // "Q3/20" already names the study group; use it when the cover does not say so separately.
  if (studyGroup === null) {
    const groups = new Set(questions.map((q) => q.split("/")[1]));
    if (groups.size === 1) studyGroup = [...groups][0];
  }
  return {
    questions,
    studyGroup,
    workingParty: found.workingParty,
    source: found.source,
    title: found.title,
    purpose: found.purpose,
    contacts: found.contacts,
    keywords: found.keywords,
    abstract: found.abstract.length > 0 ? found.abstract.join("\n") : null,
    meeting: found.meeting,
  };
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
  const m = /^(\d+)(?:\/\d+)?$/.exec(bare);
  return m ? String(Number(m[1])) : nonEmpty(text);
}

function parsePurpose(text: string): CoverPurpose | null {
  const lower = text.toLowerCase();
  if (lower.trim() === "") return null;
  const candidates: Array<[RegExp, CoverPurpose]> = [
    [/\bpropos/, "Proposal"],
    [/\binform/, "Information"],
    [/\bdiscuss/, "Discussion"],
    [/\bdecision/, "Decision"],
  ];
  let best: { at: number; purpose: CoverPurpose } | null = null;
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

/**
 * "3/20", "Q.3/20", "Q3/20 and Q6/20", "Q3, Q6/20" -> ["Q3/20", "Q6/20"]. A number without its
 * study group borrows the next (or last) one written, else the cover's study group.
 */
function normaliseQuestions(text: string, studyGroup: string | null): string[] {
  const tokens = text
    .split(/[,;&]|\band\b|\s+/i)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((t) => t !== "");
  const result: string[] = [];
  let waiting: number[] = [];
  let lastGroup: string | null = null;
  for (const token of tokens) {
    const m = /^Q?\.?\s*(\d{1,3})(?:\/(\d{1,3}))?$/i.exec(token);
    if (!m) continue;
    const question = Number(m[1]);
    if (m[2] === undefined) {
      waiting.push(question);
      continue;
    }
    lastGroup = String(Number(m[2]));
    for (const q of [...waiting, question]) result.push(`Q${q}/${lastGroup}`);
    waiting = [];
  }
  const fallback = lastGroup ?? (studyGroup && /^\d+$/.test(studyGroup) ? studyGroup : null);
  if (fallback) for (const q of waiting) result.push(`Q${q}/${fallback}`);
  return [...new Set(result)];
}
