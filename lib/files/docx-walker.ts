// From the XML events of word/document.xml to blocks: paragraphs, tables row by row, text boxes, deleted paragraph
// marks and rows resolved as Word shows them with the changes accepted; within the bounds of characters, nodes and depth.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { cutWhole, type DocxBlock, type DocxParagraph, type DocxRow, type DocxTable } from "@/lib/files/docx-blocks";
import { FALLBACK, HIDDEN, PPR, RUN, SDTPR, TEXT, TRPR, Visibility } from "@/lib/files/docx-visibility";
import { attribute, localName, MC_NAMESPACE, NamespaceScope, W_NAMESPACES, type SavedPrefixes } from "@/lib/files/docx-xml";

// Word nests a few dozen elements deep (tables in tables, text boxes in drawings); thousands is an attack on the parser's stack.
const MAX_DEPTH = 512;
// A document Word opens has none; a few are tolerated, as Word's own repairs would, a stream of them is not XML.
const MAX_XML_ERRORS = 1000;

type Container = { kind: "container"; blocks: DocxBlock[]; body: boolean; carry: DocxParagraph | null };
type TableFrame = { kind: "table"; table: DocxTable; row: DocxRow | null; rowDeleted: boolean };
type ParagraphFrame = { kind: "paragraph"; parts: string[]; style: string | null; markDeleted: boolean };
type Frame = Container | TableFrame | ParagraphFrame;

/** What an open element changed, undone when it closes. */
type Opened = {
  frame: Frame | null;
  namespaces: SavedPrefixes | null;
  /** element kinds entered (Visibility's flags), to leave on closing */
  counts: number;
  /** a w:tr whose row is to be finished */
  row: TableFrame | null;
  sdt: boolean;
};

/** Fed the XML text chunk by chunk; the blocks so far are in `blocks`, whole ones even when a bound stops it. */
export class Walker {
  blocks: DocxBlock[] = [];
  chars = 0;
  nodes = 0;
  truncated = false;
  damaged = false;
  /** stopped: by `until`, by a bound, or because the XML is beyond repair */
  done = false;
  private stopping = false;

  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly namespaces = new NamespaceScope();
  private readonly visibility = new Visibility();
  private readonly frames: Frame[];
  private readonly opened: Opened[] = [];
  private errors = 0;
  private sawRoot = false;
  private topLevel = 0;

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
    const attributes = tag.attributes as Record<string, string>;
    const opened: Opened = { frame: null, namespaces: this.namespaces.declare(attributes), counts: 0, row: null, sdt: false };
    this.opened.push(opened);

    const uri = this.namespaces.namespaceOf(tag.name);
    const local = localName(tag.name);
    const shown = this.visibility;
    if (uri === MC_NAMESPACE) {
      // mc:Fallback repeats, for older readers, what mc:Choice already says: nothing in it counts.
      if (local === "Fallback") this.count(opened, FALLBACK);
      return;
    }
    if (uri === undefined || shown.fallback > 0 || !W_NAMESPACES.has(uri)) return;

    switch (local) {
      case "p":
        opened.frame = this.push({ kind: "paragraph", parts: [], style: null, markDeleted: false });
        break;
      case "pStyle": {
        const frame = this.top();
        if (shown.pPr > 0 && frame.kind === "paragraph") frame.style = attribute(attributes, "val");
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
        if (shown.pPr > 0) {
          // The paragraph mark itself is deleted: the paragraph runs on into the next one.
          const frame = this.paragraph();
          if (frame) frame.markDeleted = true;
        } else if (shown.trPr > 0) {
          const frame = this.top();
          if (frame.kind === "table") frame.rowDeleted = true;
        } else this.count(opened, HIDDEN);
        break;
      case "sdt":
        opened.sdt = true;
        shown.openContentControl();
        break;
      case "showingPlcHdr":
        shown.showingPlaceholder();
        break;
      case "fldChar":
        shown.fieldChar(attribute(attributes, "fldCharType"));
        break;
      case "tab":
      case "ptab":
        // A w:tab outside a run is a tab stop of the paragraph's properties, not a character.
        if (shown.run > 0) this.append("\t");
        break;
      case "br":
      case "cr":
        if (shown.run > 0) this.append("\n");
        break;
      case "noBreakHyphen":
        if (shown.run > 0) this.append("-");
        break;
    }
  }

  private onClose(): void {
    if (this.done) return;
    const opened = this.opened.pop();
    if (!opened) return;
    if (opened.frame) this.closeFrame(opened.frame);
    if (opened.row) this.finishRow(opened.row);
    if (opened.sdt) this.visibility.closeContentControl();
    this.visibility.leave(opened.counts);
    if (opened.namespaces) this.namespaces.restore(opened.namespaces);
  }

  private onText(text: string): void {
    if (this.done || this.visibility.text === 0) return;
    this.append(text);
  }

  private count(opened: Opened, flag: number): void {
    opened.counts |= flag;
    this.visibility.enter(flag);
  }

  /** Text of the innermost open paragraph, unless Word does not show it or it is past the bound. */
  private append(text: string): void {
    if (this.visibility.hidesText()) return;
    const frame = this.top();
    if (frame.kind !== "paragraph" || text === "") return;
    const room = this.maxChars - this.chars;
    if (text.length > room) {
      const kept = cutWhole(text, room);
      if (kept !== "") frame.parts.push(kept);
      this.chars += kept.length;
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
