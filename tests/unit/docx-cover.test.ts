import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCoverPage, type CoverResult } from "@/lib/files/docx-cover";
import { makePdf, makePlainDocx, makeTemplateDocx, makeZip, type TemplateFields } from "@/tests/support/make-docx";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "docx-cover-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(bytes: Buffer, opts?: { maxXmlBytes?: number }) {
  const path = join(dir, `upload-${counter++}`);
  await writeFile(path, bytes);
  return readCoverPage(path, opts);
}

function cover(result: CoverResult) {
  if (!result.ok) throw new Error(`expected a cover page, got ${result.reason}: ${result.note}`);
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
    expect(c.abstract).toBe(abstract);
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
      note: "This document does not use ITU's contribution template, so nothing was filled in for you. Please fill in the form.",
      noteKey: "api.cover.noTemplate",
    });
  });

  it("says a table without Title, Question or Source labels is not the template", async () => {
    const result = await read(await makeTemplateDocx({ keywords: "IoT", abstract: "Text" }));
    expect(result).toMatchObject({ ok: false, reason: "no_template" });
  });

  it("says a PDF is not a Word document", async () => {
    const result = await read(makePdf("Title: a PDF"));
    expect(result).toMatchObject({ ok: false, reason: "not_docx" });
    if (!result.ok) expect(result.note).toContain("Please fill in the form");
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

  it("stops at maxXmlBytes", async () => {
    const big = await makeTemplateDocx({ title: "T" }, { bodyParagraphs: Array.from({ length: 200 }, () => "x".repeat(100)) });
    expect(await read(big, { maxXmlBytes: 4096 })).toMatchObject({ ok: false, reason: "damaged" });
  });
});
