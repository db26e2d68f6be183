"use client";
// Sign-in form: next-auth credentials, with the server's own message on failure, in the reader's language.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { translate, type Translator } from "@/lib/i18n/translate";
import { useT } from "@/app/_components/i18n-provider";
import { safeCallback } from "./safe-callback";

/**
 * next-auth hands back the server's English text (lib/data/sign-in.ts); the messages it can
 * give are recognised here and shown in the reader's language. Anything else is shown as it came.
 */
function signInErrorText(error: string | null | undefined, t: Translator): string {
  if (!error || error === "CredentialsSignin") return t("common.login.error.failed");
  if (error === translate("en", "common.login.error.badCredentials")) return t("common.login.error.badCredentials");
  if (error === translate("en", "common.login.error.deactivated")) return t("common.login.error.deactivated");
  if (error === translate("en", "sso.api.passwordOff")) return t("sso.api.passwordOff");
  const throttled = /Too many failed sign-in attempts\..*?(\d+) minutes?/.exec(error);
  if (throttled) return t("common.login.error.throttled", { minutes: Number(throttled[1]) });
  const elsewhere = /^Too many failed sign-in attempts for this account, from places.*?(\d+) minutes?/.exec(error);
  if (elsewhere) return t("auth.signIn.throttledElsewhere", { minutes: Number(elsewhere[1]) });
  return error;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!result || result.error) {
      setError(signInErrorText(result?.error, t));
      return;
    }
    // A full navigation, so that every server component reads the new session.
    window.location.assign(safeCallback(callbackUrl));
  }

  return (
    // method="post": a submission before hydration must never put the password in the URL.
    <form id="login-form" className="stack" method="post" onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined}>
      {error ? (
        <div id="login-error" className="error-box" role="alert" data-testid="login-error">
          {error}
        </div>
      ) : null}
      <div>
        <label htmlFor="email">{t("common.login.email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div>
        <label htmlFor="password">{t("common.login.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <div>
        <button className="primary" type="submit" disabled={pending}>
          {pending ? t("common.login.signingIn") : t("common.login.submit")}
        </button>
      </div>
    </form>
  );
}

export type DemoAccount = { email: string; name: string; role: string };

/**
 * The demo's accounts as buttons: one click (or Enter, or Space) fills in the sign-in form above with the
 * account's e-mail and the demo password, and submits it, so a newcomer is in without typing anything.
 */
export function DemoAccounts({ accounts, password }: { accounts: DemoAccount[]; password: string }) {
  function use(email: string) {
    const form = document.getElementById("login-form");
    if (!(form instanceof HTMLFormElement)) return;
    const emailInput = form.elements.namedItem("email");
    const passwordInput = form.elements.namedItem("password");
    if (!(emailInput instanceof HTMLInputElement) || !(passwordInput instanceof HTMLInputElement)) return;
    emailInput.value = email;
    passwordInput.value = password;
    form.requestSubmit();
  }
  return (
    <ul className="demo-account-list">
      {accounts.map((a) => (
        <li key={a.email}>
          <button type="button" className="demo-account" data-testid="demo-account" data-email={a.email} onClick={() => use(a.email)}>
            <span className="demo-account-name">{a.name}</span> <code>{a.email}</code> <span className="demo-account-role">{a.role}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
