"use client";
// Choosing a new password through a one-time link: the password twice, errors announced, then a way to sign in.
import Link from "next/link";
import { useActionState } from "react";

export type ResetState = { error?: string; fields?: { password?: string; repeat?: string }; done?: boolean };

type Props = { action: (state: ResetState, formData: FormData) => Promise<ResetState>; email: string; minLength: number };

export function ResetPasswordForm({ action, email, minLength }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.done) {
    return (
      <div className="status-note" role="status" data-testid="reset-done">
        <p style={{ marginTop: 0 }}>Your password has been set. This link no longer works.</p>
        <p style={{ marginBottom: 0 }}>
          <Link href="/login">Sign in</Link> with {email} and your new password.
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
                  <a href="#new-password">New password: {passwordError}</a>
                </li>
              ) : null}
              {repeatError ? (
                <li>
                  <a href="#repeat-password">Repeat the new password: {repeatError}</a>
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <p id="new-password-hint" className="hint">
          At least {minLength} characters. A phrase of several words is easy to remember and hard to guess.
        </p>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "new-password-hint new-password-error" : "new-password-hint"}
        />
        {passwordError ? (
          <p id="new-password-error" className="field-error" style={{ margin: ".2rem 0 0" }}>
            {passwordError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="repeat-password">Repeat the new password</label>
        <input
          id="repeat-password"
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={repeatError ? true : undefined}
          aria-describedby={repeatError ? "repeat-password-error" : undefined}
        />
        {repeatError ? (
          <p id="repeat-password-error" className="field-error" style={{ margin: ".2rem 0 0" }}>
            {repeatError}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : "Set password"}
        </button>
      </div>
    </form>
  );
}
