import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { getActor } from "@/lib/data/session";
import { listMeetings } from "@/lib/data/meetings";
import { ClockBanner } from "./_components/clock-banner";
import { HydrationMarker } from "./_components/hydration-marker";
import { SignOutButton } from "./_components/sign-out-button";
import type { Actor } from "@/lib/permissions";
import { settings } from "@/lib/settings";

export const metadata: Metadata = {
  title: { default: "Contribution tracker", template: "%s · Contribution tracker" },
  description: "Contributions to ITU-T study group meetings, received and timed in Geneva.",
};

export const dynamic = "force-dynamic";

function roleLabel(actor: Actor): string {
  const parts: string[] = [];
  if (actor.roles.includes("secretariat")) parts.push("Secretariat");
  if (actor.roles.includes("rapporteur")) parts.push("Rapporteur");
  if (actor.roles.includes("member") && actor.organisation) parts.push(actor.organisation.name);
  return parts.join(", ");
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  const meeting = actor ? listMeetings(actor)[0] : undefined;
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <ClockBanner actor={actor} deadlineAt={meeting?.deadlineAt ?? null} />
        <header className="site-header">
          <Link href="/" className="brand">
            ITU-T contribution tracker
          </Link>
          {actor ? (
            <nav aria-label="Main">
              <ul>
                <li>
                  <Link href="/">Home</Link>
                </li>
                {meeting ? (
                  <li>
                    <Link href={`/meetings/${meeting.code}`}>Meeting {meeting.code}</Link>
                  </li>
                ) : null}
                {meeting ? (
                  <li>
                    <Link href={`/meetings/${meeting.code}/documents`}>Documents</Link>
                  </li>
                ) : null}
                {actor.roles.includes("rapporteur") || actor.roles.includes("secretariat") ? (
                  <li>
                    <Link href="/questions">My Questions</Link>
                  </li>
                ) : null}
                {meeting?.canManage ? (
                  <>
                    <li>
                      <Link href={`/meetings/${meeting.code}/late-report`}>Late report</Link>
                    </li>
                    <li>
                      <Link href={`/meetings/${meeting.code}/manage`}>Manage meeting</Link>
                    </li>
                  </>
                ) : null}
                {actor.roles.includes("secretariat") ? (
                  <>
                    <li>
                      <Link href="/secretariat/accounts">Accounts</Link>
                    </li>
                    <li>
                      <Link href="/secretariat/audit">Audit log</Link>
                    </li>
                  </>
                ) : null}
                {actor.roles.includes("member") ? (
                  <>
                    {meeting ? (
                      <li>
                        <Link href={`/meetings/${meeting.code}/submit`}>Submit</Link>
                      </li>
                    ) : null}
                    <li>
                      <Link href="/contributions">My contributions</Link>
                    </li>
                  </>
                ) : null}
                {settings().smtpUrl === null ? (
                  <li>
                    <Link href="/outbox">Outbox</Link>
                  </li>
                ) : null}
                <li>
                  <Link href="/account">Account</Link>
                </li>
              </ul>
            </nav>
          ) : null}
          {actor ? (
            <div className="who">
              <span data-testid="signed-in-as">
                {actor.name} <span className="muted">({roleLabel(actor)})</span>
              </span>
              <SignOutButton />
            </div>
          ) : null}
        </header>
        <main id="main">{children}</main>
        <HydrationMarker />
      </body>
    </html>
  );
}
