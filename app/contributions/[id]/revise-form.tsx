"use client";
// Uploading a new version (Rev., Add., Corr.) with progress; after the cutoff, the same upload as a late revision request.
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
import { formatBytes } from "@/lib/present/bytes";
import type { MessageKey } from "@/lib/i18n/translate";

const KINDS = [
  { value: "revision", label: "member.revise.kind.revision" },
  { value: "addendum", label: "member.revise.kind.addendum" },
  { value: "corrigendum", label: "member.revise.kind.corrigendum" },
] as const satisfies ReadonlyArray<{ value: string; label: MessageKey }>;

/** How the error summary names a field of the API or of the form. */
const FIELD_NAMES: Record<string, MessageKey> = {
  file: "member.revise.file",
  kind: "member.revise.kind",
  title: "member.revise.titleName",
  note: "member.revise.noteName",
  explanation: "member.late.explanationName",
};

export function ReviseForm({ contributionId, maxUploadBytes }: { contributionId: number; maxUploadBytes: number }) {
  const { t, locale } = useT();
  const [file, setFile] = useState<File | null>(null);
  // One key per chosen file: a retry of the same upload after a lost answer gets the first receipt back.
  const uploadKey = useRef<string | null>(null);
  const [kind, setKind] = useState<string>("revision");
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [late, setLate] = useState<LateState>(null);
  const [explanation, setExplanation] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const limit = formatBytes(maxUploadBytes, locale, { exact: false });

  const fileProblem = (f: File | null) => chosenFileProblem(f, maxUploadBytes, t("member.revise.error.noFile"), t, locale);

  function describe(key: string): string {
    const name = FIELD_NAMES[key];
    return name ? t(name) : key;
  }

  const fields = error?.fields ?? {};
  const fileError = fields.file ?? (file ? (fileProblem(file) ?? undefined) : undefined);

  async function send(asLateRequest: boolean) {
    const problem = fileProblem(file);
    if (problem) {
      setError({ code: "invalid", message: t("member.upload.error.summary"), fields: { file: problem } });
      return;
    }
    const metadata: Record<string, string> = { kind };
    if (title.trim()) metadata.title = title.trim();
    if (note.trim()) metadata.note = note.trim();
    if (asLateRequest) metadata.explanation = explanation.trim();
    const data = new FormData();
    data.append("metadata", JSON.stringify(metadata));
    data.append("file", file!, file!.name);
    setBusy(true);
    setProgress(0);
    const url = `/api/v1/contributions/${contributionId}/revisions${asLateRequest ? "?asLateRequest=1" : ""}`;
    uploadKey.current ??= newIdempotencyKey();
    const answer = await sendUpload(url, data, setProgress, uploadKey.current);
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

  return (
    <form
      className="stack"
      noValidate
      aria-labelledby="revise-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void send(false);
      }}
    >
      <ErrorSummary error={error} describe={describe} />
      {late ? (
        <LateOffer
          deadlineIso={late.deadline}
          explanation={explanation}
          onExplanation={setExplanation}
          onFile={() => void send(true)}
          busy={busy}
          buttonLabel={t("member.revise.fileLate")}
        />
      ) : null}
      <div className="field">
        <label htmlFor="file">{t("member.revise.file")}</label>
        <p id="file-hint" className="hint">
          {t("member.revise.fileHint", { limit })}
        </p>
        <input
          id="file"
          type="file"
          accept=".docx,.doc,.pdf,.zip"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            uploadKey.current = null;
            setLate(null);
            setError((prev) => (prev?.fields?.file ? { ...prev, fields: Object.fromEntries(Object.entries(prev.fields).filter(([k]) => k !== "file")) } : prev));
          }}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy("file", fileError, true)}
        />
        {file ? (
          <p className="hint">
            {t("member.upload.chosen", { name: file.name, size: formatBytes(file.size, locale) })}
          </p>
        ) : null}
        <FieldError id="file" message={fileError} />
      </div>
      <div className="field">
        <label htmlFor="kind">{t("member.revise.kind")}</label>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-invalid={fields.kind ? true : undefined} aria-describedby={describedBy("kind", fields.kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {t(k.label)}
            </option>
          ))}
        </select>
        <FieldError id="kind" message={fields.kind} />
      </div>
      <div className="field">
        <label htmlFor="title">
          {t("member.revise.titleName")} {t("member.form.optional")}
        </label>
        <p id="title-hint" className="hint">
          {t("member.revise.titleHint")}
        </p>
        <input
          id="title"
          type="text"
          value={title}
          maxLength={500}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={fields.title ? true : undefined}
          aria-describedby={describedBy("title", fields.title, true)}
        />
        <FieldError id="title" message={fields.title} />
      </div>
      <div className="field">
        <label htmlFor="note">
          {t("member.revise.noteName")} {t("member.form.optional")}
        </label>
        <p id="note-hint" className="hint">
          {t("member.revise.noteHint")}
        </p>
        <textarea
          id="note"
          rows={3}
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={fields.note ? true : undefined}
          aria-describedby={describedBy("note", fields.note, true)}
        />
        <FieldError id="note" message={fields.note} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("member.revise.button")}
        </button>
        <UploadProgress percent={progress} />
      </div>
    </form>
  );
}
