"use client";
// What the upload forms share: sending multipart with progress, reading the API's errors, the error summary and the late-request offer.
import { useEffect, useRef } from "react";
import { fillSlots } from "@/lib/present/format";
import { formatBytes } from "@/lib/present/bytes";
import type { Locale } from "@/lib/i18n/config";
import { browserTimeZone, formatInReaderZone } from "@/lib/present/time";
import type { Translator } from "@/lib/i18n/translate";
import { useT } from "./i18n-provider";

export type ApiError = { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
export type Answer = { status: number; body: unknown };

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. Never rejects; a network failure is status 0. */
export function sendUpload(url: string, data: FormData, onProgress: (percent: number) => void, idempotencyKey?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    // The same key for a retry of the same upload: if the first answer was lost, the server returns that receipt.
    if (idempotencyKey) xhr.setRequestHeader("Idempotency-Key", idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(100, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    xhr.onabort = () => resolve({ status: 0, body: null });
    xhr.send(data);
  });
}

/**
 * The API's error (already in the reader's language: the API answers in the language of the request),
 * or a message of our own when the answer is not the API's (network down, proxy page).
 */
export function toApiError(answer: Answer, t: Translator): ApiError {
  const body = answer.body as Partial<ApiError> | null;
  if (body && typeof body.code === "string" && typeof body.message === "string") return body as ApiError;
  if (answer.status === 0) return { code: "network", message: t("member.upload.error.network") };
  if (answer.status === 413) {
    const message = t("member.upload.error.serverTooLarge");
    return { code: "too_large", message, fields: { file: message } };
  }
  return { code: "unexpected", message: t("member.upload.error.unexpected", { status: answer.status }) };
}

/** What the browser can tell before sending: the file's kind by its name, empty, too large. `noFile` is the form's own words. */
export function chosenFileProblem(f: File | null, maxUploadBytes: number, noFile: string, t: Translator, locale: Locale): string | null {
  if (!f) return noFile;
  if (!/\.(docx|doc|pdf|zip)$/i.test(f.name)) return t("member.upload.error.type");
  if (f.size === 0) return t("member.upload.error.empty");
  if (f.size > maxUploadBytes) return t("member.upload.error.tooLarge", { size: formatBytes(f.size, locale), limit: formatBytes(maxUploadBytes, locale, { exact: false }) });
  return null;
}

/** The receipt page of an accepted upload, or null when the answer is not a receipt. */
export function receiptPageOf(answer: Answer): string | null {
  const receipt = answer.body as { id?: number; versionId?: number } | null;
  return answer.status >= 200 && answer.status < 300 && receipt?.id && receipt.versionId ? `/contributions/${receipt.id}/receipt?version=${receipt.versionId}` : null;
}

export type LateState = { deadline: string | null } | null;

/** After a refusal: the deadline passed offers a late request; a conflict withdraws the offer; anything else leaves it. */
export function lateOfferAfter(failure: ApiError, current: LateState): LateState {
  if (failure.code === "deadline_passed") return { deadline: typeof failure.details?.deadline === "string" ? failure.details.deadline : null };
  if (failure.code === "conflict") return null;
  return current;
}

/** The id of the input that a field key of the API names: "contacts.0.email" → "contact-0-email". */
export function fieldId(key: string): string {
  const contact = /^contacts\.(\d+)\.(\w+)$/.exec(key);
  if (contact) return `contact-${contact[1]}-${contact[2]}`;
  if (key.startsWith("questions")) return "questions";
  if (key.startsWith("contacts")) return "contacts";
  return key;
}

/** An instant in the browser's own zone, with the zone's name: the server cannot know it. */
export function formatInBrowserZone(ms: number, locale: Locale = "en"): string {
  return formatInReaderZone(ms, browserTimeZone(), locale, { seconds: true });
}

type SummaryProps = {
  error: ApiError | null;
  /** field key → how the summary names the field, e.g. "Contact 2 e-mail" */
  describe: (key: string) => string;
  children?: React.ReactNode;
};

/** The error summary at the top of a form: the message, then each field's problem linked to the field. Takes focus when it appears. */
export function ErrorSummary({ error, describe, children }: SummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = Object.entries(error.fields ?? {});
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="error-box" data-testid="error-summary" data-code={error.code}>
      <p style={{ margin: 0 }}>
        <strong>{error.message}</strong>
      </p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([key, message]) => (
            <li key={key}>
              <a href={`#${fieldId(key)}`}>
                {describe(key)}: {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}

/** The field's error message, placed under the field and named by its aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="field-error" style={{ margin: ".2rem 0 0" }}>
      {message}
    </p>
  );
}

/** aria-describedby for a field: its hint and its error, when present. */
export function describedBy(id: string, error: string | undefined, hint = false): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The line shown while sending: the percentage of the file sent, then the wait for the server's receipt. */
export function UploadProgress({ percent }: { percent: number | null }) {
  const { t } = useT();
  return (
    <p role="status" className="upload-progress" data-testid="upload-progress">
      {percent === null ? null : percent < 100 ? (
        <>
          <span>{t("member.upload.progress", { percent })}</span> <progress max={100} value={percent} aria-hidden="true" />
        </>
      ) : (
        <span>{t("member.upload.complete")}</span>
      )}
    </p>
  );
}

type LateOfferProps = {
  deadlineIso: string | null;
  explanation: string;
  onExplanation: (text: string) => void;
  onFile: () => void;
  busy: boolean;
  buttonLabel: string;
};

/** After a deadline_passed answer: the deadline in the delegate's own time and the way to file the same document as a late request. */
export function LateOffer({ deadlineIso, explanation, onExplanation, onFile, busy, buttonLabel }: LateOfferProps) {
  const { t, locale } = useT();
  const deadline = deadlineIso ? Date.parse(deadlineIso) : NaN;
  return (
    <section className="card late-offer" aria-labelledby="late-offer-heading" data-testid="late-offer">
      <h2 id="late-offer-heading" style={{ marginTop: 0 }}>
        {t("member.late.heading")}
      </h2>
      {Number.isFinite(deadline) ? (
        <p data-testid="deadline-local">
          {fillSlots(t("member.late.deadlineLocal"), { time: <strong key="time">{formatInBrowserZone(deadline, locale)}</strong> })}
        </p>
      ) : null}
      <p>{t("member.late.nothingLost")}</p>
      <div className="field">
        <label htmlFor="late-explanation">{t("member.late.explanationLabel")}</label>
        <textarea id="late-explanation" rows={3} value={explanation} maxLength={2000} onChange={(e) => onExplanation(e.target.value)} />
      </div>
      <p style={{ marginBottom: 0 }}>
        <button type="button" className="primary" onClick={onFile} disabled={busy}>
          {buttonLabel}
        </button>
      </p>
    </section>
  );
}
