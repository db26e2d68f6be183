// How Questions are written ("Q3/20", "3/20", "3, 6/20") and the one code the tracker uses for them; no dependencies, so forms import it too.

const CODE = /^\s*q?\.?\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/i;

/** "Q3/20", "3/20", "q 3/20", "Q03/20" → "Q3/20"; anything else comes back trimmed, to be refused by whoever checks it. */
export function normaliseQuestion(value: string): string {
  const m = CODE.exec(value);
  return m ? `Q${Number(m[1])}/${Number(m[2])}` : value.trim();
}

/**
 * Every Question named in free text, as delegates write them on a cover page: "3/20, 6/20", "Q3/20 and Q6/20",
 * "3, 6/20", "Q3/20; Q6/20", "Questions 3 and 6/20" → ["Q3/20", "Q6/20"]. A number without its study group borrows
 * the next one written (else the last one), else `studyGroup`; other numbers ("WP1/20", dates) are not Questions.
 */
export function parseQuestions(text: string, studyGroup: string | null = null): string[] {
  const cleaned = text
    .replace(/\s*\/\s*/g, "/")
    .replace(/\/SG\s*(?=\d)/gi, "/")
    .replace(/\bQ(?:uestions?)?\s*\.?\s*(?=\d)/gi, "Q");
  const result: string[] = [];
  let waiting: number[] = [];
  let lastGroup: number | null = null;
  for (const raw of cleaned.split(/[\s,;&+]+/)) {
    const token = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const m = /^Q?(\d{1,2})(?:\/(\d{1,2}))?$/i.exec(token);
    if (!m) continue;
    const question = Number(m[1]);
    if (m[2] === undefined) {
      waiting.push(question);
      continue;
    }
    lastGroup = Number(m[2]);
    for (const q of [...waiting, question]) result.push(`Q${q}/${lastGroup}`);
    waiting = [];
  }
  const group = studyGroup === null ? null : /^\s*(?:SG\s*)?(\d{1,2})\s*$/i.exec(studyGroup);
  const fallback = lastGroup ?? (group ? Number(group[1]) : null);
  if (fallback !== null) for (const q of waiting) result.push(`Q${q}/${fallback}`);
  return [...new Set(result)];
}
