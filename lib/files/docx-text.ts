// The text of a DOCX in document order (paragraphs, tables row by row, tracked changes resolved), streamed and bounded: for the cover-page reader and full-text search.
import { StringDecoder } from "node:string_decoder";
import type { Entry, ZipFile } from "yauzl";
import type { DocxBlock } from "@/lib/files/docx-blocks";
import { readDocxPart, type DocxPackageFailure } from "@/lib/files/docx-package";
import { Walker } from "@/lib/files/docx-walker";
import { openZipEntryStream } from "@/lib/files/file-type";

export type DocxTextOptions = {
  /** decompressed bytes of word/document.xml read at most; past them the blocks so far come back with `truncated` */
  maxXmlBytes?: number;
  /** characters of text produced at most (each paragraph counts one more, for its line break) */
  maxChars?: number;
  /** paragraphs, tables, rows and cells kept at most: an XML of a million empty paragraphs stays small */
  maxNodes?: number;
  /**
   * Called with each top-level block as it is complete; reading stops once it returns true (not `truncated`).
   * Blocks that a bound closes early (a table cut off by maxXmlBytes) are in `blocks` but not passed to it.
   */
  until?: (block: DocxBlock, index: number) => boolean;
};

export type DocxTextFailure = DocxPackageFailure;
export type DocxText =
  /** `truncated`: a bound (bytes, characters, nodes, nesting) was reached before the end of the document */
  | { ok: true; blocks: DocxBlock[]; truncated: boolean; xmlBytesRead: number; chars: number }
  | { ok: false; reason: DocxTextFailure };

const MIB = 1024 * 1024;
export const DEFAULT_MAX_XML_BYTES = 64 * MIB;
export const DEFAULT_MAX_CHARS = 4_000_000;
export const DEFAULT_MAX_NODES = 400_000;

/** Reads word/document.xml of the DOCX at `path`, streaming it from the ZIP; never holds more than the bounds allow. */
export async function readDocxText(path: string, opts: DocxTextOptions = {}): Promise<DocxText> {
  return readDocxPart(path, "word/document.xml", (zip, entry) => walkEntry(zip, entry, opts));
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
