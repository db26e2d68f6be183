// Judges an uploaded file by its bytes (never its name) and says, in plain words, why it is refused.
import { open as openFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { MessageKey } from "@/lib/i18n/keys";
import type { Failure, FailureParams } from "@/lib/domain/failures";
import { failFields } from "@/lib/validation/messages";

export type FileKind = "docx" | "doc" | "pdf" | "zip";
export type FileRejection =
  | "empty"
  | "unsupported_type"
  | "executable"
  | "macro_enabled"
  | "type_mismatch"
  | "zip_bomb"
  | "unsafe_archive"
  | "damaged"
  | "encrypted";
export type FileCheck =
  | { ok: true; kind: FileKind; mediaType: string; extension: string }
  /** why, as a catalog key and its parameters (lib/present/failures.ts says it) */
  | { ok: false; code: FileRejection; key: MessageKey; params?: FailureParams };

const MIB = 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 512 * MIB;
/** More entries than any Word document has; also the most that the DOCX text walker will look through. */
export const MAX_ZIP_ENTRIES = 2000;
// Real documents compress maybe 10:1; a small entry may compress absurdly well without harm,
// so the ratio only matters once the entry is big enough to hurt.
const MAX_COMPRESSION_RATIO = 200;
const RATIO_APPLIES_ABOVE_BYTES = 10 * MIB;
const MAX_CONTENT_TYPES_BYTES = 1 * MIB;

const KINDS: Record<FileKind, { mediaType: string; extension: string; described: MessageKey }> = {
  docx: {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: ".docx",
    described: "api.file.kind.docx",
  },
  doc: { mediaType: "application/msword", extension: ".doc", described: "api.file.kind.doc" },
  pdf: { mediaType: "application/pdf", extension: ".pdf", described: "api.file.kind.pdf" },
  zip: { mediaType: "application/zip", extension: ".zip", described: "api.file.kind.zip" },
};

const MESSAGES = {
  empty: "api.file.empty",
  unsupported: "api.file.unsupported",
  annexesWithoutDocx: "api.file.annexesWithoutDocx",
  executable: "api.file.executable",
  macroEnabled: "api.file.macroEnabled",
  encrypted: "api.file.encrypted",
  damagedZip: "api.file.damagedZip",
  damagedDocx: "api.file.damagedDocx",
} as const satisfies Record<string, MessageKey>;

type Magic = { bytes: number[]; kind: FileKind | "executable" };

// Checked in order against the first bytes of the file.
const MAGICS: Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: "pdf" }, // %PDF-
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: "doc" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "zip" },
  // An archive with no entries starts straight at its end record; it is judged like any ZIP.
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: "zip" },
  { bytes: [0x4d, 0x5a], kind: "executable" }, // MZ
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: "executable" }, // ELF
  { bytes: [0x23, 0x21], kind: "executable" }, // #!
  { bytes: [0xfe, 0xed, 0xfa, 0xce], kind: "executable" },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], kind: "executable" },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], kind: "executable" },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: "executable" },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], kind: "executable" },
];

function reject(code: FileRejection, key: MessageKey, params?: FailureParams): FileCheck {
  return params ? { ok: false, code, key, params } : { ok: false, code, key };
}

function accept(kind: FileKind): FileCheck {
  return { ok: true, kind, mediaType: KINDS[kind].mediaType, extension: KINDS[kind].extension };
}

export async function checkUploadedFile(
  path: string,
  originalName: string,
  opts?: { maxUncompressedBytes?: number; maxEntries?: number },
): Promise<FileCheck> {
  const limits = {
    maxUncompressedBytes: opts?.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
    maxEntries: opts?.maxEntries ?? MAX_ZIP_ENTRIES,
  };
  const head = await readHead(path, 8);
  if (head.size === 0) return reject("empty", MESSAGES.empty);

  const magic = MAGICS.find((m) => m.bytes.every((b, i) => head.bytes[i] === b));
  if (!magic) return reject("unsupported_type", MESSAGES.unsupported, { accepted: { text: "api.file.acceptedTypes" } });
  if (magic.kind === "executable") return reject("executable", MESSAGES.executable);

  let judged: FileCheck;
  if (magic.kind === "zip") judged = await judgeZip(path, limits);
  else if (magic.kind === "doc" && (await isEncryptedOfficeFile(path))) {
    // Word stores a password-protected .docx inside an OLE2 container, so it would pass for a .doc.
    judged = reject("encrypted", MESSAGES.encrypted);
  } else judged = accept(magic.kind);

  return judged.ok ? compareWithName(judged, originalName) : judged;
}

/** The answer to a refused file, the same wherever a file is judged (a submission, a cover page read): its message is the file field's. */
export function fileRefusal(check: FileCheck & { ok: false }): Failure {
  return failFields(check.code === "empty" ? "invalid" : "unsupported_type", check.key, check.params, { file: [check.key, check.params] }, { details: { reason: check.code } });
}

function compareWithName(judged: FileCheck & { ok: true }, originalName: string): FileCheck {
  const named = extname(originalName).toLowerCase();
  const isKnownExtension = Object.values(KINDS).some((k) => k.extension === named);
  if (!isKnownExtension || named === judged.extension) return judged;
  return reject("type_mismatch", "api.file.typeMismatch", { named, described: { text: KINDS[judged.kind].described } });
}

async function readHead(path: string, length: number): Promise<{ size: number; bytes: Buffer }> {
  const file = await openFile(path, "r");
  try {
    const { size } = await file.stat();
    const bytes = Buffer.alloc(Math.min(length, size));
    if (bytes.length > 0) await file.read(bytes, 0, bytes.length, 0);
    return { size, bytes };
  } finally {
    await file.close();
  }
}

// Reads only the OLE2 header and the first directory sector, where Office puts its streams.
async function isEncryptedOfficeFile(path: string): Promise<boolean> {
  const file = await openFile(path, "r");
  try {
    const header = Buffer.alloc(512);
    const { bytesRead } = await file.read(header, 0, 512, 0);
    if (bytesRead < 512) return false;
    const sectorShift = header.readUInt16LE(0x1e);
    if (sectorShift !== 9 && sectorShift !== 12) return false;
    const sectorSize = 1 << sectorShift;
    const firstDirectorySector = header.readUInt32LE(0x30);
    if (firstDirectorySector >= 0xfffffffa) return false;
    const directory = Buffer.alloc(sectorSize);
    const read = await file.read(directory, 0, sectorSize, (firstDirectorySector + 1) * sectorSize);
    for (let at = 0; at + 128 <= read.bytesRead; at += 128) {
      const nameBytes = Math.min(directory.readUInt16LE(at + 0x40), 64);
      const name = directory.toString("utf16le", at, at + Math.max(0, nameBytes - 2));
      if (name === "EncryptedPackage" || name === "EncryptionInfo") return true;
    }
    return false;
  } finally {
    await file.close();
  }
}

type ZipLimits = { maxUncompressedBytes: number; maxEntries: number };

async function judgeZip(path: string, limits: ZipLimits): Promise<FileCheck> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    return zipErrorToCheck(error);
  }
  try {
    // The entry count sits in the end record, so an archive of a million tiny files is refused unread.
    if (zip.entryCount > limits.maxEntries) {
      return reject("zip_bomb", "api.file.tooManyEntries", { count: zip.entryCount, max: limits.maxEntries });
    }
    const names = new Set<string>();
    let contentTypes: Entry | null = null;
    let totalUncompressed = 0;
    let holdsDocx = false;
    for (let entry = await nextZipEntry(zip); entry; entry = await nextZipEntry(zip)) {
      const unsafe = [zipEntryName(entry), entry.fileNameRaw.toString("latin1")].find(isUnsafeEntryName);
      if (unsafe !== undefined) {
        return reject("unsafe_archive", "api.file.unsafePath", { name: printableName(unsafe) });
      }
      if (entry.isEncrypted()) return reject("encrypted", MESSAGES.encrypted);

      totalUncompressed += entry.uncompressedSize;
      if (totalUncompressed > limits.maxUncompressedBytes) {
        return reject("zip_bomb", "api.file.expandsTooMuch", { size: { bytes: limits.maxUncompressedBytes } });
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > RATIO_APPLIES_ABOVE_BYTES && ratio > MAX_COMPRESSION_RATIO) {
        return reject("zip_bomb", "api.file.compressionRatio", {
          name: printableName(zipEntryName(entry)),
          ratio: Math.round(ratio),
          size: { bytes: entry.uncompressedSize },
        });
      }

      const name = zipEntryName(entry).toLowerCase();
      names.add(name);
      if (name === "[content_types].xml") contentTypes = entry;
      // macOS adds "__MACOSX/._name.docx" resource forks: they end in .docx but are not documents.
      if (name.endsWith(".docx") && !name.startsWith("__macosx/")) holdsDocx = true;
    }

    if (!names.has("word/document.xml")) {
      if (holdsDocx) return accept("zip");
      return reject("unsupported_type", MESSAGES.annexesWithoutDocx);
    }
    if (!contentTypes) return reject("damaged", MESSAGES.damagedDocx);
    if ([...names].some((n) => n.endsWith("vbaproject.bin"))) return reject("macro_enabled", MESSAGES.macroEnabled);
    const declared = await readZipEntry(zip, contentTypes, MAX_CONTENT_TYPES_BYTES);
    if (declared === null) return reject("damaged", MESSAGES.damagedDocx);
    if (/macroenabled/i.test(declared.toString("utf8"))) return reject("macro_enabled", MESSAGES.macroEnabled);
    return accept("docx");
  } catch (error) {
    return zipErrorToCheck(error);
  } finally {
    zip.close();
  }
}

function zipErrorToCheck(error: unknown): FileCheck {
  // yauzl refuses "strong encryption" outright rather than reporting it as a flag.
  if (error instanceof Error && /encrypt/i.test(error.message)) return reject("encrypted", MESSAGES.encrypted);
  return reject("damaged", MESSAGES.damagedZip);
}

function isUnsafeEntryName(name: string): boolean {
  if (name.includes("\0")) return true;
  if (name.startsWith("/") || name.startsWith("\\") || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[\\/]/).includes("..");
}

function printableName(name: string): string {
  const visible = name.replace(/\0/g, "\\0");
  return visible.length > 80 ? `${visible.slice(0, 77)}...` : visible;
}

// --- ZIP reading shared with the cover-page reader ------------------------------------------

/**
 * Opens a ZIP for reading its central directory one entry at a time. Names are left undecoded
 * (decodeStrings: false) because yauzl would otherwise throw on "../" names, and we want to
 * report those as unsafe rather than as damaged. The caller must close() it.
 */
export function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) => {
      if (err) return reject(err);
      // Without a listener an error emitted between reads would crash the process.
      zip.on("error", () => {});
      resolve(zip);
    });
  });
}

/** The next central-directory entry, or null at the end. */
export function nextZipEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (err: Error) => (cleanup(), reject(err));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

/** The entry's name as an extractor would see it (UTF-8 flag and Info-ZIP Unicode path honoured). */
export function zipEntryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/** Opens an entry's decompressed bytes as a stream; yauzl checks them against the declared size. */
export function openZipEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/** Reads a whole entry if it is at most maxBytes once decompressed, else null. */
export async function readZipEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer | null> {
  if (entry.uncompressedSize > maxBytes) return null;
  const stream = await openZipEntryStream(zip, entry);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) return null;
      chunks.push(buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
