// The text of a DOCX in document order (paragraphs, tables row by row, tracked changes resolved), streamed and bounded: for the cover-page reader and full-text search.
import { open as openFile } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { Entry, ZipFile } from "yauzl";
import { MAX_ZIP_ENTRIES, nextZipEntry, openZip, openZipEntryStream, zipEntryName } from "@/lib/files/file-type";

/** A paragraph's visible text: tabs as "\t", line breaks as "\n"; `style` is its paragraph style id (w:pStyle), if any. */
export type DocxParagraph = { kind: "paragraph"; text: string; style: string | null };
/** A table, row by row; each cell holds blocks (its paragraphs, and any table nested in it). */
export type DocxTable = { kind: "table"; rows: DocxRow[] };
export type DocxRow = DocxCell[];
export type DocxCell = DocxBlock[];
export type DocxBlock = DocxParagraph | DocxTable;

export type DocxTextOptions = {
  /** decompressed bytes of word/document.xml read at most; past them the blocks so far come back with `truncated` */
  maxXmlBytes?: number;
  /** characters of text produced at most (each paragraph counts one more, for its line break) */
  maxChars?: number;
  /** paragraphs, tables, rows and cells kept at most: an XML of a million empty paragraphs stays small */
  maxNodes?: number;
  /** Called with each top-level block as it is complete; reading stops once it returns true (not `truncated`). */
  until?: (block: DocxBlock, index: number) => boolean;
};

export type DocxTextFailure = "not_docx" | "damaged" | "encrypted";
export type DocxText =
  /** `truncated`: a bound (bytes, characters, nodes, nesting) was reached before the end of the document */
  | { ok: true; blocks: DocxBlock[]; truncated: boolean; xmlBytesRead: number; chars: number }
  | { ok: false; reason: DocxTextFailure };

const MIB = 1024 * 1024;
export const DEFAULT_MAX_XML_BYTES = 64 * MIB;
export const DEFAULT_MAX_CHARS = 4_000_000;
export const DEFAULT_MAX_NODES = 400_000;
// Word nests a few dozen elements deep (tables in tables, text boxes in drawings); thousands is an attack on the parser's stack.
const MAX_DEPTH = 512;
// A document Word opens has none; a few are tolerated, as Word's own repairs would, a stream of them is not XML.
const MAX_XML_ERRORS = 1000;
const MAX_OPEN_FIELDS = 64;

const W_NAMESPACES = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MC_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Reads word/document.xml of the DOCX at `path`, streaming it from the ZIP; never holds more than the bounds allow. */
export async function readDocxText(path: string, opts: DocxTextOptions = {}): Promise<DocxText> {
  if (!(await startsLikeZip(path))) return { ok: false, reason: "not_docx" };
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    return { ok: false, reason: isEncryptionError(error) ? "encrypted" : "damaged" };
  }
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) return { ok: false, reason: "damaged" };
    const entry = await findEntry(zip, "word/document.xml");
    if (!entry) return { ok: false, reason: "not_docx" };
    if (entry.isEncrypted()) return { ok: false, reason: "encrypted" };
    return await walkEntry(zip, entry, opts);
  } catch (error) {
    return { ok: false, reason: isEncryptionError(error) ? "encrypted" : "damaged" };
  } finally {
    zip.close();
  }
}

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

function isEncryptionError(error: unknown): boolean {
  // yauzl refuses "strong encryption" outright rather than reporting it as a flag.
  return error instanceof Error && /encrypt/i.test(error.message);
}

async function findEntry(zip: ZipFile, wanted: string): Promise<Entry | null> {
  for (let entry = await nextZipEntry(zip); entry; entry = await nextZipEntry(zip)) {
    // OPC part names are case-insensitive.
    if (zipEntryName(entry).toLowerCase() === wanted) return entry;
  }
  return null;
}

async function walkEntry(zip: ZipFile, entry: Entry, opts: DocxTextOptions): Promise<DocxText> {
  const maxXmlBytes = opts.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES;
  const walker = new Walker(opts.maxChars ?? DEFAULT_MAX_CHARS, opts.maxNodes ?? DEFAULT_MAX_NODES, opts.until);
  const stream = await openZipEntryStream(zip, entry);
  let decoder: StringDecoder | null = null;
  let bytes = 0;
  let ended = true;
  try {
    for await (const chunk of stream) {
      let buffer = chunk as Buffer;
      if (decoder === null) {
        // XML may be UTF-16 if it says so with a byte-order mark; Word itself writes UTF-8.
        if (buffer[0] === 0xfe && buffer[1] === 0xff) return { ok: false, reason: "damaged" };
        decoder = new StringDecoder(buffer[0] === 0xff && buffer[1] === 0xfe ? "utf16le" : "utf8");
      }
      const room = maxXmlBytes - bytes;
      const over = buffer.length > room;
      if (over) buffer = buffer.subarray(0, room);
      bytes += buffer.length;
      walker.write(decoder.write(buffer));
      if (over) {
        walker.truncate();
        ended = false;
        break;
      }
      if (walker.done) {
        ended = false;
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  if (ended) {
    if (decoder) walker.write(decoder.end());
    walker.end();
  }
  if (walker.damaged) return { ok: false, reason: "damaged" };
  return { ok: true, blocks: walker.blocks, truncated: walker.truncated, xmlBytesRead: bytes, chars: walker.chars };
}

// --- From XML events to blocks -------------------------------------------------------------

type Container = { kind: "container"; blocks: DocxBlock[]; body: boolean; carry: DocxParagraph | null };
type TableFrame = { kind: "table"; table: DocxTable; row: DocxRow | null; rowDeleted: boolean };
type ParagraphFrame = { kind: "paragraph"; parts: string[]; style: string | null; markDeleted: boolean };
type Frame = Container | TableFrame | ParagraphFrame;

/** What an open element changed, undone when it closes. */
type Opened = {
  frame: Frame | null;
  namespaces: Array<[string, string | undefined]> | null;
  /** counters to decrement: bit flags of COUNTS */
  counts: number;
  /** a w:tr whose row is to be finished */
  row: TableFrame | null;
  sdt: boolean;
};

const RUN = 1;
const HIDDEN = 2; // deleted or moved-away text
const TEXT = 4;
const PPR = 8;
const TRPR = 16;
const SDTPR = 32;
const FALLBACK = 64;

class Walker {
  blocks: DocxBlock[] = [];
  chars = 0;
  nodes = 0;
  truncated = false;
  damaged = false;
  /** stopped: by `until`, by a bound, or because the XML is beyond repair */
  done = false;
  private stopping = false;

  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly namespaces = new Map<string, string>([["w", W_NAMESPACE]]);
  private readonly frames: Frame[];
  private readonly opened: Opened[] = [];
  private errors = 0;
  private sawRoot = false;
  private topLevel = 0;

  private runDepth = 0;
  private hiddenDepth = 0;
  private textDepth = 0;
  private pPrDepth = 0;
  private trPrDepth = 0;
  private sdtPrDepth = 0;
  private fallbackDepth = 0;
  /** per open content control: whether it shows its placeholder text */
  private sdts: boolean[] = [];
  private placeholderSdts = 0;
  /** per open complex field: true while in its instructions (before w:fldChar separate) */
  private fields: boolean[] = [];
  private fieldsInInstructions = 0;
  private fieldsOverflow = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxNodes: number,
    private readonly until: ((block: DocxBlock, index: number) => boolean) | undefined,
  ) {
    const body: Container = { kind: "container", blocks: this.blocks, body: true, carry: null };
    this.frames = [body];
    this.parser.on("opentag", (tag) => this.onOpen(tag));
    this.parser.on("closetag", () => this.onClose());
    this.parser.on("text", (text) => this.onText(text));
    this.parser.on("cdata", (text) => this.onText(text));
    this.parser.on("error", () => {
      if (++this.errors > MAX_XML_ERRORS) this.fail();
    });
  }

  write(text: string): void {
    if (!this.done && text !== "") this.parser.write(text);
  }

  /** The byte budget ran out: what was read so far still counts, the rest is left unread. */
  truncate(): void {
    if (this.done) return;
    this.truncated = true;
    // Text is only reported when its element ends; closing the parser hands over what is pending.
    this.parser.on("error", () => {});
    this.parser.close();
    this.stop();
  }

  end(): void {
    if (this.done) return;
    this.parser.close();
    if (!this.sawRoot) this.fail();
    else this.stop();
  }

  private fail(): void {
    this.damaged = true;
    this.done = true;
  }

  /** Closes whatever is open, innermost first, so that a cut-off document still gives whole blocks. */
  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    while (this.frames.length > 1) this.closeFrame(this.frames[this.frames.length - 1]);
    this.flushCarry(this.frames[0] as Container);
    this.done = true;
  }

  private bound(): void {
    this.truncated = true;
    this.stop();
  }

  private onOpen(tag: SaxesTagPlain): void {
    if (this.done) return;
    this.sawRoot = true;
    if (this.opened.length >= MAX_DEPTH) return this.bound();
    const opened: Opened = { frame: null, namespaces: null, counts: 0, row: null, sdt: false };
    this.opened.push(opened);

    const attributes = tag.attributes as Record<string, string>;
    for (const name in attributes) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      const prefix = name === "xmlns" ? "" : name.slice(6);
      (opened.namespaces ??= []).push([prefix, this.namespaces.get(prefix)]);
      this.namespaces.set(prefix, attributes[name]);
    }

    const colon = tag.name.indexOf(":");
    const uri = this.namespaces.get(colon === -1 ? "" : tag.name.slice(0, colon));
    const local = colon === -1 ? tag.name : tag.name.slice(colon + 1);
    if (uri === MC_NAMESPACE) {
      // mc:Fallback repeats, for older readers, what mc:Choice already says: nothing in it counts.
      if (local === "Fallback") this.count(opened, FALLBACK);
      return;
    }
    if (uri === undefined || this.fallbackDepth > 0 || !W_NAMESPACES.has(uri)) return;

    switch (local) {
      case "p":
        opened.frame = this.push({ kind: "paragraph", parts: [], style: null, markDeleted: false });
        break;
      case "pStyle": {
        const frame = this.top();
        if (this.pPrDepth > 0 && frame.kind === "paragraph") frame.style = attribute(attributes, "val");
        break;
      }
      case "tbl":
        this.flushCarry(this.container());
        opened.frame = this.push({ kind: "table", table: { kind: "table", rows: [] }, row: null, rowDeleted: false });
        break;
      case "tr": {
        const frame = this.top();
        if (frame.kind === "table" && this.countNode()) {
          frame.row = [];
          frame.rowDeleted = false;
          opened.row = frame;
        }
        break;
      }
      case "tc": {
        const frame = this.top();
        if (frame.kind === "table") {
          frame.row ??= [];
          opened.frame = this.push({ kind: "container", blocks: [], body: false, carry: null });
        }
        break;
      }
      case "txbxContent":
        // A text box's paragraphs sit inside a run of another paragraph; they come out as blocks of their own.
        opened.frame = this.push({ kind: "container", blocks: [], body: false, carry: null });
        break;
      case "r":
        this.count(opened, RUN);
        break;
      case "t":
        this.count(opened, TEXT);
        break;
      case "pPr":
        this.count(opened, PPR);
        break;
      case "trPr":
        this.count(opened, TRPR);
        break;
      case "sdtPr":
        this.count(opened, SDTPR);
        break;
      case "del":
      case "moveFrom":
        if (this.pPrDepth > 0) {
          // The paragraph mark itself is deleted: the paragraph runs on into the next one.
          const frame = this.paragraph();
          if (frame) frame.markDeleted = true;
        } else if (this.trPrDepth > 0) {
          const frame = this.top();
          if (frame.kind === "table") frame.rowDeleted = true;
        } else this.count(opened, HIDDEN);
        break;
      case "sdt":
        opened.sdt = true;
        this.sdts.push(false);
        break;
      case "showingPlcHdr":
        // The content control still shows its prompt ("Click here to enter text."): not the author's text.
        if (this.sdtPrDepth > 0 && this.sdts.length > 0 && !this.sdts[this.sdts.length - 1]) {
          this.sdts[this.sdts.length - 1] = true;
          this.placeholderSdts++;
        }
        break;
      case "fldChar":
        if (this.hiddenDepth === 0) this.onFieldChar(attribute(attributes, "fldCharType"));
        break;
      case "tab":
      case "ptab":
        // A w:tab outside a run is a tab stop of the paragraph's properties, not a character.
        if (this.runDepth > 0) this.append("\t");
        break;
      case "br":
      case "cr":
        if (this.runDepth > 0) this.append("\n");
        break;
      case "noBreakHyphen":
        if (this.runDepth > 0) this.append("-");
        break;
    }
  }

  private onClose(): void {
    if (this.done) return;
    const opened = this.opened.pop();
    if (!opened) return;
    if (opened.frame) this.closeFrame(opened.frame);
    if (opened.row) this.finishRow(opened.row);
    if (opened.sdt && this.sdts.pop()) this.placeholderSdts--;
    if (opened.counts & RUN) this.runDepth--;
    if (opened.counts & HIDDEN) this.hiddenDepth--;
    if (opened.counts & TEXT) this.textDepth--;
    if (opened.counts & PPR) this.pPrDepth--;
    if (opened.counts & TRPR) this.trPrDepth--;
    if (opened.counts & SDTPR) this.sdtPrDepth--;
    if (opened.counts & FALLBACK) this.fallbackDepth--;
    if (opened.namespaces) {
      for (let i = opened.namespaces.length - 1; i >= 0; i--) {
        const [prefix, previous] = opened.namespaces[i];
        if (previous === undefined) this.namespaces.delete(prefix);
        else this.namespaces.set(prefix, previous);
      }
    }
  }

  private onText(text: string): void {
    if (this.done || this.textDepth === 0) return;
    this.append(text);
  }

  private onFieldChar(type: string | null): void {
    if (type === "begin") {
      if (this.fields.length >= MAX_OPEN_FIELDS) this.fieldsOverflow++;
      else {
        this.fields.push(true);
        this.fieldsInInstructions++;
      }
    } else if (type === "separate") {
      if (this.fieldsOverflow === 0 && this.fields.length > 0 && this.fields[this.fields.length - 1]) {
        this.fields[this.fields.length - 1] = false;
        this.fieldsInInstructions--;
      }
    } else if (type === "end") {
      if (this.fieldsOverflow > 0) this.fieldsOverflow--;
      else if (this.fields.pop()) this.fieldsInInstructions--;
    }
  }

  private count(opened: Opened, flag: number): void {
    opened.counts |= flag;
    if (flag === RUN) this.runDepth++;
    else if (flag === HIDDEN) this.hiddenDepth++;
    else if (flag === TEXT) this.textDepth++;
    else if (flag === PPR) this.pPrDepth++;
    else if (flag === TRPR) this.trPrDepth++;
    else if (flag === SDTPR) this.sdtPrDepth++;
    else if (flag === FALLBACK) this.fallbackDepth++;
  }

  /** Text of the innermost open paragraph, unless it is deleted, a placeholder, a field's code or past the bound. */
  private append(text: string): void {
    if (this.hiddenDepth > 0 || this.placeholderSdts > 0 || this.fieldsInInstructions > 0 || this.sdtPrDepth > 0) return;
    const frame = this.top();
    if (frame.kind !== "paragraph" || text === "") return;
    const room = this.maxChars - this.chars;
    if (text.length > room) {
      let cut = room;
      // Never leave half of a surrogate pair.
      if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
      if (cut > 0) frame.parts.push(text.slice(0, cut));
      this.chars += cut;
      return this.bound();
    }
    frame.parts.push(text);
    this.chars += text.length;
  }

  private push(frame: Frame): Frame | null {
    if (!this.countNode()) return null;
    this.frames.push(frame);
    return frame;
  }

  private countNode(): boolean {
    if (++this.nodes <= this.maxNodes) return true;
    this.bound();
    return false;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private paragraph(): ParagraphFrame | null {
    const frame = this.top();
    return frame.kind === "paragraph" ? frame : null;
  }

  private container(): Container {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i];
      if (frame.kind === "container") return frame;
    }
    return this.frames[0] as Container;
  }

  private closeFrame(frame: Frame): void {
    // Frames close innermost first; anything still open inside this one (malformed nesting) closes with it.
    while (this.frames.length > 1) {
      const top = this.frames.pop()!;
      this.finish(top);
      if (top === frame) return;
    }
  }

  private finish(frame: Frame): void {
    if (frame.kind === "paragraph") {
      const paragraph: DocxParagraph = { kind: "paragraph", text: frame.parts.join(""), style: frame.style };
      this.chars = Math.min(this.maxChars, this.chars + 1);
      const into = this.container();
      if (into.carry) {
        paragraph.text = into.carry.text + paragraph.text;
        into.carry = null;
      }
      // A paragraph whose mark is deleted joins the next one, as Word shows it with the change accepted.
      if (frame.markDeleted) into.carry = paragraph;
      else this.emit(into, paragraph);
    } else if (frame.kind === "table") {
      if (frame.row) this.finishRow(frame);
      this.emit(this.container(), frame.table);
    } else {
      this.flushCarry(frame);
      if (frame.body) return;
      const below = this.top();
      // A cell joins the row of the table it sits in; a text box's blocks join the container around it.
      if (below.kind === "table") (below.row ??= []).push(frame.blocks);
      else {
        const parent = this.container();
        for (const block of frame.blocks) if (!this.done) this.emit(parent, block);
      }
    }
  }

  private finishRow(frame: TableFrame): void {
    if (frame.row && !frame.rowDeleted) frame.table.rows.push(frame.row);
    frame.row = null;
    frame.rowDeleted = false;
  }

  private flushCarry(container: Container): void {
    if (!container.carry) return;
    const carried = container.carry;
    container.carry = null;
    this.emit(container, carried);
  }

  private emit(container: Container, block: DocxBlock): void {
    container.blocks.push(block);
    if (!container.body) return;
    const index = this.topLevel++;
    if (this.until && !this.stopping && this.until(block, index)) this.stop();
  }
}

function attribute(attributes: Record<string, string>, local: string): string | null {
  const direct = attributes[`w:${local}`];
  if (direct !== undefined) return direct;
  for (const name in attributes) {
    if (name.endsWith(`:${local}`) || name === local) return attributes[name];
  }
  return null;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
