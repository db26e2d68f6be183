// Builds upload fixtures in memory: .docx files on ITU's contribution template, plain .docx, ZIPs (hostile ones too), PDF and DOC.
import { Readable } from "node:stream";
import yazl from "yazl";

export type TemplateFields = {
  questions?: string;
  studyGroup?: string;
  workingParty?: string;
  meeting?: string;
  source?: string;
  title?: string;
  purpose?: string;
  contacts?: Array<{ name: string; organization: string; country: string; phone: string; email: string }>;
  keywords?: string;
  abstract?: string;
};

export type ZipEntrySpec = {
  name: string;
  data: Buffer | string;
  compress?: boolean;
  /** Sets the "encrypted" flag without encrypting: enough for anything that judges by headers. */
  encrypted?: boolean;
};

// Fixed so that the same fixture always has the same bytes (and the same SHA-256).
const FIXED_MTIME = new Date(Date.UTC(2020, 5, 1, 12, 0, 0));

const MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml";
const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

// Column widths in twentieths of a point, adding up to an A4 text width.
const GRID = [1560, 3540, 1560, 2979];

export async function makeTemplateDocx(
  fields: TemplateFields,
  opts?: { macro?: boolean; bodyParagraphs?: string[] },
): Promise<Buffer> {
  const rows: string[] = [];
  if (fields.questions !== undefined || fields.meeting !== undefined) {
    rows.push(
      row([
        labelCell("Question(s):"),
        valueCell(fields.questions ?? ""),
        labelCell("Meeting, date:"),
        valueCell(fields.meeting ?? ""),
      ]),
    );
  }
  if (fields.studyGroup !== undefined || fields.workingParty !== undefined) {
    rows.push(
      row([
        labelCell("Study Group:"),
        valueCell(fields.studyGroup ?? ""),
        labelCell("Working Party:"),
        valueCell(fields.workingParty ?? ""),
      ]),
    );
  }
  const wide = (label: string, value: string | undefined) => {
    if (value !== undefined) rows.push(row([labelCell(label), valueCell(value, 3)]));
  };
  wide("Source:", fields.source);
  wide("Title:", fields.title);
  wide("Purpose:", fields.purpose);
  for (const c of fields.contacts ?? []) {
    rows.push(
      row([
        labelCell("Contact:"),
        cell([paragraph(runs(c.name)), paragraph(runs(c.organization)), paragraph(runs(c.country))]),
        // One paragraph with a line break, as Word writes Shift+Enter, and tabs after the labels.
        cell([paragraph(`${runs("Tel:")}<w:r><w:tab/></w:r>${runs(c.phone)}<w:r><w:br/></w:r>${runs("E-mail:")}<w:r><w:tab/></w:r>${runs(c.email)}`)], 2),
      ]),
    );
  }
  wide("Keywords:", fields.keywords);
  wide("Abstract:", fields.abstract);

  const table =
    `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${GRID.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>` +
    rows.join("") +
    `</w:tbl>`;
  // Word always follows a table with a paragraph; a body ending on a table is one it may call corrupt.
  const after = opts?.bodyParagraphs?.length ? opts.bodyParagraphs : [""];
  const body = table + after.map((p) => paragraph(runs(p))).join("");
  return packageDocx(body, { macro: opts?.macro ?? false });
}

export async function makePlainDocx(paragraphs: string[]): Promise<Buffer> {
  return packageDocx(paragraphs.map((p) => paragraph(runs(p))).join(""), { macro: false });
}

/** A .docx whose body is `bodyXml` as given (WordprocessingML with the `w:` prefix), for documents the template maker cannot express. */
export async function makeDocxFromBody(bodyXml: string, opts?: { namespaces?: string }): Promise<Buffer> {
  return packageDocx(bodyXml, { macro: false, namespaces: opts?.namespaces });
}

export async function makeZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const collected = collect(zip);
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

export function makePdf(text = "ITU-T contribution"): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
  const content = `BT /F1 12 Tf 72 770 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
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
  const collected = collect(zip);
  zip.addReadStream(Readable.from(zeros()), "annex/report.docx", { mtime: FIXED_MTIME, size: total, compressionLevel: 1 });
  zip.end();
  return collected;
}

// --- WordprocessingML pieces -----------------------------------------------------------------

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

function runs(text: string): string {
  return text === "" ? "" : `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraph(content: string): string {
  return `<w:p>${content}</w:p>`;
}

function cell(paragraphs: string[], span = 1): string {
  const props = span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : "";
  // Word refuses a cell without a paragraph.
  return `<w:tc>${props}${paragraphs.length > 0 ? paragraphs.join("") : "<w:p/>"}</w:tc>`;
}

function labelCell(label: string): string {
  return cell([paragraph(`<w:r><w:rPr><w:b/></w:rPr><w:t>${escapeXml(label)}</w:t></w:r>`)]);
}

/** A value cell; "\n" in the value starts a new paragraph. */
function valueCell(value: string, span = 1): string {
  return cell(value.split("\n").map((p) => paragraph(runs(p))), span);
}

function row(cells: string[]): string {
  return `<w:tr>${cells.join("")}</w:tr>`;
}

async function packageDocx(body: string, opts: { macro: boolean; namespaces?: string }): Promise<Buffer> {
  const document =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"${opts.namespaces ? ` ${opts.namespaces}` : ""}><w:body>${body}` +
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>` +
    `</w:body></w:document>`;
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    (opts.macro ? `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` : "") +
    `<Override PartName="/word/document.xml" ContentType="${opts.macro ? MACRO_DOCUMENT : MAIN_DOCUMENT}"/>` +
    `</Types>`;
  const packageRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="${PKG_RELS_NS}">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
    `</Relationships>`;
  const documentRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="${PKG_RELS_NS}">` +
    (opts.macro
      ? `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`
      : "") +
    `</Relationships>`;
  const entries: ZipEntrySpec[] = [
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: packageRels },
    { name: "word/document.xml", data: document },
    { name: "word/_rels/document.xml.rels", data: documentRels },
  ];
  // Not a real VBA project: only its presence matters to anything judging the file.
  if (opts.macro) entries.push({ name: "word/vbaProject.bin", data: Buffer.from("not really VBA") });
  return makeZip(entries);
}

// --- ZIP plumbing ----------------------------------------------------------------------------

function collect(zip: yazl.ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.on("error", reject);
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

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
