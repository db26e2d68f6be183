// Writes small real documents: .docx files on ITU's contribution template (cover table, then the body) and one-page PDFs.
// Used by the demo's content and by the tests' fixtures; deterministic: the same input always gives the same bytes.
// No "server-only" and no "@/" imports: the seed scripts and the browser tests load this file as it is.
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

// Fixed so that the same document always has the same bytes (and the same SHA-256).
export const FIXED_MTIME = new Date(Date.UTC(2020, 5, 1, 12, 0, 0));

const MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml";
const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

// Column widths in twentieths of a point, adding up to an A4 text width.
const GRID = [1560, 3540, 1560, 2979];

/**
 * A .docx whose first table is ITU's cover page (the fields given, in the template's order), followed by
 * `bodyParagraphs`. `macro` declares a macro-enabled main part: only the file checks' tests want that.
 */
export async function makeTemplateDocx(fields: TemplateFields, opts?: { macro?: boolean; bodyParagraphs?: string[] }): Promise<Buffer> {
  const rows: string[] = [];
  if (fields.questions !== undefined || fields.meeting !== undefined) {
    rows.push(row([labelCell("Question(s):"), valueCell(fields.questions ?? ""), labelCell("Meeting, date:"), valueCell(fields.meeting ?? "")]));
  }
  if (fields.studyGroup !== undefined || fields.workingParty !== undefined) {
    rows.push(row([labelCell("Study Group:"), valueCell(fields.studyGroup ?? ""), labelCell("Working Party:"), valueCell(fields.workingParty ?? "")]));
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

/** A .docx of plain paragraphs, with no cover table. */
export async function makePlainDocx(paragraphs: string[]): Promise<Buffer> {
  return packageDocx(paragraphs.map((p) => paragraph(runs(p))).join(""), { macro: false });
}

/** A .docx whose body is `bodyXml` as given (WordprocessingML with the `w:` prefix), for documents the template maker cannot express. */
export async function makeDocxFromBody(bodyXml: string, opts?: { namespaces?: string }): Promise<Buffer> {
  return packageDocx(bodyXml, { macro: false, namespaces: opts?.namespaces });
}

/** A one-page PDF in Helvetica: one line per "\n"-separated line of `text` (characters outside ASCII become "?"). */
export function makePdf(text = "ITU-T contribution"): Buffer {
  const lines = text.split("\n").slice(0, 60);
  const show = lines
    .map((line, i) => {
      const safe = line.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
      return `${i === 0 ? "72 770 Td" : "0 -14 Td"} (${safe}) Tj`;
    })
    .join(" ");
  const content = `BT /F1 12 Tf ${show} ET`;
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
  return cell(
    value.split("\n").map((p) => paragraph(runs(p))),
    span,
  );
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
    (opts.macro ? `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>` : "") +
    `</Relationships>`;
  const entries: Array<[string, string | Buffer]> = [
    ["[Content_Types].xml", contentTypes],
    ["_rels/.rels", packageRels],
    ["word/document.xml", document],
    ["word/_rels/document.xml.rels", documentRels],
  ];
  // Not a real VBA project: only its presence matters to anything judging the file.
  if (opts.macro) entries.push(["word/vbaProject.bin", Buffer.from("not really VBA")]);
  const zip = new yazl.ZipFile();
  const collected = collectZip(zip);
  for (const [name, data] of entries) zip.addBuffer(typeof data === "string" ? Buffer.from(data, "utf8") : data, name, { mtime: FIXED_MTIME, compress: true });
  zip.end();
  return collected;
}

/** The bytes of a ZIP being written, once `zip.end()` is called (call this before adding, so no chunk is missed). */
export function collectZip(zip: yazl.ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.on("error", reject);
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
