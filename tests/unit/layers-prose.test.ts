// Values down, words at the edge: the layers below lib/present never import the translator, nor render a parameter per language.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const LOWER_LAYERS = ["lib/data", "lib/auth", "lib/validation", "lib/files", "lib/time", "lib/domain"];
// The translator (@/lib/i18n/translate, @/lib/i18n/server, or the same files by a relative path) and the per-language parameters.
const FORBIDDEN = /from\s+["'](?:@\/lib\/i18n\/(?:translate|server)|(?:\.\.?\/)+(?:i18n\/)?(?:translate|server))["']|\blocalizedParam\b/;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
  });
}

describe("the lower layers return values, not prose", () => {
  const files = LOWER_LAYERS.flatMap(sources);

  it("reads the files of every lower layer", () => {
    expect(files.length).toBeGreaterThan(30);
    for (const layer of LOWER_LAYERS) expect(files.some((f) => f.startsWith(layer)), layer).toBe(true);
  });

  it.each(LOWER_LAYERS)("no module under %s imports the translator or renders per-language parameters", (layer) => {
    const offenders = files
      .filter((f) => f.startsWith(layer))
      .filter((f) => FORBIDDEN.test(readFileSync(join(ROOT, f), "utf8")))
      .map((f) => relative(ROOT, join(ROOT, f)));
    expect(offenders).toEqual([]);
  });

  it.each(LOWER_LAYERS)("no module under %s writes an instant for people (the API's *Geneva fields are made in lib/present/api-json.ts)", (layer) => {
    const offenders = files
      .filter((f) => f.startsWith(layer))
      .filter((f) => /from\s+["']@\/lib\/present\/time["']|\bformatGeneva\(/.test(readFileSync(join(ROOT, f), "utf8")))
      .map((f) => relative(ROOT, join(ROOT, f)));
    expect(offenders).toEqual([]);
  });

  it("would notice an import of the translator", () => {
    expect(FORBIDDEN.test('import { translate } from "@/lib/i18n/translate";')).toBe(true);
    expect(FORBIDDEN.test('import { getT } from "@/lib/i18n/server";')).toBe(true);
    expect(FORBIDDEN.test('import type { MessageKey } from "@/lib/i18n/keys";')).toBe(false);
  });
});
