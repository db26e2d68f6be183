// Reads the text of a stored file by its kind: a DOCX in document order, a PDF's text layer, a ZIP of annexes by its DOCX.
// Runs in the extraction worker thread (lib/text/extract-worker.ts); bounded by ExtractLimits.
import { readFile } from "node:fs/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { docxText } from "./docx";
import type { Extracted, ExtractLimits } from "./extracted";
import { pdfText } from "./pdf-text";

export type ExtractKind = "docx" | "doc" | "pdf" | "zip";

export async function extractText(path: string, kind: ExtractKind, limits: ExtractLimits): Promise<Extracted> {
  switch (kind) {
    case "pdf":
      return pdfText(new Uint8Array(await readFile(path)), limits);
    case "docx":
      return docxText(path, limits);
    case "zip": {
      const inner = await docxInZip(path, limits);
      return inner ? docxText(inner, limits) : { state: "no_text", reason: "damaged", pages: null };
    }
    case "doc":
      // The old binary Word format: stored and numbered, but its text is not read (it should come with a PDF).
      return { state: "no_text", reason: "unsupported", pages: null };
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: true }, (e, zip) => (e || !zip ? reject(e) : resolve(zip))));
}

/** The annexes' main document: the first .docx of the archive (upload checks made sure there is one), in memory. */
async function docxInZip(path: string, limits: ExtractLimits): Promise<Buffer | null> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (value: Buffer | null, error?: unknown) => {
      if (done) return;
      done = true;
      zip.close();
      if (error) reject(error);
      else resolve(value);
    };
    zip.on("error", () => finish(null));
    zip.on("end", () => finish(null));
    zip.on("entry", (entry: Entry) => {
      const name = entry.fileName.toLowerCase();
      if (!name.endsWith(".docx") || name.startsWith("__macosx/") || name.split("/").pop()!.startsWith("~$")) return zip.readEntry();
      if (entry.uncompressedSize > limits.maxXmlBytes) return finish(null);
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return finish(null);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (c: Buffer) => {
          size += c.length;
          if (size > limits.maxXmlBytes) {
            stream.destroy();
            finish(null);
          } else chunks.push(c);
        });
        stream.on("error", () => finish(null));
        stream.on("end", () => finish(Buffer.concat(chunks)));
      });
    });
    zip.readEntry();
  });
}
