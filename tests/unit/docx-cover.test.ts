import { describeFailure, fieldsText } from "@/lib/present/failures";
import { translate } from "@/lib/i18n/translate";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COVER_MAX_XML_BYTES, readCoverPage, readUploadedCoverPage, type CoverResult } from "@/lib/files/docx-cover";
import { COVER_LIMITS } from "@/lib/files/docx-cover-fields";
import { MAX_ABSTRACT, MAX_TITLE, submissionMetadata } from "@/lib/validation/contribution";
import { makeDoc, makePdf, makePlainDocx, makeTemplateDocx, makeZip, type TemplateFields } from "@/tests/support/make-docx";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "docx-cover-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(bytes: Buffer): Promise<string> {
  const path = join(dir, `upload-${counter++}`);
  await writeFile(path, bytes);
  return path;
}

async function read(bytes: Buffer, opts?: { maxXmlBytes?: number }) {
  return readCoverPage(await saved(bytes), opts);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Text that deflate cannot squeeze much (base64 of random bytes): a 19 MB field in a DOCX that is not a ZIP bomb. */
function incompressibleText(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4)).toString("base64").slice(0, length);
}

function cover(result: CoverResult) {
  if (!result.ok) throw new Error(`expected a cover page, got ${result.reason}: ${result.noteKey}`);
  return result.cover;
}

const SG20_CONTRIBUTION: TemplateFields = {
  questions: "Q3/20, Q6/20",
  studyGroup: "20",
  workingParty: "1",
  meeting: "Virtual, 6-16 July 2020",
  source: "Korea (Republic of)",
  title: 'Proposal for "secure" IoT & <smart> cities: مدن ذكية 🏙️',
  purpose: "Proposal",
  contacts: [
    { name: "Kim Min-jun", organization: "ETRI", country: "Korea (Republic of)", phone: "+82 42 860 1234", email: "mj.kim@etri.example" },
    { name: "Amal Haddad", organization: "Ministry of ICT", country: "Tunisia", phone: "+216 71 000 000", email: "amal@mtc.example" },
  ],
  keywords: "IoT; smart city; security",
  abstract: "This contribution proposes a new work item on IoT security.\nIt builds on Y.4100 & Y.4200.",
};

describe("readCoverPage", () => {
  it("reads back every field of ITU's template", async () => {
    const result = await read(await makeTemplateDocx(SG20_CONTRIBUTION, { bodyParagraphs: ["1 Introduction", "Body text."] }));
    expect(cover(result)).toEqual({
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      workingParty: "1",
      meeting: "Virtual, 6-16 July 2020",
      source: "Korea (Republic of)",
      title: 'Proposal for "secure" IoT & <smart> cities: مدن ذكية 🏙️',
      purpose: "Proposal",
      contacts: SG20_CONTRIBUTION.contacts,
      keywords: ["IoT", "smart city", "security"],
      abstract: "This contribution proposes a new work item on IoT security.\nIt builds on Y.4100 & Y.4200.",
    });
  });

  it("reads a cover whose table spans many decompressed chunks", async () => {
    // Long enough that chunk boundaries fall inside tags, entities and multi-byte characters.
    const abstract = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: a &amp; <b> "q" مدن 🏙️ ${"é".repeat(i % 50)}`).join("\n");
    const c = cover(await read(await makeTemplateDocx({ ...SG20_CONTRIBUTION, abstract })));
    // The abstract is cut at the submission's limit, never in the middle of a character.
    expect(abstract.length).toBeGreaterThan(MAX_ABSTRACT);
    expect(c.abstract!.length).toBeGreaterThan(MAX_ABSTRACT - 60);
    expect(c.abstract!.length).toBeLessThanOrEqual(MAX_ABSTRACT);
    expect(abstract.startsWith(c.abstract!)).toBe(true);
    expect(c.title).toBe(SG20_CONTRIBUTION.title);
  });

  it.each([
    ["3/20", ["Q3/20"]],
    ["Q.3/20", ["Q3/20"]],
    ["Q3/20 and Q6/20", ["Q3/20", "Q6/20"]],
    ["3/20; 7/20", ["Q3/20", "Q7/20"]],
    ["Q2, Q3/20", ["Q2/20", "Q3/20"]],
  ])("normalises the Questions %j", async (questions, expected) => {
    const c = cover(await read(await makeTemplateDocx({ questions, title: "T" })));
    expect(c.questions).toEqual(expected);
    // The Questions name the study group when the cover does not.
    expect(c.studyGroup).toBe("20");
  });

  it("leaves out what the cover does not say", async () => {
    const c = cover(await read(await makeTemplateDocx({ title: "Only a title", purpose: "information" })));
    expect(c).toEqual({
      questions: [],
      studyGroup: null,
      workingParty: null,
      source: null,
      title: "Only a title",
      purpose: "Information",
      contacts: [],
      keywords: [],
      abstract: null,
      meeting: null,
    });
  });

  it("tolerates labels without a colon, in other case, and values in the label's cell", async () => {
    const doc = await makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      {
        name: "word/document.xml",
        data:
          '<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>' +
          "<x:tbl><x:tr><x:tc><x:p><x:r><x:t>QUESTIONS</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>Q1/20</x:t></x:r></x:p></x:tc>" +
          "<x:tc><x:p><x:r><x:t>Geneva, 1-10 March 2021</x:t></x:r></x:p></x:tc></x:tr>" +
          "<x:tr><x:tc><x:p><x:r><x:t xml:space=\"preserve\">Title:  Edge &#x1F600; &#233;tude</x:t></x:r></x:p></x:tc></x:tr>" +
          "<x:tr><x:tc><x:p><x:r><x:t>Contact</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>Jo Smith</x:t></x:r></x:p></x:tc>" +
          "<x:tc><x:p><x:r><x:t>Email: jo@example.org</x:t></x:r></x:p></x:tc></x:tr>" +
          "</x:tbl></x:body></x:document>",
      },
    ]);
    const c = cover(await read(doc));
    expect(c.questions).toEqual(["Q1/20"]);
    expect(c.meeting).toBe("Geneva, 1-10 March 2021");
    expect(c.title).toBe("Edge 😀 étude");
    expect(c.contacts).toEqual([{ name: "Jo Smith", organization: "", country: "", phone: "", email: "jo@example.org" }]);
  });

  it("reads only the first top-level table", async () => {
    const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const xml =
      `<w:document xmlns:w="${W}"><w:body>` +
      `<w:tbl><w:tr><w:tc>${p("Title:")}</w:tc><w:tc>${p("Outer")}` +
      `<w:tbl><w:tr><w:tc>${p("Source:")}</w:tc><w:tc>${p("Nested")}</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>` +
      `<w:tbl><w:tr><w:tc>${p("Source:")}</w:tc><w:tc>${p("Second table")}</w:tc></w:tr></w:tbl>` +
      `</w:body></w:document>`;
    const doc = await makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: xml },
    ]);
    const c = cover(await read(doc));
    expect(c.title).toBe("Outer Source: Nested");
    expect(c.source).toBeNull();
  });

  it("says a document without the template's table is not on the template", async () => {
    const result = await read(await makePlainDocx(["Title: not in a table", "Some text"]));
    expect(result).toEqual({
      ok: false,
      reason: "no_template",
      noteKey: "api.cover.noTemplate",
    });
    if (!result.ok) expect(translate("en", result.noteKey)).toBe("This document does not use ITU's contribution template, so nothing was filled in for you. Please fill in the form.");
  });

  it("says a table without Title, Question or Source labels is not the template", async () => {
    const result = await read(await makeTemplateDocx({ keywords: "IoT", abstract: "Text" }));
    expect(result).toMatchObject({ ok: false, reason: "no_template" });
  });

  it("says a PDF is not a Word document", async () => {
    const result = await read(makePdf("Title: a PDF"));
    expect(result).toMatchObject({ ok: false, reason: "not_docx" });
    if (!result.ok) expect(translate("en", result.noteKey)).toContain("Please fill in the form");
  });

  it("says a ZIP without word/document.xml is not a Word document", async () => {
    expect(await read(await makeZip([{ name: "annex.pdf", data: makePdf() }]))).toMatchObject({ ok: false, reason: "not_docx" });
  });

  it("says a truncated .docx is damaged", async () => {
    const good = await makeTemplateDocx(SG20_CONTRIBUTION);
    expect(await read(good.subarray(0, good.length - 40))).toMatchObject({ ok: false, reason: "damaged" });
  });

  it("says a .docx whose document.xml is corrupt is damaged", async () => {
    const good = await makeTemplateDocx(SG20_CONTRIBUTION);
    const bad = Buffer.from(good);
    const at = bad.indexOf("word/document.xml") + "word/document.xml".length + 40;
    bad.fill(0xff, at, at + 64);
    expect(await read(bad)).toMatchObject({ ok: false, reason: "damaged" });
  });

  it("stops at maxXmlBytes, and answers with the cover it read", async () => {
    // Before, a document.xml over the limit was refused whole as damaged; now the reader stops after the cover, or at the limit.
    const big = await makeTemplateDocx({ title: "T" }, { bodyParagraphs: Array.from({ length: 200 }, () => "x".repeat(100)) });
    const result = await read(big, { maxXmlBytes: 4096 });
    expect(result).toMatchObject({ ok: true, cover: { title: "T" } });
    if (result.ok) expect(result.read.xmlBytes).toBeLessThanOrEqual(4096);
    // A cover table longer than the limit gives what was read of it.
    const cut = await read(await makeTemplateDocx({ source: "Before the title", title: "y".repeat(20_000), abstract: "After the title" }), { maxXmlBytes: 4096 });
    expect(cut).toMatchObject({ ok: true, cover: { source: "Before the title", title: "y".repeat(MAX_TITLE), abstract: null }, read: { truncated: true } });
  });
});

describe("readCoverPage against hostile documents", () => {
  it("reads a 19 MB title only up to its bound, and caps it", async () => {
    // Issue 10: a 20 KB DOCX whose document.xml held 19 MB of text kept the reader busy for a minute and came back
    // as a 19 MB title. The reader now stops at its byte budget and answers with the capped fields.
    const docx = await makeTemplateDocx({ questions: "Q3/20", source: "Hostile client", title: "x".repeat(19 * 1024 * 1024), abstract: "never reached" });
    expect(docx.length).toBeLessThan(100 * 1024);
    const started = process.cpuUsage();
    const result = await read(docx);
    const cpu = cpuMs(started);
    if (!result.ok) throw new Error(result.reason);
    expect(result.cover).toMatchObject({ questions: ["Q3/20"], source: "Hostile client", title: "x".repeat(MAX_TITLE), abstract: null });
    expect(result.read).toEqual({ xmlBytes: COVER_MAX_XML_BYTES, truncated: true });
    // A generous bound that catches a quadratic read (it took 45-78 s), not a timing to tune.
    expect(cpu).toBeLessThan(3000);
  });

  it("caps every field, and the capped cover is one a submission accepts", async () => {
    const long = (label: string, n: number) => `${label} ${"é".repeat(n)}`;
    const contacts = Array.from({ length: 15 }, (_, i) => ({
      name: long(`Name ${i}`, 400),
      organization: long("Org", 400),
      country: long("Country", 300),
      phone: `+41 ${"1".repeat(200)}`,
      email: `${"a".repeat(400)}@example.org`,
    }));
    const docx = await makeTemplateDocx({
      questions: Array.from({ length: 60 }, (_, i) => `Q${i + 1}/20`).join(", "),
      meeting: long("Geneva", 1000),
      studyGroup: "2".repeat(500),
      workingParty: "3".repeat(500),
      source: long("Source", 2000),
      title: long("Title", 2000),
      purpose: "Proposal",
      contacts,
      keywords: Array.from({ length: 80 }, (_, i) => `keyword ${i} ${"k".repeat(i * 3)}`).join("; "),
      abstract: long("Abstract", 20_000),
    });
    const result = await read(docx);
    if (!result.ok) throw new Error(result.reason);
    const c = result.cover;
    expect(result.read.truncated).toBe(false);
    expect(c.title).toHaveLength(MAX_TITLE);
    expect(c.abstract).toHaveLength(MAX_ABSTRACT);
    expect(c.source).toHaveLength(COVER_LIMITS.source);
    expect(c.meeting).toHaveLength(COVER_LIMITS.meeting);
    expect(c.studyGroup).toHaveLength(COVER_LIMITS.studyGroup);
    expect(c.workingParty).toHaveLength(COVER_LIMITS.workingParty);
    expect(c.questions).toHaveLength(COVER_LIMITS.questions);
    expect(c.contacts).toHaveLength(COVER_LIMITS.contacts);
    for (const contact of c.contacts) {
      for (const field of ["name", "organization", "country", "phone", "email"] as const) {
        expect(contact[field].length).toBeLessThanOrEqual(COVER_LIMITS.contact[field]);
      }
    }
    expect(c.keywords.length).toBeLessThanOrEqual(COVER_LIMITS.keywords);
    expect(Math.max(...c.keywords.map((k) => k.length))).toBeLessThanOrEqual(COVER_LIMITS.keyword);
    expect(c.keywords.join("; ").length).toBeLessThanOrEqual(COVER_LIMITS.keywordsJoined);
    // What the form sends back from a capped cover is within the submission's limits (the e-mails aside, which are not addresses).
    const parsed = submissionMetadata.safeParse({
      title: c.title,
      questions: c.questions,
      purpose: c.purpose,
      abstract: c.abstract,
      keywords: c.keywords,
      contacts: c.contacts.map((x) => ({ ...x, email: "delegate@example.org" })),
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("never takes a content control's placeholder, a deleted text or a field code for a value", async () => {
    const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const r = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const row = (label: string, value: string) => `<w:tr><w:tc><w:p>${r(label)}</w:p></w:tc><w:tc><w:p>${value}</w:p></w:tc></w:tr>`;
    const xml =
      `<w:document xmlns:w="${W}"><w:body><w:tbl>` +
      row("Title:", `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>${r("Click or tap here to enter text.")}</w:sdtContent></w:sdt>`) +
      row("Source:", `<w:del w:id="1" w:author="A"><w:r><w:delText>Deleted Org</w:delText></w:r></w:del>${r("Kept Org")}`) +
      row("Question(s):", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Q9/20 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r("Q3/20")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
      `</w:tbl><w:p/></w:body></w:document>`;
    const c = cover(await read(await makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }, { name: "word/document.xml", data: xml }])));
    expect(c).toMatchObject({ title: null, source: "Kept Org", questions: ["Q3/20"] });
  });
});

describe("readUploadedCoverPage: the submission's checks first", () => {
  it("reads the cover of a .docx that a submission accepts", async () => {
    const result = await readUploadedCoverPage(await saved(await makeTemplateDocx(SG20_CONTRIBUTION)), "contribution.docx");
    expect(result).toMatchObject({ ok: true, value: { found: true, cover: { title: SG20_CONTRIBUTION.title, questions: ["Q3/20", "Q6/20"] } } });
  });

  it("refuses a macro-enabled document as a submission does", async () => {
    const result = await readUploadedCoverPage(await saved(await makeTemplateDocx({ title: "Macro" }, { macro: true })), "contribution.docx");
    expect(result).toMatchObject({ ok: false, code: "unsupported_type", key: "api.file.macroEnabled", details: { reason: "macro_enabled" } });
    if (!result.ok) expect(fieldsText(result, "en")?.file).toBe(describeFailure(result, "en"));
  });

  it("refuses the 20 KB DOCX of 19 MB of text as the ZIP bomb it is, before reading any XML", async () => {
    const docx = await makeTemplateDocx({ title: "x".repeat(19 * 1024 * 1024) });
    const started = process.cpuUsage();
    const result = await readUploadedCoverPage(await saved(docx), "contribution.docx");
    expect(result).toMatchObject({ ok: false, code: "unsupported_type", key: "api.file.compressionRatio", details: { reason: "zip_bomb" } });
    expect(cpuMs(started)).toBeLessThan(1000);
  });

  it("answers a 19 MB title that deflate cannot squeeze (not a bomb) with the capped cover, fast", async () => {
    const docx = await makeTemplateDocx({ questions: "3, 6/20", title: incompressibleText(19 * 1024 * 1024) });
    expect(docx.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = process.cpuUsage();
    const result = await readUploadedCoverPage(await saved(docx), "contribution.docx");
    const cpu = cpuMs(started);
    if (!result.ok || !result.value.found) throw new Error(JSON.stringify(result));
    expect(result.value.cover.title).toHaveLength(MAX_TITLE);
    expect(result.value.cover.questions).toEqual(["Q3/20", "Q6/20"]);
    expect(cpu).toBeLessThan(3000);
  }, 60_000);

  it("refuses a program, and a DOCX named .pdf, as a submission does", async () => {
    const exe = await readUploadedCoverPage(await saved(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)])), "contribution.docx");
    expect(exe).toMatchObject({ ok: false, code: "unsupported_type", details: { reason: "executable" } });
    const renamed = await readUploadedCoverPage(await saved(await makeTemplateDocx({ title: "T" })), "contribution.pdf");
    expect(renamed).toMatchObject({ ok: false, code: "unsupported_type", details: { reason: "type_mismatch" } });
    const empty = await readUploadedCoverPage(await saved(Buffer.alloc(0)), "contribution.docx");
    expect(empty).toMatchObject({ ok: false, code: "invalid", details: { reason: "empty" } });
  });

  it("says a PDF or a .doc, which a submission accepts, has no cover to read", async () => {
    for (const [bytes, name] of [
      [makePdf(), "c.pdf"],
      [makeDoc(), "c.doc"],
    ] as const) {
      expect(await readUploadedCoverPage(await saved(bytes), name)).toEqual({ ok: true, value: { found: false, reason: "not_docx", noteKey: "api.cover.notDocx" } });
    }
  });
});
