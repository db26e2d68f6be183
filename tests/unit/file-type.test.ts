import { describeFailure } from "@/lib/present/failures";
import { translate } from "@/lib/i18n/translate";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUploadedFile, type FileCheck } from "@/lib/files/file-type";
import { makeDoc, makePdf, makePlainDocx, makeTemplateDocx, makeZip, makeZipBomb } from "@/tests/support/make-docx";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "file-type-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(bytes: Buffer | string, originalName: string, opts?: Parameters<typeof checkUploadedFile>[2]) {
  const path = join(dir, `upload-${counter++}`);
  await writeFile(path, bytes);
  return checkUploadedFile(path, originalName, opts);
}

function rejection(result: FileCheck) {
  expect(result.ok).toBe(false);
  return result as FileCheck & { ok: false };
}

const docx = () => makeTemplateDocx({ title: "Smart city", questions: "3/20" });

// A password-protected .docx as Word saves it: an OLE2 container with EncryptionInfo/EncryptedPackage.
function makeEncryptedOffice(): Buffer {
  const bytes = makeDoc();
  bytes.writeUInt32LE(0, 0x30); // directory starts at sector 0, i.e. at byte 512
  ["Root Entry", "EncryptionInfo", "EncryptedPackage"].forEach((name, i) => {
    const at = 512 + i * 128;
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    encoded.copy(bytes, at);
    bytes.writeUInt16LE(encoded.length, at + 0x40);
  });
  return bytes;
}

describe("checkUploadedFile accepts", () => {
  it("a Word document on the template", async () => {
    expect(await check(await docx(), "C123 smart city.docx")).toEqual({
      ok: true,
      kind: "docx",
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extension: ".docx",
    });
  });

  it("a plain .docx, whatever the case of its extension", async () => {
    const result = await check(await makePlainDocx(["Hello"]), "REPORT.DOCX");
    expect(result).toMatchObject({ ok: true, kind: "docx" });
  });

  it("an old Word document (.doc)", async () => {
    expect(await check(makeDoc(), "proposal.doc")).toEqual({
      ok: true,
      kind: "doc",
      mediaType: "application/msword",
      extension: ".doc",
    });
  });

  it("a PDF", async () => {
    expect(await check(makePdf("Annex A"), "annex.pdf")).toEqual({
      ok: true,
      kind: "pdf",
      mediaType: "application/pdf",
      extension: ".pdf",
    });
  });

  it("a ZIP of annexes holding a .docx", async () => {
    const zip = await makeZip([
      { name: "Contribution.DOCX", data: await docx() },
      { name: "annexes/annex-a.pdf", data: makePdf() },
    ]);
    expect(await check(zip, "C123 with annexes.zip")).toEqual({
      ok: true,
      kind: "zip",
      mediaType: "application/zip",
      extension: ".zip",
    });
  });

  it("by content when the name has another or no extension", async () => {
    expect(await check(makePdf(), "scan")).toMatchObject({ ok: true, kind: "pdf" });
    expect(await check(await docx(), "contribution.final")).toMatchObject({ ok: true, kind: "docx", extension: ".docx" });
  });
});

describe("checkUploadedFile refuses", () => {
  it("an empty file", async () => {
    const r = rejection(await check(Buffer.alloc(0), "contribution.docx"));
    expect(r.code).toBe("empty");
    expect(describeFailure(r, "en")).toBe("The file is empty (0 bytes). Choose the document again and re-upload.");
  });

  it("a Windows program renamed .docx", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
    const r = rejection(await check(exe, "contribution.docx"));
    expect(r.code).toBe("executable");
    expect(describeFailure(r, "en")).toBe("This file is a program, not a document. Upload a Word (.docx, .doc) or PDF file.");
  });

  it("a Linux program (ELF)", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100)]);
    expect(rejection(await check(elf, "report.pdf")).code).toBe("executable");
  });

  it("a shell script", async () => {
    expect(rejection(await check("#!/bin/sh\nrm -rf ~\n", "annex.doc")).code).toBe("executable");
  });

  it("a macOS program (Mach-O)", async () => {
    const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);
    expect(rejection(await check(macho, "tool")).code).toBe("executable");
  });

  it("a macro-enabled document (.docm) renamed .docx", async () => {
    const r = rejection(await check(await makeTemplateDocx({ title: "Macro" }, { macro: true }), "contribution.docx"));
    expect(r.code).toBe("macro_enabled");
    expect(describeFailure(r, "en")).toBe(
      "Macro-enabled Word documents (.docm) are not accepted. Save it as a .docx without macros and upload again.",
    );
  });

  it("a document whose content types declare macros even without a VBA part", async () => {
    const zip = await makeZip([
      {
        name: "[Content_Types].xml",
        data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
      },
      { name: "word/document.xml", data: "<w:document/>" },
    ]);
    expect(rejection(await check(zip, "c.docx")).code).toBe("macro_enabled");
  });

  it("a Word document named .pdf", async () => {
    const r = rejection(await check(await docx(), "contribution.pdf"));
    expect(r.code).toBe("type_mismatch");
    expect(describeFailure(r, "en")).toBe(
      "The file is named .pdf but its content is a Word document (.docx). Rename it or choose the right file.",
    );
  });

  it("a PDF named .docx", async () => {
    const r = rejection(await check(makePdf(), "C123.docx"));
    expect(r.code).toBe("type_mismatch");
    expect(describeFailure(r, "en")).toContain("named .docx but its content is a PDF");
  });

  it("a zip bomb", async () => {
    const started = performance.now();
    const bomb = await makeZipBomb();
    const r = rejection(await check(bomb, "annexes.zip"));
    expect(r.code).toBe("zip_bomb");
    expect(describeFailure(r, "en")).toContain('A file in this ZIP ("annex/report.docx") expands');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("a ZIP that would expand beyond the total limit", async () => {
    const zip = await makeZip([
      { name: "contribution.docx", data: Buffer.alloc(3000, 1) },
      { name: "annex.docx", data: Buffer.alloc(3000, 2) },
    ]);
    const r = rejection(await check(zip, "a.zip", { maxUncompressedBytes: 5000 }));
    expect(r.code).toBe("zip_bomb");
    expect(describeFailure(r, "en")).toContain("would expand to more than 4.9 KB");
  });

  it("a ZIP with too many entries", async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `annex-${i}.docx`, data: "x" }));
    const r = rejection(await check(await makeZip(entries), "a.zip", { maxEntries: 10 }));
    expect(r.code).toBe("zip_bomb");
    expect(describeFailure(r, "en")).toContain("12 files");
  });

  it("a ZIP with a ../ entry", async () => {
    const zip = await makeZip([
      { name: "contribution.docx", data: await docx() },
      { name: "../../etc/cron.d/evil", data: "* * * * * root sh" },
    ]);
    const r = rejection(await check(zip, "annexes.zip"));
    expect(r.code).toBe("unsafe_archive");
    expect(describeFailure(r, "en")).toContain("../../etc/cron.d/evil");
  });

  it("a ZIP with an absolute path entry", async () => {
    const zip = await makeZip([
      { name: "contribution.docx", data: await docx() },
      { name: "/etc/passwd", data: "root:x:0:0" },
    ]);
    expect(rejection(await check(zip, "annexes.zip")).code).toBe("unsafe_archive");
  });

  it("a ZIP with backslash traversal, a drive letter or a NUL in a name", async () => {
    for (const name of ["annex\\..\\..\\evil.docx", "C:\\Windows\\evil.docx", "annex.docx\0.exe"]) {
      const zip = await makeZip([{ name, data: "x" }]);
      expect(rejection(await check(zip, "annexes.zip")).code, name).toBe("unsafe_archive");
    }
  });

  it("a Word document with an unsafe part name", async () => {
    const bytes = await makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<w:document/>" },
      { name: "word/../../evil.xml", data: "x" },
    ]);
    expect(rejection(await check(bytes, "c.docx")).code).toBe("unsafe_archive");
  });

  it("a ZIP of annexes without a .docx", async () => {
    const zip = await makeZip([
      { name: "annex-a.pdf", data: makePdf() },
      { name: "__MACOSX/._contribution.docx", data: "resource fork" },
    ]);
    const r = rejection(await check(zip, "annexes.zip"));
    expect(r.code).toBe("unsupported_type");
    expect(describeFailure(r, "en")).toContain("must also contain the contribution itself as a .docx");
  });

  it("a ZIP with a password", async () => {
    const zip = await makeZip([{ name: "contribution.docx", data: "secret", encrypted: true }]);
    expect(rejection(await check(zip, "annexes.zip")).code).toBe("encrypted");
  });

  it("a password-protected Word document (which Word stores as OLE2)", async () => {
    expect(rejection(await check(makeEncryptedOffice(), "contribution.docx")).code).toBe("encrypted");
  });

  it("a damaged ZIP", async () => {
    const good = await docx();
    const r = rejection(await check(good.subarray(0, Math.floor(good.length / 2)), "contribution.docx"));
    expect(r.code).toBe("damaged");
    expect(describeFailure(r, "en")).toContain("damaged");
  });

  it("a Word document missing its content types", async () => {
    const zip = await makeZip([{ name: "word/document.xml", data: "<w:document/>" }]);
    expect(rejection(await check(zip, "c.docx")).code).toBe("damaged");
  });

  it("random bytes", async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const r = rejection(await check(random, "contribution.docx"));
    expect(r.code).toBe("unsupported_type");
    expect(describeFailure(r, "en")).toBe(`This type of file is not accepted. Upload ${translate("en", "api.file.acceptedTypes")}.`);
  });

  it("a text file", async () => {
    expect(rejection(await check("Proposed text for Q3/20\n", "notes.txt")).code).toBe("unsupported_type");
  });
});
