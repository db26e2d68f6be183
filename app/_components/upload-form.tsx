"use client";
// What the two upload forms (a new contribution, a new version) share: the sending with its progress, failure and late offer, the file field, and a labelled field.
import { useRef, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { formatBytes } from "@/lib/present/bytes";
import { fieldAria } from "./field";
import {
  ErrorSummary,
  FieldError,
  LateOffer,
  lateOfferAfter,
  newIdempotencyKey,
  receiptPageOf,
  sendUpload,
  toApiError,
  type ApiError,
  type LateState,
} from "./upload-kit";

export const ACCEPT = ".docx,.doc,.pdf,.zip";

/** The state of one upload form: the last failure, the late offer, the explanation for it, and the send in progress. */
export function useUpload() {
  const { t } = useT();
  // One key per chosen file: a retry of the same upload after a lost answer gets the first receipt back.
  const uploadKey = useRef<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [late, setLate] = useState<LateState>(null);
  const [explanation, setExplanation] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  /** A new file: a new upload, which may well be on time, or fine where the last one was refused. */
  function fileChosen() {
    uploadKey.current = null;
    setLate(null);
    setError((prev) => (prev?.fields?.file ? { ...prev, fields: Object.fromEntries(Object.entries(prev.fields).filter(([k]) => k !== "file")) } : prev));
  }

  /** Sends the form: on a receipt the browser goes to its page; otherwise the failure is shown, with the late offer where it applies. */
  async function send(url: string, data: FormData) {
    setBusy(true);
    setProgress(0);
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

  return { error, setError, late, explanation, setExplanation, busy, progress, fileChosen, send, fields: error?.fields ?? {} };
}

type FileFieldProps = {
  label: string;
  hint: string;
  file: File | null;
  error: string | undefined;
  onChange: (file: File | null) => void;
  /** The submission form names its input and marks the chosen file for the browser tests. */
  name?: string;
  chosenTestId?: string;
  /** What stands under the field (the cover page's note). */
  children?: React.ReactNode;
};

/** The file input, the chosen file's name and size, and the file's error. */
export function FileField({ label, hint, file, error, onChange, name, chosenTestId, children }: FileFieldProps) {
  const { t, locale } = useT();
  return (
    <div className="field">
      <label htmlFor="file">{label}</label>
      <p id="file-hint" className="hint">
        {hint}
      </p>
      <input id="file" name={name} type="file" accept={ACCEPT} onChange={(e) => onChange(e.target.files?.[0] ?? null)} {...fieldAria("file", error, true)} />
      {file ? (
        <p className="hint" data-testid={chosenTestId}>
          {t("member.upload.chosen", { name: file.name, size: formatBytes(file.size, locale) })}
        </p>
      ) : null}
      <FieldError id="file" message={error} />
      {children}
    </div>
  );
}

type AlertsProps = {
  upload: ReturnType<typeof useUpload>;
  /** How the error summary names a field. */
  describe: (key: string) => string;
  /** The late offer's button, and what it does: the same upload as a late request. */
  lateLabel: string;
  onFileLate: () => void;
};

/** The top of an upload form: the error summary, and after the cutoff the offer to file the upload as a late request. */
export function UploadAlerts({ upload, describe, lateLabel, onFileLate }: AlertsProps) {
  return (
    <>
      <ErrorSummary error={upload.error} describe={describe} />
      {upload.late ? (
        <LateOffer
          deadlineIso={upload.late.deadline}
          explanation={upload.explanation}
          onExplanation={upload.setExplanation}
          onFile={onFileLate}
          busy={upload.busy}
          buttonLabel={lateLabel}
        />
      ) : null}
    </>
  );
}
