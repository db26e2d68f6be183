"use client";
// Choosing a new password through a one-time link: the password twice, errors announced, then a way to sign in.
import Link from "next/link";
import { useActionState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { Field, fieldAria } from "@/app/_components/field";

export type ResetState = { error?: string; fields?: { password?: string; repeat?: string }; done?: boolean };

type Props = { action: (state: ResetState, formData: FormData) => Promise<ResetState>; email: string; minLength: number };

export function ResetPasswordForm({ action, email, minLength }: Props) {
  const { t } = useT();
  const [state, formAction, pending] = useActionState(action, {});
  if (state.done) {
    // The link to the sign-in page sits inside the sentence, wherever the language puts it.
    const [beforeLink, afterLink] = t("common.reset.done.signIn", { signIn: "\u0000", email }).split("\u0000");
    return (
      <div className="status-note" role="status" data-testid="reset-done">
        <p style={{ marginTop: 0 }}>{t("common.reset.done.set")}</p>
        <p style={{ marginBottom: 0 }}>
          {beforeLink}
          <Link href="/login">{t("common.reset.done.signInLink")}</Link>
          {afterLink}
        </p>
      </div>
    );
  }
  const passwordError = state.fields?.password;
  const repeatError = state.fields?.repeat;
  return (
    <form action={formAction} className="stack" noValidate>
      {state.error ? (
        <div className="error-box" role="alert" data-testid="reset-error">
          {state.error}
          {passwordError || repeatError ? (
            <ul>
              {passwordError ? (
                <li>
                  <a href="#new-password">{t("common.reset.summary.password", { error: passwordError })}</a>
                </li>
              ) : null}
              {repeatError ? (
                <li>
                  <a href="#repeat-password">{t("common.reset.summary.repeat", { error: repeatError })}</a>
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field id="new-password" label={t("common.reset.password")} hint={t("common.reset.passwordHint", { min: minLength })} error={passwordError}>
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={minLength} {...fieldAria("new-password", passwordError, true)} />
      </Field>
      <Field id="repeat-password" label={t("common.reset.repeat")} error={repeatError}>
        <input id="repeat-password" name="repeat" type="password" autoComplete="new-password" required {...fieldAria("repeat-password", repeatError)} />
      </Field>
      <div>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t("common.reset.saving") : t("common.reset.submit")}
        </button>
      </div>
    </form>
  );
}
