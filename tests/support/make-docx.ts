// Builds upload fixtures in memory: .docx files on ITU's contribution template, plain .docx, ZIPs (hostile ones too), PDF and DOC.
// The well-formed documents come from lib/files/docx-writer.ts (the demo's content writes them too); the hostile ones are here.
import { Readable } from "node:stream";
import yazl from "yazl";

import { collectZip, FIXED_MTIME } from "../../lib/files/docx-writer";

export { makeDocxFromBody, makePdf, makePlainDocx, makeTemplateDocx, type TemplateFields } from "../../lib/files/docx-writer";

export type ZipEntrySpec = {
  name: string;
  data: Buffer | string;
  compress?: boolean;
  /** Sets the "encrypted" flag without encrypting: enough for anything that judges by headers. */
  encrypted?: boolean;
};

export async function makeZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const collected = collectZip(zip);
  // yazl refuses unsafe names ("../x", "/x", "C:\x"), which is exactly what some fixtures need:
  // such entries go in under a same-length stand-in and get their real name patched in afterwards.
  const patches = new Map<number, Buffer>();
  entries.forEach((entry, index) => {
    const realName = Buffer.from(entry.name, "utf8");
    const needsPatch = isRefusedByYazl(entry.name);
    if (needsPatch) patches.set(index, realName);
    const name = needsPatch ? "x".repeat(realName.length) : entry.name;
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    zip.addBuffer(data, name, { mtime: FIXED_MTIME, compress: entry.compress ?? true });
  });
  zip.end();
  const bytes = await collected;
  const encrypted = new Set(entries.flatMap((e, i) => (e.encrypted ? [i] : [])));
  if (patches.size > 0 || encrypted.size > 0) patchEntries(bytes, patches, encrypted);
  return bytes;
}

export function makeDoc(): Buffer {
  const bytes = Buffer.alloc(512 * 4);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(0x003e, 0x18); // minor version
  bytes.writeUInt16LE(0x0003, 0x1a); // major version 3: 512-byte sectors
  bytes.writeUInt16LE(0xfffe, 0x1c); // byte order mark
  bytes.writeUInt16LE(9, 0x1e); // sector shift
  bytes.writeUInt16LE(6, 0x20); // mini sector shift
  bytes.writeUInt32LE(0xfffffffe, 0x30); // no directory: this is a header, not a real document
  return bytes;
}

/**
 * One entry of zeros, by default 64 MiB squeezed into ~64 KiB: a ratio of about 1000:1 on an
 * entry over 10 MiB, which the bomb rule refuses. Pass a larger size to exceed the total limit
 * too (600 MiB takes a few seconds to deflate).
 */
export async function makeZipBomb(opts?: { uncompressedBytes?: number }): Promise<Buffer> {
  const total = opts?.uncompressedBytes ?? 64 * 1024 * 1024;
  const chunk = Buffer.alloc(1024 * 1024);
  function* zeros(): Generator<Buffer> {
    for (let left = total; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  }
  const zip = new yazl.ZipFile();
  const collected = collectZip(zip);
  zip.addReadStream(Readable.from(zeros()), "annex/report.docx", { mtime: FIXED_MTIME, size: total, compressionLevel: 1 });
  zip.end();
  return collected;
}

// --- ZIP plumbing ----------------------------------------------------------------------------

function isRefusedByYazl(name: string): boolean {
  return (
    name === "" ||
    name.includes("\\") ||
    /^[a-zA-Z]:/.test(name) ||
    name.startsWith("/") ||
    name.endsWith("/") ||
    name.split("/").includes("..")
  );
}

/** Rewrites names and sets the encrypted flag in both the central directory and the local headers. */
function patchEntries(zip: Buffer, names: Map<number, Buffer>, encrypted: Set<number>): void {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let index = 0; index < count; index++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = names.get(index);
    if (name) {
      name.copy(zip, at + 46);
      name.copy(zip, local + 30);
    }
    if (encrypted.has(index)) {
      zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
      zip.writeUInt16LE(zip.readUInt16LE(local + 6) | 1, local + 6);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}
