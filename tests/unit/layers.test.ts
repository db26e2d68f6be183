// STYLE rules 13 and 17: the tree shows the layers. No import cycle among our modules, and nothing below app/
// imports app/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

const files = ["app", "lib", "db"].flatMap((d) => sources(path.join(root, d)));
const rel = (f: string) => path.relative(root, f).split(path.sep).join("/");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Module → the modules it imports (static, re-exports and dynamic import()), type-only imports included. */
const graph = new Map<string, string[]>(
  files.map((f) => {
    const src = readFileSync(f, "utf8");
    const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    return [f, specs.map((s) => resolveImport(f, s)).filter((d): d is string => d !== null)];
  }),
);

describe("layers", () => {
  it("reads the whole tree", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("has no import cycle", () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[] = [];
    const strong = (v: string) => {
      idx.set(v, index);
      low.set(v, index);
      index += 1;
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.join(" <-> "));
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) strong(v);
    expect(cycles).toEqual([]);
  });

  it("the domain's enumerations import nothing, so db/schema/, the server and client components can all take them from one place", () => {
    const src = readFileSync(path.join(root, "lib/domain/enums.ts"), "utf8");
    expect(src).not.toMatch(/^\s*(?:import|export\s[^;]*?from)\b/m);
    const schemaImports = [...graph].filter(([f]) => rel(f).startsWith("db/schema/")).flatMap(([, deps]) => deps.map(rel));
    expect(schemaImports).toContain("lib/domain/enums.ts");
  });

  it("db/schema/ is read by drizzle-kit, which cannot resolve \"@/\" paths: its modules import one another and lib/domain/enums.ts relatively", () => {
    const schemaFiles = files.filter((f) => rel(f).startsWith("db/schema/"));
    expect(schemaFiles.map(rel)).toContain("db/schema/index.ts");
    const aliased = schemaFiles.filter((f) => /from\s*['"]@\//.test(readFileSync(f, "utf8"))).map(rel);
    expect(aliased).toEqual([]);
    // and nothing else: the schema's own modules, the enumerations, and packages
    const outside = schemaFiles.flatMap((f) => (graph.get(f) ?? []).map(rel)).filter((d) => !d.startsWith("db/schema/") && d !== "lib/domain/enums.ts");
    expect(outside).toEqual([]);
  });

  it("nothing in lib/ or db/ imports app/", () => {
    const upward = [...graph].flatMap(([f, deps]) =>
      /^(lib|db)\//.test(rel(f)) ? deps.filter((d) => rel(d).startsWith("app/")).map((d) => `${rel(f)} -> ${rel(d)}`) : [],
    );
    expect(upward).toEqual([]);
  });
});
