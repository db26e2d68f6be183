// Real documents for the search benchmark: Word files (.docx) with paragraphs of text, written synchronously (a small
// ZIP writer on zlib), deterministic for a given seed; and two long versions of one document for the comparison.
import zlib from "node:zlib";

const WORDS = (
  "the of and to in for on with by as is are be this that which from at or an it its shall should may can will not " +
  "architecture gateway device sensor network platform service quality interoperability management protocol security " +
  "privacy trust identification data model city cities smart sustainable urban mobility energy water building digital " +
  "twin edge cloud computing requirement requirements capability capabilities framework reference function functional " +
  "interface application applications use case cases operator provider user users information exchange semantic metadata " +
  "onboarding registration discovery lifecycle firmware update certificate key authentication authorization access " +
  "control policy monitoring performance indicator indicators assessment evaluation report draft recommendation text " +
  "clause annex figure table section proposal contribution meeting question study group working party editor liaison " +
  "lorawan zigbee nbiot lte bluetooth wifi mqtt coap http json xml api registry directory address naming resolution " +
  "time synchronisation location positioning map traffic parking lighting waste air pollution noise health emergency"
).split(" ");
const RUSSIAN = "интернет вещей умный город устойчивый развитие платформа данные сеть безопасность доверие идентификация архитектура требования".split(" ");

/** Paragraphs of about `words` words in all, from a fixed vocabulary; every tenth document has a Russian paragraph. */
export function benchParagraphs(rand, index, words = 600) {
  const paragraphs = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 40 + Math.floor(rand() * 60));
    const ws = Array.from({ length: n }, () => WORDS[Math.floor(Math.pow(rand(), 1.6) * WORDS.length)]);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    paragraphs.push(`${ws.join(" ")}.`);
    left -= n;
  }
  // A word only this document has (a rare-word search), and a Russian paragraph now and then.
  paragraphs.push(`Reference code bench${index} for document ${index}.`);
  if (index % 10 === 0) paragraphs.push(`${Array.from({ length: 30 }, () => RUSSIAN[Math.floor(rand() * RUSSIAN.length)]).join(" ")}.`);
  return paragraphs;
}

function escapeXml(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** A minimal but well-formed .docx of these paragraphs. */
export function makeDocxSync(paragraphs) {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join("");
  return zipSync([
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: "word/document.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`) },
  ]);
}

/** A ZIP of deflated entries (fixed times), written at once. */
function zipSync(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  const dosTime = 0x6000; // 12:00:00
  const dosDate = ((2020 - 1980) << 9) | (6 << 5) | 1; // 2020-06-01
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(dosTime, 12);
    dir.writeUInt16LE(dosDate, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/**
 * Two versions of a long document (`pages` pages of ~500 words, one paragraph per ~100 words), the second with an edit
 * in every twentieth paragraph and a paragraph added every fiftieth: a comparison of two long versions.
 */
export function longVersions(pages = 100) {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const original = [];
  for (let i = 0; i < pages * 5; i++) {
    const ws = Array.from({ length: 100 }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    original.push(`${i + 1}. ${ws.join(" ")}.`);
  }
  const revised = [];
  original.forEach((p, i) => {
    revised.push(i % 20 === 3 ? p.replace(/ (\w+) (\w+) /, " $1 revised wording $2 ") : p);
    if (i % 50 === 10) revised.push(`${i + 1}bis. A paragraph added in the revision about edge gateway onboarding.`);
  });
  return { original, revised };
}
