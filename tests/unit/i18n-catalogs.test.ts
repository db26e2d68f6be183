// Both catalogs hold every key with the same placeholders, and no page or component writes user-facing text directly.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { ru } from "@/lib/i18n/messages/ru";
import { negotiateLocale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/translate";

const root = path.resolve(__dirname, "../..");

function placeholders(text: string): string[] {
  const withoutForms = text.replace(/\b(zero|one|two|few|many|other) \{[^{}]*\}/g, "");
  return [...withoutForms.matchAll(/\{(\w+)(?=\}|, plural,)/g)].map((m) => m[1]).sort();
}

describe("catalogs", () => {
  it("English and Russian have exactly the same keys, none empty", () => {
    const enKeys = Object.keys(en).sort();
    const ruKeys = Object.keys(ru).sort();
    expect(enKeys.length).toBeGreaterThan(500);
    expect(ruKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in ru))).toEqual([]);
    const empty = [...Object.entries(en), ...Object.entries(ru)].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("every Russian message has the placeholders of its English twin", () => {
    // A Russian message may take a Russian-formatted twin of a value ("deadline_ru"), and a count for its plural forms.
    const mismatched = Object.keys(en).filter((k) => {
      const want = new Set(placeholders(en[k as keyof typeof en]));
      const got = new Set(placeholders(ru[k as keyof typeof ru]).map((p) => p.replace(/_ru$/, "")));
      return [...want].some((p) => !got.has(p)) || [...got].some((p) => !want.has(p) && p !== "count");
    });
    expect(mismatched).toEqual([]);
  });

  it("Russian plurals pick one, few and many", () => {
    const key = Object.keys(ru).find((k) => /one \{.*few \{.*many \{/.test(ru[k as keyof typeof ru])) as keyof typeof ru | undefined;
    expect(key).toBeDefined();
    const [one, few, many] = [1, 3, 5].map((n) => translate("ru", key!, { count: n, n, min: n, minutes: n }));
    expect(new Set([one, few, many]).size).toBe(3);
  });

  it("the browser's language is the first guess", () => {
    expect(negotiateLocale("ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
    expect(negotiateLocale("de-CH,fr;q=0.9")).toBe("en");
    expect(negotiateLocale("fr-CH, en;q=0.5, ru;q=0.7")).toBe("ru");
  });
});

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "api" ? [] : tsxFiles(full);
    return name.endsWith(".tsx") ? [full] : [];
  });
}

describe("no hard-coded user-facing text", () => {
  it("no JSX text or user-facing attribute in app/ is a literal", () => {
    const offenders: string[] = [];
    const userFacing = new Set(["aria-label", "placeholder", "title", "alt", "label", "aria-description"]);
    // Technical literals that read the same in every language: a hash name, an HTTP header, code examples.
    const sameInEveryLanguage = new Set(["SHA-256", "Authorization: Bearer &lt;token&gt;", "SG20-2020-07", "SG20-2021-01"]);
    for (const file of tsxFiles(path.join(root, "app"))) {
      const rel = path.relative(root, file);
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /[A-Za-zА-Яа-яЁё]{2,}/.test(node.getText()) && !sameInEveryLanguage.has(node.getText().trim())) offenders.push(`${rel}: "${node.getText().trim().slice(0, 60)}"`);
        if (ts.isJsxAttribute(node) && userFacing.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /[A-Za-zА-Яа-я]{2,}/.test(node.initializer.text) && !sameInEveryLanguage.has(node.initializer.text)) {
          offenders.push(`${rel}: ${node.name.getText()}="${node.initializer.text.slice(0, 60)}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
