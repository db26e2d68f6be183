// Turns what a reader typed into an FTS5 MATCH expression made only of quoted words and phrases: never raw syntax.
//
// FTS5 gives meaning to " * ( ) : ^ + - and to AND, OR, NOT, NEAR. Passed raw, `C-123`, `NOT`, `title:x` or a lone
// quote would be an operator or a syntax error. Here every word becomes a string ("…", inner quotes doubled), which
// FTS5 reads as a phrase of the tokens inside it, so whatever was typed is searched as words. A passage in double
// quotes stays one phrase. The words are ANDed (FTS5's implicit operator between phrases).

/** At most this many words or phrases are searched; the rest are ignored. */
export const MAX_TERMS = 16;
/** The longest query read, in characters. */
export const MAX_QUERY_LENGTH = 200;

/** The same folding as the index (db/migrations: the view search_source): ё and е are one letter for a searcher. */
export function foldForSearch(text: string): string {
  return text.replace(/ё/g, "е").replace(/Ё/g, "Е");
}

/** Something FTS5's unicode61 tokenizer will see as a token: a letter or a digit. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;

export type FtsQuery = {
  /** the MATCH expression, or null when nothing searchable was typed ("*", "()", spaces) */
  match: string | null;
  /** the words and phrases searched, as typed (folded), for saying what was searched */
  terms: string[];
};

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export function buildFtsQuery(input: string): FtsQuery {
  const text = foldForSearch(input.normalize("NFC").slice(0, MAX_QUERY_LENGTH));
  const terms: string[] = [];
  // "a passage" in double quotes, or a run of anything but whitespace and quotes.
  for (const m of text.matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const term = (m[1] ?? m[0]).replace(/\s+/g, " ").trim();
    if (term && HAS_TOKEN.test(term) && !terms.includes(term)) terms.push(term);
    if (terms.length >= MAX_TERMS) break;
  }
  return { match: terms.length > 0 ? terms.map(quote).join(" ") : null, terms };
}

/** Characters that mark the matches in snippet(): control characters that extracted text never keeps (see clean()). */
export const MATCH_OPEN = "\u0002";
export const MATCH_CLOSE = "\u0003";

export type SnippetPart = { text: string; match: boolean };

/** A snippet as FTS5 cut it (matches between MATCH_OPEN and MATCH_CLOSE) as parts, for pages to mark without HTML. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  // eslint-disable-next-line no-control-regex -- the marks are control characters on purpose
  for (const piece of snippet.split(/([\u0002\u0003])/)) {
    if (piece === MATCH_OPEN) match = true;
    else if (piece === MATCH_CLOSE) match = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.match === match) last.text += piece;
      else parts.push({ text: piece, match });
    }
  }
  return parts;
}
