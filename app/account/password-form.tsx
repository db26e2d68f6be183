"use client";
// Changing one's own password: the current one, the new one twice; afterwards every session has ended, this one too.
import Link from "next/link";
import { useActionState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { changePasswordAction, type ChangePasswordState } from "./actions";
import { ErrorAlert } from "@/app/_components/error-alert";
import { Field, fieldAria } from "@/app/_components/field";

type FieldName = "current" | "password" | "repeat";

export function ChangePasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const { t } = useT();
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  if (state.done) {
    const [beforeLink, afterLink] = t("auth.password.doneSignIn", { signIn: "\u0000" }).split("\u0000");
    return (
      <div className="status-note" role="status" data-testid="password-changed">
        <p style={{ marginTop: 0 }}>{t("auth.password.done")}</p>
        <p style={{ marginBottom: 0 }}>
          {beforeLink}
          <Link href="/login?callbackUrl=%2Faccount">{t("auth.password.doneSignInLink")}</Link>
          {afterLink}
        </p>
      </div>
    );
  }
  const errors = state.fields ?? {};
  const field = (name: FieldName, id: string, label: string, autoComplete: string, hint?: string) => (
    <Field id={id} label={label} hint={hint} error={errors[name]}>
      <input id={id} name={name} type="password" autoComplete={autoComplete} required {...fieldAria(id, errors[name], Boolean(hint))} />
    </Field>
  );
  return (
    <form action={action} className="stack" noValidate aria-labelledby="password-heading" data-testid="password-form">
      <ErrorAlert message={state.error} testId="password-error" />
      <input type="hidden" name="username" autoComplete="username" value={email} />
      {field("current", "current-password", t("auth.password.current"), "current-password")}
      {field("password", "change-new-password", t("auth.password.new"), "new-password", t("common.reset.passwordHint", { min: minLength }))}
      {field("repeat", "change-repeat-password", t("auth.password.repeat"), "new-password")}
      <div>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t("auth.password.saving") : t("auth.password.submit")}
        </button>
      </div>
    </form>
  );
}
