// Comparing two texts word by word: nothing lost either way (a property over random texts), edits kept in their
// paragraph, long unchanged stretches folded without losing a character, and two 100-page versions well within bounds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseUnchanged, countWords, diffStats, diffTexts, type DiffPart } from "@/lib/text/diff";

const from = (parts: DiffPart[]) => parts.filter((p) => p.type !== "added").map((p) => p.text).join("");
const to = (parts: DiffPart[]) => parts.filter((p) => p.type !== "removed").map((p) => p.text).join("");

// Texts made of a few words and line breaks, so that random pairs share a lot (as versions do).
const word = fc.constantFrom("gateway", "IoT", "city", "smart", "Quality", "of", "Service", "интернет", "вещей", "café", "—", "3.2", ",", ".");
const line = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(" "));
const text = fc.array(line, { maxLength: 12 }).map((ls) => ls.join("\n"));

describe("diffTexts", () => {
  it("gives back both texts exactly, whatever they are", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffTexts(a, b);
        expect(from(parts)).toBe(a);
        expect(to(parts)).toBe(b);
        expect(parts.every((p) => p.text.length > 0)).toBe(true);
        for (let i = 1; i < parts.length; i++) expect(parts[i].type === parts[i - 1].type).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("marks words, not whole paragraphs, and keeps the rest unchanged", () => {
    const parts = diffTexts("The gateway architecture for smart cities.\nConclusion.", "The gateway architecture for smart sustainable cities.\nConclusion.");
    expect(parts).toEqual([
      { type: "unchanged", text: "The gateway architecture for smart " },
      { type: "added", text: "sustainable " },
      { type: "unchanged", text: "cities.\nConclusion." },
    ]);
    expect(diffStats(parts)).toEqual({ addedWords: 1, removedWords: 0, unchangedWords: 7 });
  });

  it("two equal texts are one unchanged part; an empty one is all added or all removed", () => {
    expect(diffTexts("same words", "same words")).toEqual([{ type: "unchanged", text: "same words" }]);
    expect(diffTexts("", "new")).toEqual([{ type: "added", text: "new" }]);
    expect(diffTexts("old", "")).toEqual([{ type: "removed", text: "old" }]);
    expect(diffTexts("", "")).toEqual([]);
  });

  it("compares two 100-page versions (about 430,000 characters) well within a second of CPU", () => {
    const para = (i: number) => `Paragraph ${i}: the architecture of IoT gateways and the management of smart city platforms requires interoperable data models for sensor ${i}.`;
    const a = Array.from({ length: 3000 }, (_, i) => para(i)).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => (i % 50 === 7 ? para(i).replace("gateways", "edge gateways") : i % 97 === 3 ? "" : para(i))).join("\n");
    const cpu = process.cpuUsage();
    const parts = diffTexts(a, b);
    // A generous bound that catches a runaway (Myers over 60,000 words at once), not a benchmark.
    expect(process.cpuUsage(cpu).user).toBeLessThan(5_000_000);
    expect(from(parts)).toBe(a);
    expect(to(parts)).toBe(b);
    expect(diffStats(parts).addedWords).toBe(60);
  });
});

describe("collapseUnchanged", () => {
  it("folds the middle of a long unchanged stretch, keeping a few words around each change, and loses nothing", () => {
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");
    const parts = diffTexts(`${long} old ${long}`, `${long} new ${long}`);
    const segments = collapseUnchanged(parts, 5);
    expect(segments.map((s) => s.text).join("")).toBe(parts.map((p) => p.text).join(""));
    const folded = segments.filter((s) => s.type === "collapsed");
    expect(folded).toHaveLength(2);
    expect(folded.map((s) => (s.type === "collapsed" ? s.words : 0))).toEqual([295, 295]);
    expect(segments.find((s) => s.type === "removed")?.text).toBe("old");
  });

  it("leaves short stretches alone", () => {
    const parts = diffTexts("a b c d e", "a b X d e");
    expect(collapseUnchanged(parts)).toEqual(parts);
  });

  it("counts words in English and Russian alike", () => {
    expect(countWords("Интернет вещей — IoT, 3.2 d'un café")).toBe(6);
  });
});
