// Follows a DOCX's blocks down to the end of its cover page: finds the cover table, takes Keywords and Abstract from
// just after it, and says when the body has begun, so that the reader can stop there.
import type { DocxBlock, DocxParagraph } from "@/lib/files/docx-blocks";
import { addTo, finish, nothingFound, type CoverPage, type Field, type Found } from "@/lib/files/docx-cover-fields";
import { cellText, collectRows, paragraphLabel, studyGroupHeader, tableRows } from "@/lib/files/docx-cover-labels";

// Where the cover table may start (after a logo, a heading, a text box) and how far past it Keywords and Abstract may be.
const MAX_BLOCKS_BEFORE_COVER = 40;
const MAX_BLOCKS_AFTER_COVER = 20;

const AFTER_THE_COVER = new Set<Field>(["keywords", "abstract"]);

/**
 * Takes the document's top-level blocks one at a time and says when the cover is over. The cover table is the first
 * table with a Title, Question(s) or Source label (a logo table or text may come before it); Keywords and Abstract may
 * then follow in a table or paragraphs of their own, as ITU's template has them after its note "Please don't change
 * the structure of this table...". Nothing else is taken from after the cover table.
 */
export class CoverScan {
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
