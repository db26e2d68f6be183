import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksText, paragraphTexts, type DocxBlock } from "@/lib/files/docx-blocks";
import { readDocxText, type DocxTextOptions } from "@/lib/files/docx-text";
import { makeDocxFromBody, makePdf, makeTemplateDocx, makeZip } from "@/tests/support/make-docx";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "docx-text-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(bytes: Buffer, opts?: DocxTextOptions) {
  const path = join(dir, `doc-${counter++}`);
  await writeFile(path, bytes);
  return readDocxText(path, opts);
}

async function blocksOf(body: string, opts?: DocxTextOptions & { namespaces?: string }): Promise<DocxBlock[]> {
  const result = await read(await makeDocxFromBody(body, { namespaces: opts?.namespaces }), opts);
  if (!result.ok) throw new Error(`expected text, got ${result.reason}`);
  return result.blocks;
}

async function textOf(body: string, opts?: DocxTextOptions & { namespaces?: string }): Promise<string[]> {
  return paragraphTexts(await blocksOf(body, opts));
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const r = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const p = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;
const cell = (...content: string[]) => `<w:tc>${content.join("")}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>${rows.join("")}</w:tbl>`;

describe("readDocxText: document order", () => {
  it("gives paragraphs and tables in order, rows of cells of blocks, nested tables inside their cell", async () => {
    const blocks = await blocksOf(
      p(r("Before")) +
        tbl(tr(cell(p(r("a1")), p(r("a1 second"))), cell(p(r("b1")))), tr(cell(p(r("a2")), tbl(tr(cell(p(r("inner"))))), p(r("after inner"))), cell(p()))) +
        `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${r("1 Introduction")}</w:p>`,
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Before", style: null },
      {
        kind: "table",
        rows: [
          [
            [
              { kind: "paragraph", text: "a1", style: null },
              { kind: "paragraph", text: "a1 second", style: null },
            ],
            [{ kind: "paragraph", text: "b1", style: null }],
          ],
          [
            [
              { kind: "paragraph", text: "a2", style: null },
              { kind: "table", rows: [[[{ kind: "paragraph", text: "inner", style: null }]]] },
              { kind: "paragraph", text: "after inner", style: null },
            ],
            [{ kind: "paragraph", text: "", style: null }],
          ],
        ],
      },
      { kind: "paragraph", text: "1 Introduction", style: "Heading1" },
    ]);
    expect(blocksText(blocks)).toBe("Before\na1\na1 second\nb1\na2\ninner\nafter inner\n\n1 Introduction");
  });

  it("joins runs split by bookmarks, proofing marks, comments and hyperlinks", async () => {
    const text = await textOf(
      p(
        r("Ti"),
        `<w:bookmarkStart w:id="0" w:name="_GoBack"/>`,
        r("tle"),
        `<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellStart"/>`,
        r(" of"),
        `<w:proofErr w:type="spellEnd"/><w:commentRangeStart w:id="1"/>`,
        `<w:hyperlink r:id="rId9"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve"> the doc</w:t></w:r></w:hyperlink>`,
        `<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>`,
        `<w:smartTag w:uri="urn:x" w:element="place">${r("ument")}</w:smartTag>`,
      ),
    );
    expect(text).toEqual(["Title of the document"]);
  });

  it("turns tabs, line breaks and non-breaking hyphens into characters, but not tab stops", async () => {
    const text = await textOf(
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="1000"/></w:tabs></w:pPr>${r("Tel:")}<w:r><w:tab/><w:t>+41</w:t><w:br/><w:t>E-mail:</w:t><w:cr/><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t><w:softHyphen/><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>c</w:t></w:r></w:p>`,
    );
    expect(text).toEqual(["Tel:\t+41\nE-mail:\na-b\tc"]);
  });

  it("reads text whose XML spans many decompressed chunks, cut inside tags, entities and characters", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i}: a & <b> "q" مدن 🏙️ ${"é".repeat(i % 50)}`);
    const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    expect(await textOf(lines.map((line) => p(r(escape(line)))).join(""))).toEqual(lines);
  });

  it("decodes entities and character references, and keeps text byte for byte", async () => {
    expect(await textOf(p(r("a &amp; &lt;b&gt; &quot;q&quot; &#x1F600; &#233; مدن ذكية 🏙️")))).toEqual(['a & <b> "q" 😀 é مدن ذكية 🏙️']);
  });
});

describe("readDocxText: what Word would show", () => {
  it("resolves tracked changes: deleted text never appears, inserted text does", async () => {
    const text = await textOf(
      p(
        r("The "),
        `<w:del w:id="1" w:author="A" w:date="2020-06-01T00:00:00Z"><w:r><w:delText>old </w:delText></w:r></w:del>`,
        `<w:ins w:id="2" w:author="A" w:date="2020-06-01T00:00:00Z"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>`,
        r("title"),
        `<w:moveFrom w:id="3" w:author="A"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>`,
      ) + p(`<w:moveTo w:id="4" w:author="A"><w:r><w:t>moved here</w:t></w:r></w:moveTo>`),
    );
    expect(text).toEqual(["The new title", "moved here"]);
  });

  it("joins a paragraph whose mark was deleted to the next one, and drops a deleted table row", async () => {
    const blocks = await blocksOf(
      `<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A" w:date="2020-06-01T00:00:00Z"/></w:rPr></w:pPr>${r("First half, ")}</w:p>` +
        p(r("second half")) +
        tbl(
          tr(cell(p(r("kept")))),
          `<w:tr><w:trPr><w:del w:id="6" w:author="A" w:date="2020-06-01T00:00:00Z"/></w:trPr>${cell(`<w:p><w:del w:id="7" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>`)}</w:tr>`,
        ),
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "First half, second half", style: null },
      { kind: "table", rows: [[[{ kind: "paragraph", text: "kept", style: null }]]] },
    ]);
  });

  it("gives a field's result, never its instructions, nested fields included", async () => {
    const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const instr = (code: string) => `<w:r><w:instrText xml:space="preserve">${code}</w:instrText></w:r>`;
    const text = await textOf(
      p(r("See "), fld("begin"), instr(" REF _Ref1 \\h "), fld("separate"), r("Table 1"), fld("end"), r(".")) +
        p(fld("begin"), instr(" IF "), fld("begin"), instr(" DOCPROPERTY x "), fld("separate"), r("inner result"), fld("end"), instr(' = 1 "yes" "no" '), fld("separate"), r("yes"), fld("end")) +
        p(`<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">${r("6 July 2020")}</w:fldSimple>`),
    );
    expect(text).toEqual(["See Table 1.", "yes", "6 July 2020"]);
  });

  it("reads content controls' content, but not a placeholder's prompt", async () => {
    const sdt = (content: string, placeholder = false) =>
      `<w:sdt><w:sdtPr><w:alias w:val="Title"/><w:tag w:val="title"/>${placeholder ? "<w:showingPlcHdr/>" : ""}<w:text/></w:sdtPr><w:sdtEndPr/><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
    const blocks = await blocksOf(
      sdt(p(r("Block-level control"))) +
        p(r("Run-level: "), sdt(r("filled in"))) +
        p(r("Empty: "), sdt(r("Click or tap here to enter text."), true)) +
        tbl(`<w:tr>${cell(p(r("Title:")))}<w:sdt><w:sdtPr/><w:sdtContent>${cell(p(r("Cell-level control")))}</w:sdtContent></w:sdt></w:tr>`, sdt(tr(cell(p(r("Row-level control")))))),
    );
    expect(paragraphTexts(blocks)).toEqual(["Block-level control", "Run-level: filled in", "Empty: ", "Title:", "Cell-level control", "Row-level control"]);
    const table = blocks[3];
    expect(table.kind === "table" && table.rows.map((row) => row.length)).toEqual([2, 1]);
  });

  it("reads a text box once (mc:Choice), not again from its mc:Fallback", async () => {
    const box = (t: string) => `<w:txbxContent>${p(r(t))}</w:txbxContent>`;
    const text = await textOf(
      p(
        r("Logo: "),
        `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>${box("INTERNATIONAL TELECOMMUNICATION UNION")}</wps:txbx></w:drawing></mc:Choice>` +
          `<mc:Fallback><w:pict><v:textbox>${box("INTERNATIONAL TELECOMMUNICATION UNION")}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
      ),
      {
        namespaces:
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"',
      },
    );
    expect(text).toEqual(["INTERNATIONAL TELECOMMUNICATION UNION", "Logo: "]);
  });

  it("goes by namespace, not by prefix: Strict OOXML, another prefix, and look-alikes of another namespace", async () => {
    const strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    const xml = `<?xml version="1.0"?><x:document xmlns:x="${strict}" xmlns:w="urn:not-word"><x:body><x:p><x:r><x:t>Strict</x:t></x:r><w:r><w:t>not Word's</w:t></w:r></x:p><x:p xmlns:x="urn:other"><x:r><x:t>shadowed</x:t></x:r></x:p></x:body></x:document>`;
    const result = await read(await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: xml }]));
    expect(result.ok && paragraphTexts(result.blocks)).toEqual(["Strict"]);
  });

  it("reads a UTF-16 document.xml with its byte-order mark", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="${W}"><w:body>${p(r("Ünïcödé 🏙️"))}</w:body></w:document>`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    const result = await read(await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: bytes }]));
    expect(result.ok && paragraphTexts(result.blocks)).toEqual(["Ünïcödé 🏙️"]);
  });

  it("never expands entities declared in a DTD (no billion laughs, no external entity)", async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const xml =
      `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">${lol}<!ENTITY ext SYSTEM "file:///etc/passwd">]>` +
      `<w:document xmlns:w="${W}"><w:body>${p(r("a &lol9; b &ext; c"))}</w:body></w:document>`;
    const started = process.cpuUsage();
    const result = await read(await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: xml }]));
    const cpuMs = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
    expect(result.ok).toBe(true);
    const text = result.ok ? blocksText(result.blocks) : "";
    expect(text).not.toContain("lollol");
    expect(text).not.toContain("root:");
    expect(cpuMs).toBeLessThan(2000);
  });
});

describe("readDocxText: bounds", () => {
  it("stops at maxChars, without splitting a character, and says it is truncated", async () => {
    const result = await read(await makeDocxFromBody(p(r("abc")) + p(r("d🏙️" + "e".repeat(100)))), { maxChars: 6 });
    // "abc" + its line break = 4; then room for 2 characters, and the emoji's two halves do not fit after "d".
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && paragraphTexts(result.blocks)).toEqual(["abc", "d"]);
  });

  it("reads no more than maxXmlBytes of a 19 MB run of text, and gives what it read", async () => {
    const docx = await makeDocxFromBody(p(r("Title: " + "x".repeat(19 * 1024 * 1024))));
    expect(docx.length).toBeLessThan(100 * 1024);
    const started = process.cpuUsage();
    const result = await read(docx, { maxXmlBytes: 256 * 1024 });
    const cpu = process.cpuUsage(started);
    expect(result).toMatchObject({ ok: true, truncated: true });
    if (!result.ok) return;
    expect(result.xmlBytesRead).toBeLessThanOrEqual(256 * 1024);
    const [text] = paragraphTexts(result.blocks);
    expect(text.startsWith("Title: xxx")).toBe(true);
    expect(text.length).toBeGreaterThan(200 * 1024);
    expect(text.length).toBeLessThan(256 * 1024);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2000);
  });

  it("keeps at most maxNodes paragraphs, rows and cells of a document of empty paragraphs", async () => {
    const result = await read(await makeDocxFromBody("<w:p/>".repeat(50_000)), { maxNodes: 1000 });
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && result.blocks.length).toBe(1000);
  });

  it("stops at a nesting depth no Word document reaches", async () => {
    const result = await read(await makeDocxFromBody(p(r("kept")) + "<w:sdt><w:sdtContent>".repeat(5000) + p(r("too deep")) + "</w:sdtContent></w:sdt>".repeat(5000)));
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && paragraphTexts(result.blocks)).toEqual(["kept"]);
  });

  it("stops as soon as `until` says so, having read only the start of a large document", async () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => p(r(`Paragraph ${i} of a long contribution about IoT and smart cities.`))).join("");
    const docx = await makeDocxFromBody(tbl(tr(cell(p(r("Title:"))), cell(p(r("A title"))))) + paragraphs);
    const seen: string[] = [];
    const result = await read(docx, {
      until: (block, index) => {
        seen.push(block.kind);
        return index === 3;
      },
    });
    expect(result).toMatchObject({ ok: true, truncated: false });
    if (!result.ok) return;
    expect(seen).toEqual(["table", "paragraph", "paragraph", "paragraph"]);
    expect(result.blocks).toHaveLength(4);
    // The document.xml is over 1.5 MB; the walker read one or two decompressed chunks of it.
    expect(result.xmlBytesRead).toBeLessThan(256 * 1024);
  });

  it("stops reading a ZIP bomb's document.xml at maxXmlBytes", async () => {
    const xml = `<w:document xmlns:w="${W}"><w:body>` + "<w:p/>".repeat(20 * 1024 * 1024 / 6);
    const docx = await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: xml }]);
    const result = await read(docx, { maxXmlBytes: 1024 * 1024 });
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && result.xmlBytesRead).toBe(1024 * 1024);
  });

  it("reads a 200-page document whole in a bounded time", async () => {
    // About 200 pages as Word writes them: properties, revision ids, proofing marks, a table every ten paragraphs.
    const para = (i: number) =>
      `<w:p w:rsidR="00A12B34" w:rsidRDefault="00C56D78"><w:pPr><w:pStyle w:val="BodyText"/><w:spacing w:before="120" w:after="120"/><w:jc w:val="both"/></w:pPr>` +
      `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">Paragraph ${i}: the architecture of IoT </w:t></w:r>` +
      `<w:proofErr w:type="spellStart"/><w:r><w:t>devices</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve"> and smart sustainable cities, with requirements, use cases and a reference model.</w:t></w:r></w:p>`;
    const parts: string[] = [];
    for (let i = 0; i < 6000; i++) {
      parts.push(para(i));
      if (i % 10 === 9) parts.push(tbl(tr(cell(p(r(`Cell ${i} a`))), cell(p(r(`Cell ${i} b`)))), tr(cell(p(r("c"))), cell(p(r("d"))))));
    }
    const docx = await makeDocxFromBody(parts.join(""));
    const started = process.cpuUsage();
    const result = await read(docx);
    const cpu = process.cpuUsage(started);
    expect(result).toMatchObject({ ok: true, truncated: false });
    if (!result.ok) return;
    expect(result.xmlBytesRead).toBeGreaterThan(3 * 1024 * 1024);
    const texts = paragraphTexts(result.blocks);
    expect(texts).toHaveLength(6000 + 600 * 4);
    expect(texts[0]).toBe("Paragraph 0: the architecture of IoT devices and smart sustainable cities, with requirements, use cases and a reference model.");
    expect(texts.at(-1)).toBe("d");
    // A generous bound that catches a quadratic walk or a runaway, not a timing to tune.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(10_000);
  });
});

describe("readDocxText: what is not a readable DOCX", () => {
  it("says a PDF is not a DOCX", async () => {
    expect(await read(makePdf())).toEqual({ ok: false, reason: "not_docx" });
  });

  it("says a ZIP without word/document.xml is not a DOCX", async () => {
    expect(await read(await makeZip([{ name: "annex.pdf", data: makePdf() }]))).toEqual({ ok: false, reason: "not_docx" });
  });

  it("says an encrypted entry is encrypted", async () => {
    const zip = await makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<w:document/>", encrypted: true },
    ]);
    expect(await read(zip)).toEqual({ ok: false, reason: "encrypted" });
  });

  it("says a truncated ZIP, a corrupt entry and an XML that is not XML are damaged", async () => {
    const good = await makeTemplateDocx({ title: "T", abstract: "x".repeat(5000) });
    expect(await read(good.subarray(0, good.length - 40))).toEqual({ ok: false, reason: "damaged" });
    const corrupt = Buffer.from(good);
    const at = corrupt.indexOf("word/document.xml") + "word/document.xml".length + 40;
    corrupt.fill(0xff, at, at + 64);
    expect(await read(corrupt)).toEqual({ ok: false, reason: "damaged" });
    const garbage = await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: Buffer.alloc(4096, 0x01) }]);
    expect(await read(garbage)).toEqual({ ok: false, reason: "damaged" });
  });
});
