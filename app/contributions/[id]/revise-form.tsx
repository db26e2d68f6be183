"use client";
// Uploading a new version (Rev., Add., Corr.) with progress; after the cutoff, the same upload as a late revision request.
import { useState } from "react";
import { chosenFileProblem, UploadProgress } from "@/app/_components/upload-kit";
import { Field, fieldAria } from "@/app/_components/field";
import { FileField, UploadAlerts, useUpload } from "@/app/_components/upload-form";
import { useT } from "@/app/_components/i18n-provider";
import { formatBytes } from "@/lib/present/bytes";
import type { VersionKind } from "@/lib/domain";
import type { MessageKey } from "@/lib/i18n/translate";

const KINDS = [
  { value: "revision", label: "member.revise.kind.revision" },
  { value: "addendum", label: "member.revise.kind.addendum" },
  { value: "corrigendum", label: "member.revise.kind.corrigendum" },
] as const satisfies ReadonlyArray<{ value: Exclude<VersionKind, "original">; label: MessageKey }>;

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
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string>("revision");
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const limit = formatBytes(maxUploadBytes, locale, { exact: false });

  const fileProblem = (f: File | null) => chosenFileProblem(f, maxUploadBytes, t("member.revise.error.noFile"), t, locale);

  function describe(key: string): string {
    const name = FIELD_NAMES[key];
    return name ? t(name) : key;
  }

  const fields = upload.fields;
  const fileError = fields.file ?? (file ? (fileProblem(file) ?? undefined) : undefined);

  async function send(asLateRequest: boolean) {
    const problem = fileProblem(file);
    if (problem) {
      upload.setError({ code: "invalid", message: t("member.upload.error.summary"), fields: { file: problem } });
      return;
    }
    const metadata: Record<string, string> = { kind };
    if (title.trim()) metadata.title = title.trim();
    if (note.trim()) metadata.note = note.trim();
    if (asLateRequest) metadata.explanation = upload.explanation.trim();
    const data = new FormData();
    data.append("metadata", JSON.stringify(metadata));
    data.append("file", file!, file!.name);
    await upload.send(`/api/v1/contributions/${contributionId}/revisions${asLateRequest ? "?asLateRequest=1" : ""}`, data);
  }

  return (
    <form
      className="stack"
      noValidate
      aria-labelledby="revise-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!upload.busy) void send(false);
      }}
    >
      <UploadAlerts upload={upload} describe={describe} lateLabel={t("member.revise.fileLate")} onFileLate={() => void send(true)} />
      <FileField
        label={t("member.revise.file")}
        hint={t("member.revise.fileHint", { limit })}
        file={file}
        error={fileError}
        onChange={(f) => {
          setFile(f);
          upload.fileChosen();
        }}
      />
      <Field id="kind" label={t("member.revise.kind")} error={fields.kind}>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value)} {...fieldAria("kind", fields.kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {t(k.label)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="title" label={`${t("member.revise.titleName")} ${t("member.form.optional")}`} hint={t("member.revise.titleHint")} error={fields.title}>
        <input id="title" type="text" value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} {...fieldAria("title", fields.title, true)} />
      </Field>
      <Field id="note" label={`${t("member.revise.noteName")} ${t("member.form.optional")}`} hint={t("member.revise.noteHint")} error={fields.note}>
        <textarea id="note" rows={3} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} {...fieldAria("note", fields.note, true)} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={upload.busy}>
          {t("member.revise.button")}
        </button>
        <UploadProgress percent={upload.progress} />
      </div>
    </form>
  );
}
