// The hostile documents of the benchmark's attack phase, made by the fixture maker that tests/system/hostile-cover.test.ts
// uses (ITU's cover-page template), so that the bench sends what the test proves bounded:
//   tsx scripts/bench/hostile-docx.ts <dir>
// writes <dir>/text-19mb.docx (about 20 KB: 19 MB of one letter in the title, the file of issue 10, which the ZIP bomb
// rule refuses) and <dir>/text-9mb.docx (the largest compressible title the bomb rule lets through, which is read).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { makeTemplateDocx } from "../../lib/files/docx-writer";

const MIB = 1024 * 1024;

async function main(dir: string): Promise<void> {
  writeFileSync(path.join(dir, "text-19mb.docx"), await makeTemplateDocx({ questions: "Q3/20", title: "x".repeat(19 * MIB) }));
  writeFileSync(path.join(dir, "text-9mb.docx"), await makeTemplateDocx({ questions: "Q3/20", title: "y".repeat(9 * MIB), abstract: "Never reached" }));
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: tsx scripts/bench/hostile-docx.ts <dir>");
  process.exit(1);
}
main(dir).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
