import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo";
import { getActor } from "@/lib/data/session";
import { isDemoMode } from "@/lib/settings";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getActor()) redirect("/");
  return (
    <>
      <h1>Sign in</h1>
      <p>Contributions to ITU-T study group meetings are open to registered delegates of ITU-T members only.</p>
      <LoginForm callbackUrl={callbackUrl ?? null} />
      {isDemoMode() ? (
        <section className="card demo-accounts" aria-labelledby="demo-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="demo-heading">Demo accounts</h2>
          <p>
            Every demo account has the password <code>{DEMO_PASSWORD}</code>.
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {DEMO_ACCOUNTS.map((a) => (
                  <tr key={a.email}>
                    <td>
                      <code>{a.email}</code>
                    </td>
                    <td>{a.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
