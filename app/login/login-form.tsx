"use client";
// Sign-in form: next-auth credentials, with the server's own message on failure.
import { useState } from "react";
import { signIn } from "next-auth/react";

function safeCallback(url: string | null): string {
  // Only same-site paths: never an open redirect.
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
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
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Please try again.");
      return;
    }
    // A full navigation, so that every server component reads the new session.
    window.location.assign(safeCallback(callbackUrl));
  }

  return (
    // method="post": a submission before hydration must never put the password in the URL.
    <form className="stack" method="post" onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined}>
      {error ? (
        <div id="login-error" className="error-box" role="alert" data-testid="login-error">
          {error}
        </div>
      ) : null}
      <div>
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div>
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <div>
        <button className="primary" type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
