"use client";
// The submission form: the file, the cover data (pre-filled from a DOCX cover page), the upload with progress, and the late-request path.
import { useRef, useState } from "react";
import { chosenFileProblem, FieldError, UploadProgress } from "@/app/_components/upload-kit";
import { Field, fieldAria } from "@/app/_components/field";
import { FileField, UploadAlerts, useUpload } from "@/app/_components/upload-form";
import { useT } from "@/app/_components/i18n-provider";
import { PURPOSES } from "@/lib/domain";
import { normaliseQuestion } from "@/lib/domain/questions";
import { PURPOSE_KEY } from "@/lib/present/labels";
import { formatBytes } from "@/lib/present/bytes";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { contactProblems, ContactsFieldset, describeContactField, MAX_CONTACTS, type Contact, type ContactRow } from "./contacts-fieldset";

export type { Contact } from "./contacts-fieldset";
export type QuestionOption = { code: string; title: string; workingParty: string | null };
type Cover = {
  questions?: string[];
  title?: string | null;
  purpose?: string | null;
  abstract?: string | null;
  keywords?: string[];
  contacts?: Contact[];
};

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
  const contact = describeContactField(key, t);
  if (contact !== null) return contact;
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
  const upload = useUpload();
  const keySeq = useRef(1);
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

  const fields = upload.fields;
  const questionError = Object.entries(fields).find(([k]) => k.startsWith("questions"))?.[1];
  const limit = formatBytes(maxUploadBytes, locale, { exact: false });

  function touch(name: string) {
    touched.current.add(name);
  }

  /** A field typed in: the cover page no longer overwrites it. */
  function edit(name: string, set: (value: string) => void, value: string) {
    touch(name);
    set(value);
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

  function onFileChange(f: File | null) {
    coverSeq.current++;
    setCoverNote(null);
    upload.fileChosen();
    setFile(f);
    if (!f) return;
    if (!fileProblem(f) && /\.docx$/i.test(f.name)) void readCover(f);
  }

  function validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    const fp = fileProblem(file);
    if (fp) problems.file = fp;
    if (selected.length === 0) problems.questions = t("member.submit.error.noQuestion");
    if (!title.trim()) problems.title = t("member.submit.error.noTitle");
    if (!purpose) problems.purpose = t("member.submit.error.noPurpose");
    return { ...problems, ...contactProblems(contacts, t) };
  }

  async function send(asLateRequest: boolean) {
    const problems = validate();
    if (Object.keys(problems).length > 0) {
      upload.setError({ code: "invalid", message: t("member.upload.error.summary"), fields: problems });
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
      ...(asLateRequest ? { explanation: upload.explanation.trim() } : {}),
    };
    data.append("metadata", JSON.stringify(metadata));
    data.append("file", file!, file!.name);
    const base = `/api/v1/meetings/${encodeURIComponent(meetingCode)}`;
    await upload.send(asLateRequest ? `${base}/late-requests` : `${base}/contributions`, data);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!upload.busy) void send(false);
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
      <UploadAlerts upload={upload} describe={(key) => describeField(key, t)} lateLabel={t("member.submit.fileLate")} onFileLate={() => void send(true)} />

      <p style={{ margin: 0 }}>
        <span className="label-text">{t("member.submit.source")}</span> <span data-testid="source">{source}</span>{" "}
        <span className="muted">{t("member.submit.sourceNote")}</span>
      </p>

      <FileField label={t("member.submit.file")} hint={t("member.submit.fileHint", { limit })} file={file} error={fileError} onChange={onFileChange} name="file" chosenTestId="chosen-file">
        <div role="status" className="cover-status" data-testid="cover-note">
          {coverNote ? <p className={coverNote.kind === "found" ? "status-note" : "hint"}>{coverNote.text}</p> : null}
        </div>
      </FileField>

      <fieldset {...fieldAria("questions", questionError, true)}>
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

      <Field id="title" label={t("member.submit.title")} error={fields.title}>
        <input id="title" type="text" value={title} maxLength={500} onChange={(e) => edit("title", setTitle, e.target.value)} {...fieldAria("title", fields.title)} />
      </Field>

      <Field id="purpose" label={t("member.submit.purpose")} error={fields.purpose}>
        <select id="purpose" value={purpose} onChange={(e) => edit("purpose", setPurpose, e.target.value)} {...fieldAria("purpose", fields.purpose)}>
          <option value="">{t("member.submit.choose")}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(PURPOSE_KEY[p])}
            </option>
          ))}
        </select>
      </Field>

      <Field id="abstract" label={t("member.submit.abstract")} error={fields.abstract}>
        <textarea id="abstract" rows={5} value={abstract} maxLength={5000} onChange={(e) => edit("abstract", setAbstract, e.target.value)} {...fieldAria("abstract", fields.abstract)} />
      </Field>

      <Field id="keywords" label={t("member.submit.keywords")} hint={t("member.submit.keywordsHint")} error={fields.keywords}>
        <input id="keywords" type="text" value={keywords} maxLength={1000} onChange={(e) => edit("keywords", setKeywords, e.target.value)} {...fieldAria("keywords", fields.keywords, true)} />
      </Field>

      <ContactsFieldset contacts={contacts} fields={fields} onChange={updateContact} onAdd={addContact} onRemove={removeContact} />

      <div className="actions">
        <button type="submit" className="primary" disabled={upload.busy}>
          {t("member.submit.button")}
        </button>
        <UploadProgress percent={upload.progress} />
      </div>
    </form>
  );
}
