"use client";
// The submission form: the file, the cover data (pre-filled from a DOCX cover page), the upload with progress, and the late-request path.
import { useRef, useState } from "react";
import {
  describedBy,
  ErrorSummary,
  FieldError,
  chosenFileProblem,
  LateOffer,
  lateOfferAfter,
  receiptPageOf,
  newIdempotencyKey,
  sendUpload,
  toApiError,
  UploadProgress,
  type ApiError,
  type LateState,
} from "@/app/_components/upload-kit";
import { useT } from "@/app/_components/i18n-provider";
import { normaliseQuestion } from "@/lib/domain/questions";
import { formatBytes, formatLimit, PURPOSE_KEY } from "@/lib/present/format";
import type { MessageKey, Translator } from "@/lib/i18n/translate";

export type Contact = { name: string; organization: string; country: string; phone: string; email: string };
export type QuestionOption = { code: string; title: string; workingParty: string | null };
type ContactRow = Contact & { key: number };
type Cover = {
  questions?: string[];
  title?: string | null;
  purpose?: string | null;
  abstract?: string | null;
  keywords?: string[];
  contacts?: Contact[];
};

const PURPOSES = ["Proposal", "Information", "Discussion", "Decision", "Other"] as const;
const ACCEPT = ".docx,.doc,.pdf,.zip";
const MAX_CONTACTS = 10;
// `named` is how a contact's field is named on its own ("Contact 2 e-mail"): the input's accessible name and the error summary's link.
const CONTACT_FIELDS = [
  { key: "name", named: "member.submit.contact.named.name", label: "member.submit.contact.name", type: "text", autoComplete: "name", required: true },
  {
    key: "organization",
    named: "member.submit.contact.named.organization",
    label: "member.submit.contact.organization",
    type: "text",
    autoComplete: "organization",
    required: true,
  },
  { key: "country", named: "member.submit.contact.named.country", label: "member.submit.contact.country", type: "text", autoComplete: "country-name", required: true },
  { key: "phone", named: "member.submit.contact.named.phone", label: "member.submit.contact.phone", type: "tel", autoComplete: "tel", required: false },
  { key: "email", named: "member.submit.contact.named.email", label: "member.submit.contact.email", type: "email", autoComplete: "email", required: true },
] as const satisfies ReadonlyArray<{ key: keyof Contact; named: MessageKey; label: MessageKey; type: string; autoComplete: string; required: boolean }>;

const FIELD_NAMES: Record<string, MessageKey> = {
  file: "member.submit.file",
  title: "member.submit.title",
  purpose: "member.submit.purpose",
  abstract: "member.submit.abstract",
  keywords: "member.submit.keywords",
  contacts: "member.submit.contacts",
  explanation: "member.late.explanationName",
};

/** How the error summary names a field of the API or of the form. */
function describeField(key: string, t: Translator): string {
  const contact = /^contacts\.(\d+)\.(\w+)$/.exec(key);
  if (contact) {
    const field = CONTACT_FIELDS.find((f) => f.key === contact[2]);
    const n = Number(contact[1]) + 1;
    return field ? t(field.named, { n }) : t("member.submit.contact.named.other", { n, field: contact[2] });
  }
  if (key.startsWith("questions")) return t("member.submit.questions");
  const name = FIELD_NAMES[key];
  return name ? t(name) : key;
}

type Props = {
  meetingCode: string;
  questions: QuestionOption[];
  source: string;
  defaultContact: Contact;
  maxUploadBytes: number;
};

export function SubmitForm({ meetingCode, questions, source, defaultContact, maxUploadBytes }: Props) {
  const { t, locale } = useT();
  const keySeq = useRef(1);
  // One key per chosen file: a retry of the same upload after a lost answer gets the first receipt back.
  const uploadKey = useRef<string | null>(null);
  const touched = useRef(new Set<string>());
  const coverSeq = useRef(0);

  const [file, setFile] = useState<File | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [purpose, setPurpose] = useState("");
  const [abstract, setAbstract] = useState("");
  const [keywords, setKeywords] = useState("");
  const [contacts, setContacts] = useState<ContactRow[]>([{ ...defaultContact, key: 0 }]);
  const [coverNote, setCoverNote] = useState<{ kind: "reading" | "found" | "not_found"; text: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [late, setLate] = useState<LateState>(null);
  const [explanation, setExplanation] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const fields = error?.fields ?? {};
  const questionError = Object.entries(fields).find(([k]) => k.startsWith("questions"))?.[1];
  const limit = formatLimit(maxUploadBytes, locale);

  function touch(name: string) {
    touched.current.add(name);
  }

  const fileProblem = (f: File | null) => chosenFileProblem(f, maxUploadBytes, t("member.submit.error.noFile"), t, locale);

  function applyCover(cover: Cover) {
    const known = new Set(questions.map((q) => q.code));
    const qs = (cover.questions ?? []).map(normaliseQuestion).filter((c) => known.has(c));
    const take = (name: string, current: string) => !touched.current.has(name) || current.trim() === "";
    if (qs.length > 0) setSelected((s) => (!touched.current.has("questions") || s.length === 0 ? questions.map((q) => q.code).filter((c) => qs.includes(c)) : s));
    if (cover.title) setTitle((prev) => (take("title", prev) ? cover.title! : prev));
    if (cover.purpose && (PURPOSES as readonly string[]).includes(cover.purpose)) setPurpose((p) => (take("purpose", p) ? cover.purpose! : p));
    if (cover.abstract) setAbstract((a) => (take("abstract", a) ? cover.abstract! : a));
    if (cover.keywords && cover.keywords.length > 0) setKeywords((k) => (take("keywords", k) ? cover.keywords!.join("; ") : k));
    const found = (cover.contacts ?? []).slice(0, MAX_CONTACTS);
    if (found.length === 0) return;
    if (!touched.current.has("contacts")) {
      setContacts(
        found.map((c) => {
          // The delegate's own entry keeps what the account knows where the cover page left a blank.
          const self = c.name.trim().toLowerCase() === defaultContact.name.trim().toLowerCase() ? defaultContact : null;
          const pick = (k: keyof Contact) => (c[k] ?? "").trim() || (self ? self[k] : "");
          return { name: pick("name"), organization: pick("organization"), country: pick("country"), phone: pick("phone"), email: pick("email"), key: keySeq.current++ };
        }),
      );
    } else {
      // Edited contacts keep what was typed; only their empty fields are filled.
      setContacts((cs) =>
        cs.map((row, i) => {
          const c = found[i];
          if (!c) return row;
          const fill = (k: keyof Contact) => (row[k].trim() === "" ? (c[k] ?? "").trim() : row[k]);
          return { ...row, name: fill("name"), organization: fill("organization"), country: fill("country"), phone: fill("phone"), email: fill("email") };
        }),
      );
    }
  }

  async function readCover(f: File) {
    const seq = ++coverSeq.current;
    setCoverNote({ kind: "reading", text: t("member.submit.cover.reading") });
    const notRead = t("member.submit.cover.notRead");
    try {
      const data = new FormData();
      data.append("file", f, f.name);
      const res = await fetch("/api/v1/cover-page", { method: "POST", body: data, headers: { Accept: "application/json" } });
      const body = (await res.json()) as { found?: boolean; cover?: Cover; note?: string; message?: string };
      if (seq !== coverSeq.current) return;
      if (res.ok && body.found && body.cover) {
        applyCover(body.cover);
        setCoverNote({ kind: "found", text: t("member.submit.cover.found") });
      } else {
        // A file that a submission would refuse is refused here already, in the same words.
        setCoverNote({ kind: "not_found", text: (res.ok ? body.note : body.message) || notRead });
      }
    } catch {
      if (seq === coverSeq.current) setCoverNote({ kind: "not_found", text: notRead });
    }
  }

  function onFileChange(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0] ?? null;
    coverSeq.current++;
    setCoverNote(null);
    // A new file may well be on time, or fine where the last one was refused.
    setLate(null);
    setError((prev) => (prev?.fields?.file ? { ...prev, fields: Object.fromEntries(Object.entries(prev.fields).filter(([k]) => k !== "file")) } : prev));
    if (!f) {
      setFile(null);
      return;
    }
    setFile(f);
    uploadKey.current = null;
    if (!fileProblem(f) && /\.docx$/i.test(f.name)) void readCover(f);
  }

  function validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    const fp = fileProblem(file);
    if (fp) problems.file = fp;
    if (selected.length === 0) problems.questions = t("member.submit.error.noQuestion");
    if (!title.trim()) problems.title = t("member.submit.error.noTitle");
    if (!purpose) problems.purpose = t("member.submit.error.noPurpose");
    contacts.forEach((c, i) => {
      if (!c.name.trim()) problems[`contacts.${i}.name`] = t("member.submit.error.contactName");
      if (!c.organization.trim()) problems[`contacts.${i}.organization`] = t("member.submit.error.contactOrganization");
      if (!c.country.trim()) problems[`contacts.${i}.country`] = t("member.submit.error.contactCountry");
      if (!c.email.trim()) problems[`contacts.${i}.email`] = t("member.submit.error.contactEmail");
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email.trim())) problems[`contacts.${i}.email`] = t("member.submit.error.contactEmailInvalid");
    });
    return problems;
  }

  async function send(asLateRequest: boolean) {
    const problems = validate();
    if (Object.keys(problems).length > 0) {
      setError({ code: "invalid", message: t("member.upload.error.summary"), fields: problems });
      return;
    }
    const data = new FormData();
    const metadata = {
      title: title.trim(),
      questions: questions.map((q) => q.code).filter((c) => selected.includes(c)),
      purpose,
      abstract: abstract.trim(),
      keywords: keywords.trim(),
      contacts: contacts.map(({ name, organization, country, phone, email }) => ({
        name: name.trim(),
        organization: organization.trim(),
        country: country.trim(),
        phone: phone.trim(),
        email: email.trim(),
      })),
      ...(asLateRequest ? { explanation: explanation.trim() } : {}),
    };
    data.append("metadata", JSON.stringify(metadata));
    data.append("file", file!, file!.name);
    const base = `/api/v1/meetings/${encodeURIComponent(meetingCode)}`;
    setBusy(true);
    setProgress(0);
    uploadKey.current ??= newIdempotencyKey();
    const answer = await sendUpload(asLateRequest ? `${base}/late-requests` : `${base}/contributions`, data, setProgress, uploadKey.current);
    const receiptPage = receiptPageOf(answer);
    if (receiptPage) {
      window.location.assign(receiptPage);
      return;
    }
    setBusy(false);
    setProgress(null);
    const failure = toApiError(answer, t);
    setLate((current) => lateOfferAfter(failure, current));
    setError(failure);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!busy) void send(false);
  }

  function updateContact(index: number, key: keyof Contact, value: string) {
    touch("contacts");
    setContacts((cs) => cs.map((c, i) => (i === index ? { ...c, [key]: value } : c)));
  }

  function addContact() {
    touch("contacts");
    const index = contacts.length;
    setContacts((cs) => [...cs, { name: "", organization: defaultContact.organization, country: defaultContact.country, phone: "", email: "", key: keySeq.current++ }]);
    // Keyboard users land in the new contact's first field.
    requestAnimationFrame(() => document.getElementById(`contact-${index}-name`)?.focus());
  }

  function removeContact(index: number) {
    touch("contacts");
    setContacts((cs) => cs.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById("add-contact")?.focus());
  }

  // A file refused here is shown at once; the server's word on it comes after a send.
  const fileError = fields.file ?? (file ? (fileProblem(file) ?? undefined) : undefined);

  return (
    <form className="stack submit-form" onSubmit={onSubmit} noValidate aria-label={t("member.submit.heading")} data-testid="submit-form">
      <ErrorSummary error={error} describe={(key) => describeField(key, t)} />
      {late ? (
        <LateOffer
          deadlineIso={late.deadline}
          explanation={explanation}
          onExplanation={setExplanation}
          onFile={() => void send(true)}
          busy={busy}
          buttonLabel={t("member.submit.fileLate")}
        />
      ) : null}

      <p style={{ margin: 0 }}>
        <span className="label-text">{t("member.submit.source")}</span> <span data-testid="source">{source}</span>{" "}
        <span className="muted">{t("member.submit.sourceNote")}</span>
      </p>

      <div className="field">
        <label htmlFor="file">{t("member.submit.file")}</label>
        <p id="file-hint" className="hint">
          {t("member.submit.fileHint", { limit })}
        </p>
        <input
          id="file"
          name="file"
          type="file"
          accept={ACCEPT}
          onChange={onFileChange}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy("file", fileError, true)}
        />
        {file ? (
          <p className="hint" data-testid="chosen-file">
            {t("member.upload.chosen", { name: file.name, size: formatBytes(file.size, locale) })}
          </p>
        ) : null}
        <FieldError id="file" message={fileError} />
        <div role="status" className="cover-status" data-testid="cover-note">
          {coverNote ? <p className={coverNote.kind === "found" ? "status-note" : "hint"}>{coverNote.text}</p> : null}
        </div>
      </div>

      <fieldset aria-describedby={describedBy("questions", questionError, true)} aria-invalid={questionError ? true : undefined}>
        <legend>{t("member.submit.questions")}</legend>
        <p id="questions-hint" className="hint">
          {t("member.submit.questionsHint")}
        </p>
        {questions.length === 0 ? <p>{t("member.submit.noQuestions")}</p> : null}
        <ul className="checks">
          {questions.map((q, i) => {
            const id = i === 0 ? "questions" : `question-${i}`;
            return (
              <li key={q.code}>
                <input
                  id={id}
                  type="checkbox"
                  name="questions"
                  value={q.code}
                  checked={selected.includes(q.code)}
                  onChange={(e) => {
                    touch("questions");
                    const on = e.target.checked;
                    setSelected((s) => (on ? [...s, q.code] : s.filter((c) => c !== q.code)));
                  }}
                />
                <label htmlFor={id}>
                  {q.code} — {q.title}
                  {q.workingParty ? <span className="muted"> ({q.workingParty})</span> : null}
                </label>
              </li>
            );
          })}
        </ul>
        <FieldError id="questions" message={questionError} />
      </fieldset>

      <div className="field">
        <label htmlFor="title">{t("member.submit.title")}</label>
        <input
          id="title"
          type="text"
          value={title}
          maxLength={500}
          onChange={(e) => {
            touch("title");
            setTitle(e.target.value);
          }}
          aria-invalid={fields.title ? true : undefined}
          aria-describedby={describedBy("title", fields.title)}
        />
        <FieldError id="title" message={fields.title} />
      </div>

      <div className="field">
        <label htmlFor="purpose">{t("member.submit.purpose")}</label>
        <select
          id="purpose"
          value={purpose}
          onChange={(e) => {
            touch("purpose");
            setPurpose(e.target.value);
          }}
          aria-invalid={fields.purpose ? true : undefined}
          aria-describedby={describedBy("purpose", fields.purpose)}
        >
          <option value="">{t("member.submit.choose")}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(PURPOSE_KEY[p])}
            </option>
          ))}
        </select>
        <FieldError id="purpose" message={fields.purpose} />
      </div>

      <div className="field">
        <label htmlFor="abstract">{t("member.submit.abstract")}</label>
        <textarea
          id="abstract"
          rows={5}
          value={abstract}
          maxLength={5000}
          onChange={(e) => {
            touch("abstract");
            setAbstract(e.target.value);
          }}
          aria-invalid={fields.abstract ? true : undefined}
          aria-describedby={describedBy("abstract", fields.abstract)}
        />
        <FieldError id="abstract" message={fields.abstract} />
      </div>

      <div className="field">
        <label htmlFor="keywords">{t("member.submit.keywords")}</label>
        <p id="keywords-hint" className="hint">
          {t("member.submit.keywordsHint")}
        </p>
        <input
          id="keywords"
          type="text"
          value={keywords}
          maxLength={1000}
          onChange={(e) => {
            touch("keywords");
            setKeywords(e.target.value);
          }}
          aria-invalid={fields.keywords ? true : undefined}
          aria-describedby={describedBy("keywords", fields.keywords, true)}
        />
        <FieldError id="keywords" message={fields.keywords} />
      </div>

      <fieldset id="contacts" aria-describedby={describedBy("contacts", fields.contacts)}>
        <legend>{t("member.submit.contactsLegend")}</legend>
        <FieldError id="contacts" message={fields.contacts} />
        {contacts.map((c, i) => (
          <fieldset key={c.key} className="contact">
            <legend>{t("member.submit.contact.legend", { n: i + 1 })}</legend>
            <div className="contact-grid">
              {CONTACT_FIELDS.map((f) => {
                const id = `contact-${i}-${f.key}`;
                const err = fields[`contacts.${i}.${f.key}`];
                return (
                  <div key={f.key} className="field">
                    <label htmlFor={id}>
                      {t(f.label)}
                      {f.required ? null : <span className="muted"> {t("member.form.optional")}</span>}
                    </label>
                    <input
                      id={id}
                      type={f.type}
                      value={c[f.key]}
                      aria-label={t(f.named, { n: i + 1 })}
                      autoComplete={i === 0 ? f.autoComplete : "off"}
                      onChange={(e) => updateContact(i, f.key, e.target.value)}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={describedBy(id, err)}
                    />
                    <FieldError id={id} message={err} />
                  </div>
                );
              })}
            </div>
            {i > 0 ? (
              <p style={{ margin: ".5rem 0 0" }}>
                <button type="button" className="secondary" onClick={() => removeContact(i)}>
                  {t("member.submit.contact.remove", { n: i + 1 })}
                </button>
              </p>
            ) : null}
          </fieldset>
        ))}
        {contacts.length < MAX_CONTACTS ? (
          <p style={{ margin: ".5rem 0 0" }}>
            <button id="add-contact" type="button" className="secondary" onClick={addContact}>
              {t("member.submit.contact.add")}
            </button>
          </p>
        ) : null}
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("member.submit.button")}
        </button>
        <UploadProgress percent={progress} />
      </div>
    </form>
  );
}
