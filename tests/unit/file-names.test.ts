// File names are cut by code points, never inside an emoji, and sent back in a Content-Disposition every client can read.
import { describe, expect, it } from "vitest";
import { contentDisposition, cutName } from "@/lib/domain/numbering";
import { cleanFileName, MAX_FILE_NAME } from "@/lib/http/upload-request";

/** The name a client reads from filename*=UTF-8''… (RFC 6266 / 5987). */
function extendedName(header: string): string {
  const m = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
  if (!m) throw new Error(`no RFC 5987 filename* in ${header}`);
  return decodeURIComponent(m[1]);
}

const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("contentDisposition", () => {
  it("answers for a name of 199 letters and an emoji, which used to be cut inside the emoji (URIError)", () => {
    const name = `${"a".repeat(199)}😀.pdf`;
    const header = contentDisposition(name);
    const read = extendedName(header);
    expect(wellFormed(read)).toBe(true);
    expect(Array.from(read)).toHaveLength(200);
    expect(read.endsWith(".pdf")).toBe(true);
    expect(header).toMatch(/^attachment; filename="a+\.pdf"; filename\*=/);
  });

  it("keeps a name of 199 letters and an emoji whole when it fits", () => {
    const name = `${"a".repeat(195)}😀.pdf`;
    expect(extendedName(contentDisposition(name))).toBe(name);
  });

  it("survives any cut of any emoji-laden name, and a lone surrogate from elsewhere", () => {
    for (let n = 190; n <= 205; n++) {
      const name = `${"é".repeat(n)}👩‍👩‍👧‍👦🇨🇭.docx`;
      expect(() => extendedName(contentDisposition(name)), String(n)).not.toThrow();
    }
    expect(extendedName(contentDisposition("half \uD83D.pdf"))).toBe("half \uFFFD.pdf");
  });

  it("escapes what RFC 5987 does not allow, and gives an ASCII fallback without quotes", () => {
    const header = contentDisposition(`l'été (draft)* "final".pdf`);
    expect(header).toContain(`filename="l'_t_ (draft)* _final_.pdf"`);
    expect(header).toContain("filename*=UTF-8''l%27%C3%A9t%C3%A9%20%28draft%29%2A%20%22final%22.pdf");
    expect(extendedName(header)).toBe(`l'été (draft)* "final".pdf`);
  });
});

describe("cleanFileName and cutName", () => {
  it("cut by code points and keep the extension", () => {
    const cleaned = cleanFileName(`${"😀".repeat(300)}.docx`);
    expect(wellFormed(cleaned)).toBe(true);
    expect(Array.from(cleaned)).toHaveLength(MAX_FILE_NAME);
    expect(cleaned.endsWith(".docx")).toBe(true);
    expect(cutName("short.pdf", 200)).toBe("short.pdf");
    expect(cutName("x".repeat(20), 5)).toBe("xxxxx");
  });
});
