"use client";
// The account page's token forms: create (the secret is shown once, here) and revoke.
import { useActionState, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { createTokenAction, revokeTokenAction, type CreateTokenState, type RevokeTokenState } from "./actions";
import { ErrorAlert } from "@/app/_components/error-alert";
import { Field, fieldAria } from "@/app/_components/field";

export function CreateTokenForm() {
  const { t } = useT();
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  const [copied, setCopied] = useState<string | null>(null);
  const fieldError = state.fieldError;

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(t("common.account.tokens.copied"));
    } catch {
      setCopied(t("common.account.tokens.copyRefused"));
    }
  }

  return (
    <>
      {state.token ? (
        <div className="notice strong" role="status" data-testid="new-token">
          <p style={{ marginTop: 0 }}>{t("common.account.tokens.newToken", { label: state.label ?? "" })}</p>
          <p>
            <code className="break-all secret" data-testid="token-secret">
              {state.token}
            </code>
          </p>
          <p className="actions" style={{ marginBottom: 0 }}>
            <button type="button" className="secondary" onClick={() => void copy(state.token!)}>
              {t("common.account.tokens.copy")}
            </button>
            <span>{copied}</span>
          </p>
        </div>
      ) : null}
      <form action={action} className="stack" noValidate aria-labelledby="create-token-heading">
        <ErrorAlert message={state.error} />
        <Field id="token-label" label={t("common.account.tokens.label")} hint={t("common.account.tokens.labelHint")} error={fieldError}>
          <input
            id="token-label"
            name="label"
            type="text"
            maxLength={100}
            defaultValue={state.typed ?? ""}
            key={state.token ?? state.typed ?? "empty"}
            {...fieldAria("token-label", fieldError, true)}
          />
        </Field>
        <div>
          <button type="submit" className="primary" disabled={pending}>
            {t("common.account.tokens.create")}
          </button>
        </div>
      </form>
    </>
  );
}

export function RevokeTokenButton({ id, label }: { id: number; label: string }) {
  const { t } = useT();
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, {});
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending} aria-label={t("common.account.tokens.revokeLabel", { label })}>
        {t("common.account.tokens.revoke")}
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
