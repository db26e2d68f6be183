"use client";
// Withdrawing a contribution: a reason, then a confirmation, then the API; the page reloads to show the new status.
import { useEffect, useRef, useState } from "react";
import { describedBy, ErrorSummary, FieldError, toApiError, type ApiError } from "@/app/_components/upload-kit";

export function WithdrawForm({ contributionId, name }: { contributionId: number; name: string }) {
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
      const message = "Say briefly why the contribution is withdrawn.";
      setError({ code: "invalid", message: "Give the reason before withdrawing.", fields: { reason: message } });
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
    setError(toApiError(answer));
  }

  const fieldError = error?.fields?.reason;

  return (
    <form className="stack" noValidate aria-labelledby="withdraw-heading" onSubmit={ask}>
      <ErrorSummary error={error} describe={(k) => (k === "reason" ? "Reason for withdrawal" : k)} />
      <div className="field">
        <label htmlFor="reason">Reason for withdrawal</label>
        <p id="reason-hint" className="hint">
          Required. It is kept with the contribution&apos;s history and shown to the secretariat.
        </p>
        <textarea
          id="reason"
          rows={3}
          value={reason}
          maxLength={2000}
          required
          disabled={confirming}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={describedBy("reason", fieldError, true)}
        />
        <FieldError id="reason" message={fieldError} />
      </div>
      {confirming ? (
        <div className="notice strong" role="group" aria-labelledby="withdraw-confirm-text">
          <p id="withdraw-confirm-text" style={{ marginTop: 0 }}>
            Withdraw {name}? It keeps its number and history but leaves the meeting&apos;s document list. This cannot be undone.
          </p>
          <div className="actions">
            <button ref={confirmRef} type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
              Confirm withdrawal
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="submit" className="secondary">
            Withdraw contribution
          </button>
        </div>
      )}
    </form>
  );
}
