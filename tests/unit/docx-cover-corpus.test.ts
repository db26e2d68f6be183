// The cover-page corpus (tests/fixtures/cover, see its README): real Word documents as delegates make them, read field by field.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCoverPage } from "@/lib/files/docx-cover";
import type { CoverPage } from "@/lib/files/docx-cover-fields";

const FIXTURES = path.resolve(__dirname, "../fixtures/cover");

const CORPUS: Array<[string, CoverPage]> = [
  [
    "python-docx-itu-layout.docx",
    {
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      workingParty: null,
      source: "Ministry of Science and ICT, Korea (Republic of)",
      title: "Proposed requirements for IoT device onboarding",
      purpose: "Proposal",
      contacts: [
        { name: "Kim Min-jun", organization: "ETRI", country: "Korea (Republic of)", phone: "+82 42 860 1234", email: "mj.kim@etri.example" },
        { name: "Amal Haddad", organization: "Ministry of ICT", country: "Tunisia", phone: "+216 71 000 000", email: "amal@mtc.example" },
      ],
      keywords: ["IoT", "device onboarding", "security"],
      abstract: "This contribution proposes requirements for onboarding IoT devices.\nIt builds on Y.4100 and Y.4200.",
      meeting: "Virtual, 6-16 July 2020",
    },
  ],
  [
    "word-logo-table-then-cover.docx",
    {
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      workingParty: null,
      source: "Swiss Federal Office of Communications (OFCOM)",
      title: "Smart sustainable cities: key performance indicators",
      purpose: "Discussion",
      contacts: [{ name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" }],
      keywords: ["smart cities", "KPI", "sustainability"],
      abstract: "This contribution discusses key performance indicators for smart sustainable cities.\nIt proposes to align them with Y.4901.",
      meeting: "Geneva, 6-16 July 2020",
    },
  ],
  [
    "word-content-controls.docx",
    {
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      // Its control still shows "Click or tap here to enter text.": nothing was written there.
      workingParty: null,
      source: "Telefónica S.A., Spain",
      title: "Digital twins of cities: a framework",
      purpose: "Information",
      contacts: [
        { name: "Lucía Fernández", organization: "Telefónica", country: "Spain", phone: "+34 91 000 00 00", email: "lucia.fernandez@telefonica.example" },
        { name: "Jordi Puig", organization: "i2CAT Foundation", country: "Spain", phone: "+34 93 000 00 00", email: "jordi.puig@i2cat.example" },
      ],
      keywords: ["digital twin", "city platform"],
      abstract: "This contribution describes a framework for digital twins of cities.\nIt is for information.",
      meeting: "Geneva, 6-16 July 2020",
    },
  ],
  [
    "word-tracked-changes-fields.docx",
    {
      // "; Q6/20" was inserted, ", Q7/20" deleted.
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      workingParty: null,
      source: "China Telecom, China",
      title: "Revised requirements for IoT data exchange",
      purpose: "Proposal",
      // The row of "Old Contact" was deleted, Li Wei's inserted.
      contacts: [{ name: "Li Wei", organization: "China Telecom", country: "China", phone: "+86 10 0000 0000", email: "li.wei@chinatelecom.example" }],
      keywords: ["IoT", "data exchange", "interoperability"],
      // The first paragraph's mark was deleted, so its text runs on into the next; fields give their results.
      abstract: "This contribution proposes requirements for IoT data exchange, see clause 2.\nIt updates C 95.",
      meeting: "Geneva, 6-16 July 2020",
    },
  ],
  [
    "libreoffice-saved.docx",
    {
      questions: ["Q3/20", "Q6/20"],
      studyGroup: "20",
      workingParty: "2",
      source: "Russian Federation",
      title: "Требования к сетям цифровых двойников (digital twin networks) for smart cities",
      purpose: "Proposal",
      contacts: [
        {
          name: "Ivan Petrov",
          organization: "Moscow Technical University of Communications and Informatics",
          country: "Russian Federation",
          phone: "+7 495 000 00 00",
          email: "ivan.petrov@mtuci.example",
        },
      ],
      keywords: ["digital twin", "network", "smart city"],
      abstract: "This contribution proposes requirements for digital twin networks.\nIt is written in LibreOffice Writer.",
      meeting: "Online, 6-16 July 2020",
    },
  ],
];

describe("the cover-page corpus, field by field", () => {
  it.each(CORPUS)("%s", async (file, expected) => {
    const result = await readCoverPage(path.join(FIXTURES, file));
    if (!result.ok) throw new Error(`${file}: ${result.reason}`);
    for (const field of Object.keys(expected) as Array<keyof CoverPage>) {
      expect(result.cover[field], `${file}: ${field}`).toEqual(expected[field]);
    }
    expect(Object.keys(result.cover).sort()).toEqual(Object.keys(expected).sort());
    // Each cover is read and the rest of the document left unread.
    expect(result.read.truncated).toBe(false);
  });
});
