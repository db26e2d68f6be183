// The cover page's fields: their shape, the longest value kept of each, and how a labelled value read from the cover
// becomes one (a contact's lines, a purpose's words, "SG20" or "Study Group 20" as 20).
import type { Purpose } from "@/lib/domain";
import { parseQuestions } from "@/lib/domain/questions";
import { cutWhole } from "@/lib/files/docx-blocks";
import { MAX_ABSTRACT, MAX_CONTACT, MAX_CONTACTS, MAX_KEYWORDS, MAX_QUESTIONS, MAX_TITLE } from "@/lib/validation/contribution";

export type CoverContact = { name: string; organization: string; country: string; phone: string; email: string };
export type CoverPage = {
  questions: string[];
  studyGroup: string | null;
  workingParty: string | null;
  source: string | null;
  title: string | null;
  purpose: Purpose | null;
  contacts: CoverContact[];
  keywords: string[];
  abstract: string | null;
  meeting: string | null;
};

/** The longest value kept of each field; the submission's own limits where it has them. */
export const COVER_LIMITS = {
  title: MAX_TITLE,
  abstract: MAX_ABSTRACT,
  source: 500,
  meeting: 200,
  studyGroup: 40,
  workingParty: 40,
  questions: MAX_QUESTIONS,
  contacts: MAX_CONTACTS,
  contact: MAX_CONTACT,
  keywords: 30,
  keyword: 100,
  keywordsJoined: MAX_KEYWORDS,
} as const;

/** The labels a cover has, as fields. */
export type Field = "questions" | "studyGroup" | "workingParty" | "meeting" | "source" | "title" | "purpose" | "contact" | "keywords" | "abstract";

/** What the cover says, as read so far; values are kept within bounds as they come in. */
export type Found = {
  questions: string[];
  studyGroup: string | null;
  headerStudyGroup: string | null;
  workingParty: string | null;
  meeting: string | null;
  source: string | null;
  title: string | null;
  purpose: Purpose | null;
  contacts: CoverContact[];
  keywords: string[];
  abstract: string[];
  abstractLength: number;
  labels: Set<Field>;
};

export function nothingFound(): Found {
  return {
    questions: [],
    studyGroup: null,
    headerStudyGroup: null,
    workingParty: null,
    meeting: null,
    source: null,
    title: null,
    purpose: null,
    contacts: [],
    keywords: [],
    abstract: [],
    abstractLength: 0,
    labels: new Set(),
  };
}

/** Adds one labelled value; the first value of a single field wins. */
export function addTo(found: Found, field: Field, text: string): void {
  switch (field) {
    case "questions":
      if (found.questions.length < COVER_LIMITS.questions * 4) found.questions.push(cap(text, 1000));
      break;
    case "studyGroup":
      found.studyGroup ??= numberAfter(oneLine(text), /^(?:study\s*group|sg)\s*/i);
      break;
    case "workingParty":
      found.workingParty ??= numberAfter(oneLine(text), /^(?:working\s*party|wp)\s*/i);
      break;
    case "meeting":
      found.meeting ??= nonEmpty(oneLine(text));
      break;
    case "source":
      found.source ??= nonEmpty(lines(text).join(", "));
      break;
    case "title":
      found.title ??= nonEmpty(oneLine(text));
      break;
    case "purpose":
      found.purpose ??= parsePurpose(text);
      break;
    case "contact": {
      const contact = found.contacts.length < COVER_LIMITS.contacts ? parseContact(lines(text)) : null;
      if (contact) found.contacts.push(contact);
      break;
    }
    case "keywords":
      for (const k of text.split(/[;,\n]/).map(oneLine)) {
        if (k !== "" && !found.keywords.includes(k) && found.keywords.length < COVER_LIMITS.keywords) found.keywords.push(k);
      }
      break;
    case "abstract":
      if (text !== "" && found.abstractLength <= COVER_LIMITS.abstract) {
        found.abstract.push(text);
        found.abstractLength += text.length + 1;
      }
      break;
  }
}

export function finish(found: Found): CoverPage {
  let studyGroup = found.studyGroup ?? found.headerStudyGroup;
  const questions = parseQuestions(found.questions.join(", "), studyGroup).slice(0, COVER_LIMITS.questions);
  // "Q3/20" already names the study group; use it when the cover does not say so separately.
  if (studyGroup === null) {
    const groups = new Set(questions.map((q) => q.split("/")[1]));
    if (groups.size === 1) studyGroup = [...groups][0];
  }
  const limits = COVER_LIMITS;
  return {
    questions,
    studyGroup: capOrNull(studyGroup, limits.studyGroup),
    workingParty: capOrNull(found.workingParty, limits.workingParty),
    source: capOrNull(found.source, limits.source),
    title: capOrNull(found.title, limits.title),
    purpose: found.purpose,
    contacts: found.contacts.map((c) => ({
      name: cap(c.name, limits.contact.name),
      organization: cap(c.organization, limits.contact.organization),
      country: cap(c.country, limits.contact.country),
      phone: cap(c.phone, limits.contact.phone),
      email: cap(c.email, limits.contact.email),
    })),
    keywords: capKeywords(found.keywords),
    abstract: found.abstract.length > 0 ? cap(found.abstract.join("\n"), limits.abstract) : null,
    meeting: capOrNull(found.meeting, limits.meeting),
  };
}

/** Each keyword within its length, and all of them, joined with "; " as the form joins them, within the submission's limit. */
function capKeywords(keywords: string[]): string[] {
  const kept: string[] = [];
  let joined = 0;
  for (const keyword of keywords) {
    const k = cap(keyword, COVER_LIMITS.keyword);
    const length = joined === 0 ? k.length : joined + 2 + k.length;
    if (length > COVER_LIMITS.keywordsJoined) break;
    kept.push(k);
    joined = length;
  }
  return kept;
}

/** At most `max` UTF-16 units, never half a character, no trailing space. */
export function cap(text: string, max: number): string {
  return text.length <= max ? text : cutWhole(text, max).trimEnd();
}

function capOrNull(text: string | null, max: number): string | null {
  return text === null ? null : cap(text, max);
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function nonEmpty(text: string): string | null {
  return text === "" ? null : text;
}

function numberAfter(text: string, prefix: RegExp): string | null {
  const bare = text.replace(prefix, "");
  const m = /^(\d{1,3})(?:\/\d{1,3})?$/.exec(bare);
  return m ? String(Number(m[1])) : nonEmpty(text);
}

function parsePurpose(text: string): Purpose | null {
  const lower = text.toLowerCase();
  if (lower.trim() === "") return null;
  const candidates: Array<[RegExp, Purpose]> = [
    [/\bpropos/, "Proposal"],
    [/\binform/, "Information"],
    [/\bdiscuss/, "Discussion"],
    [/\bdecision/, "Decision"],
  ];
  let best: { at: number; purpose: Purpose } | null = null;
  for (const [pattern, purpose] of candidates) {
    const at = lower.search(pattern);
    if (at !== -1 && (!best || at < best.at)) best = { at, purpose };
  }
  return best?.purpose ?? "Other";
}

function parseContact(contactLines: string[]): CoverContact | null {
  let phone = "";
  let email = "";
  const identity: string[] = [];
  for (const line of contactLines) {
    const tel = /^(?:tel(?:ephone)?|phone|mobile|mob|cell)\b\.?\s*[:：]?\s*(.*)$/i.exec(line);
    const mail = /^e-?\s?mail\s*[:：]?\s*(.*)$/i.exec(line);
    if (tel) phone ||= tel[1].trim();
    else if (mail) email ||= mail[1].replace(/^mailto:/i, "").trim();
    else if (/^fax\b/i.test(line)) continue;
    else if (/^\S+@\S+\.\S+$/.test(line)) email ||= line.replace(/^mailto:/i, "");
    else identity.push(line);
  }
  const name = identity[0] ?? "";
  const country = identity.length >= 3 ? identity[identity.length - 1] : "";
  const organization = identity.length >= 3 ? identity.slice(1, -1).join(", ") : (identity[1] ?? "");
  if (!name && !organization && !country && !phone && !email) return null;
  return { name, organization, country, phone, email };
}
