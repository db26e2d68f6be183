"use client";
// Withdrawing a contribution: a reason, then a confirmation, then the API; the page reloads to show the new status.
import { useEffect, useRef, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { ErrorSummary, toApiError, type ApiError } from "@/app/_components/upload-kit";
import { Field, fieldAria } from "@/app/_components/field";

/** `name` is the document's number ("COM 20-C 12"), or null for a late request that has none yet. */
export function WithdrawForm({ contributionId, name }: { contributionId: number; name: string | null }) {
  const { t } = useT();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function ask(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError({ code: "invalid", message: t("member.withdraw.error.summary"), fields: { reason: t("member.withdraw.error.reason") } });
      return;
    }
    setError(null);
    setConfirming(true);
  }

  async function confirm() {
    setBusy(true);
    let answer: { status: number; body: unknown };
    try {
      const res = await fetch(`/api/v1/contributions/${contributionId}/withdrawal`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ reason: reason.trim() }),
      });
      answer = { status: res.status, body: await res.json().catch(() => null) };
    } catch {
      answer = { status: 0, body: null };
    }
    if (answer.status === 200) {
      window.location.reload();
      return;
    }
    setBusy(false);
    setConfirming(false);
    setError(toApiError(answer, t));
  }

  const fieldError = error?.fields?.reason;

  return (
    <form className="stack" noValidate aria-labelledby="withdraw-heading" onSubmit={ask}>
      <ErrorSummary error={error} describe={(k) => (k === "reason" ? t("member.withdraw.reason") : k)} />
      <Field id="reason" label={t("member.withdraw.reason")} hint={t("member.withdraw.reasonHint")} error={fieldError}>
        <textarea
          id="reason"
          rows={3}
          value={reason}
          maxLength={2000}
          required
          disabled={confirming}
          onChange={(e) => setReason(e.target.value)}
          {...fieldAria("reason", fieldError, true)}
        />
      </Field>
      {confirming ? (
        <div className="notice strong" role="group" aria-labelledby="withdraw-confirm-text">
          <p id="withdraw-confirm-text" style={{ marginTop: 0 }}>
            {name === null ? t("member.withdraw.confirmLateRequest") : t("member.withdraw.confirm", { name })}
          </p>
          <div className="actions">
            <button ref={confirmRef} type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
              {t("member.withdraw.confirmButton")}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t("member.withdraw.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="submit" className="secondary">
            {t("member.withdraw.button")}
          </button>
        </div>
      )}
    </form>
  );
}
