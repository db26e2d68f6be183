// Builds real PDFs with a text layer (Helvetica, WinAnsi: Latin-1 accents work), page by page; and pages without text.
export type PdfPage = string[] | { drawingOnly: true };

function escapePdfString(text: string): string {
  // WinAnsi covers Latin-1; anything else becomes "?".
  return Buffer.from(text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, "?"), "latin1")
    .toString("latin1")
    .replace(/([\\()])/g, "\\$1");
}

function pageContent(page: PdfPage): string {
  if (!Array.isArray(page)) return "0.5 w 72 72 m 500 700 l S 100 100 200 200 re f"; // a drawing, as a scanned page's image would be: no text
  const lines = page.map((line, i) => `BT /F1 11 Tf 72 ${770 - i * 14} Td (${escapePdfString(line)}) Tj ET`);
  return lines.join("\n");
}

/** A PDF of these pages: each line of text is one text object, so pdf.js reads one line per line. */
export function makeTextPdf(pages: PdfPage[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // the new object's number
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(""); // the page tree, filled in below
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const page of pages) {
    const content = pageContent(page);
    const contentId = add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
    const pageId = add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`);
    kids.push(pageId);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** `count` pages of numbered paragraphs, each line with the page and line number: a long document for limits and benchmarks. */
export function longPdfPages(count: number, linesPerPage = 45, word = "interoperability"): PdfPage[] {
  return Array.from({ length: count }, (_, p) => Array.from({ length: linesPerPage }, (_, l) => `Page ${p + 1} line ${l + 1}: the ${word} of IoT platforms in smart sustainable cities.`));
}
