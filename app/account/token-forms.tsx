"use client";
// The account page's token forms: create (the secret is shown once, here) and revoke.
import { useActionState, useState } from "react";
import { createTokenAction, revokeTokenAction, type CreateTokenState, type RevokeTokenState } from "./actions";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  const [copied, setCopied] = useState<string | null>(null);
  const fieldError = state.fieldError;

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("The browser did not allow copying; select the token and copy it yourself.");
    }
  }

  return (
    <>
      {state.token ? (
        <div className="notice strong" role="status" data-testid="new-token">
          <p style={{ marginTop: 0 }}>
            Your new token &ldquo;{state.label}&rdquo;. Copy it now; it will not be shown again.
          </p>
          <p>
            <code className="break-all secret" data-testid="token-secret">
              {state.token}
            </code>
          </p>
          <p className="actions" style={{ marginBottom: 0 }}>
            <button type="button" className="secondary" onClick={() => void copy(state.token!)}>
              Copy token
            </button>
            <span>{copied}</span>
          </p>
        </div>
      ) : null}
      <form action={action} className="stack" noValidate aria-labelledby="create-token-heading">
        {state.error ? (
          <div className="error-box" role="alert">
            {state.error}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="token-label">Label</label>
          <p id="token-label-hint" className="hint">
            What the token is for, e.g. &ldquo;upload script&rdquo;, so you know which one to revoke later.
          </p>
          <input
            id="token-label"
            name="label"
            type="text"
            maxLength={100}
            defaultValue={state.typed ?? ""}
            key={state.token ?? state.typed ?? "empty"}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "token-label-hint token-label-error" : "token-label-hint"}
          />
          {fieldError ? (
            <p id="token-label-error" className="field-error" style={{ margin: ".2rem 0 0" }}>
              {fieldError}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="primary" disabled={pending}>
            Create token
          </button>
        </div>
      </form>
    </>
  );
}

export function RevokeTokenButton({ id, label }: { id: number; label: string }) {
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, {});
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending} aria-label={`Revoke token ${label}`}>
        Revoke
      </button>
      {state.error ? (
        <span role="alert" className="field-error">
          {" "}
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
