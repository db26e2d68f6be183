// Which of a DOCX's text Word shows: what is in a run's w:t, outside deleted or moved-away text, a content control's
// placeholder, a field's instructions and mc:Fallback; counted as the streaming reader enters and leaves elements.

/** The elements whose depth decides what shows, as bit flags: an open element notes those it entered, and leaves them on closing. */
export const RUN = 1;
export const HIDDEN = 2; // deleted or moved-away text
export const TEXT = 4;
export const PPR = 8;
export const TRPR = 16;
export const SDTPR = 32;
export const FALLBACK = 64;

const MAX_OPEN_FIELDS = 64;

export class Visibility {
  /** How many open elements of each kind enclose the reader. */
  run = 0;
  hidden = 0;
  text = 0;
  pPr = 0;
  trPr = 0;
  sdtPr = 0;
  fallback = 0;
  /** per open content control: whether it shows its placeholder text */
  private sdts: boolean[] = [];
  private placeholderSdts = 0;
  /** per open complex field: true while in its instructions (before w:fldChar separate) */
  private fields: boolean[] = [];
  private fieldsInInstructions = 0;
  private fieldsOverflow = 0;

  enter(flag: number): void {
    if (flag === RUN) this.run++;
    else if (flag === HIDDEN) this.hidden++;
    else if (flag === TEXT) this.text++;
    else if (flag === PPR) this.pPr++;
    else if (flag === TRPR) this.trPr++;
    else if (flag === SDTPR) this.sdtPr++;
    else if (flag === FALLBACK) this.fallback++;
  }

  /** Leaves every element kind whose flag is set in `counts`. */
  leave(counts: number): void {
    if (counts & RUN) this.run--;
    if (counts & HIDDEN) this.hidden--;
    if (counts & TEXT) this.text--;
    if (counts & PPR) this.pPr--;
    if (counts & TRPR) this.trPr--;
    if (counts & SDTPR) this.sdtPr--;
    if (counts & FALLBACK) this.fallback--;
  }

  openContentControl(): void {
    this.sdts.push(false);
  }

  closeContentControl(): void {
    if (this.sdts.pop()) this.placeholderSdts--;
  }

  /** w:showingPlcHdr: the content control still shows its prompt ("Click here to enter text."), not the author's text. */
  showingPlaceholder(): void {
    if (this.sdtPr > 0 && this.sdts.length > 0 && !this.sdts[this.sdts.length - 1]) {
      this.sdts[this.sdts.length - 1] = true;
      this.placeholderSdts++;
    }
  }

  /** w:fldChar: a complex field begins, passes from its instructions to its result, or ends; in deleted text it does not count. */
  fieldChar(type: string | null): void {
    if (this.hidden > 0) return;
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

  /** Text here is not what Word shows: deleted, a placeholder, a field's code, or a content control's properties. */
  hidesText(): boolean {
    return this.hidden > 0 || this.placeholderSdts > 0 || this.fieldsInInstructions > 0 || this.sdtPr > 0;
  }
}
