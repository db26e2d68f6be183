// A DOCX as an OPC package: a ZIP whose parts are found by name. Opens it, finds one part, and tells a file that is no
// DOCX, a damaged one and an encrypted one apart.
import { open as openFile } from "node:fs/promises";
import type { Entry, ZipFile } from "yauzl";
import { MAX_ZIP_ENTRIES, nextZipEntry, openZip, zipEntryName } from "@/lib/files/file-type";

export type DocxPackageFailure = "not_docx" | "damaged" | "encrypted";

/**
 * Opens the DOCX at `path`, finds the part `partName` (lower case) and gives it to `read`; the ZIP is closed when `read`
 * is done. Whatever `read` throws counts as damage (or encryption), like a ZIP that does not open.
 */
export async function readDocxPart<T>(
  path: string,
  partName: string,
  read: (zip: ZipFile, entry: Entry) => Promise<T>,
): Promise<T | { ok: false; reason: DocxPackageFailure }> {
  if (!(await startsLikeZip(path))) return { ok: false, reason: "not_docx" };
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    return { ok: false, reason: isEncryptionError(error) ? "encrypted" : "damaged" };
  }
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) return { ok: false, reason: "damaged" };
    const entry = await findEntry(zip, partName);
    if (!entry) return { ok: false, reason: "not_docx" };
    if (entry.isEncrypted()) return { ok: false, reason: "encrypted" };
    return await read(zip, entry);
  } catch (error) {
    return { ok: false, reason: isEncryptionError(error) ? "encrypted" : "damaged" };
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
