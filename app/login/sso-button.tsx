"use client";
// The single sign-on button: next-auth takes the browser to the organisation's provider (PKCE, state, nonce).
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useT } from "@/app/_components/i18n-provider";
import { safeCallback } from "./safe-callback";

export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string | null }) {
  const { t } = useT();
  const [pending, setPending] = useState(false);
  return (
    <div className="sso" data-testid="sso">
      <button
        className="primary"
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn("oidc", { callbackUrl: safeCallback(callbackUrl) });
        }}
      >
        {pending ? t("sso.login.redirecting") : label}
      </button>
    </div>
  );
}
