import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getOutboxMessage, outboxInApp } from "@/lib/data/outbox";
import { requireActor } from "@/lib/auth/session";
import { formatGeneva, formatUtc } from "@/lib/time/geneva";
import { getT } from "@/lib/i18n/server";
import { LocalBeside } from "@/app/_components/when";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.outbox.message.title") };
}

export default async function OutboxMessagePage({ params }: Props) {
  const { id } = await params;
  if (!outboxInApp()) notFound();
  const actor = await requireActor(`/outbox/${encodeURIComponent(id)}`);
  const { t, locale } = await getT();
  const result = await getOutboxMessage(actor, id);
  if (!result.ok) notFound();
  const m = result.value;
  return (
    <>
      <p>
        <Link href="/outbox">{t("common.outbox.message.back")}</Link>
      </p>
      <h1>{m.subject || t("common.outbox.noSubject")}</h1>
      <dl className="facts card">
        <dt>{t("common.outbox.message.date")}</dt>
        <dd>
          {m.at === null ? (
            t("common.outbox.unknownDate")
          ) : (
            <>
              {t("common.outbox.message.dateValue", { geneva: formatGeneva(m.at, { locale }), utc: formatUtc(m.at, locale) })} <LocalBeside at={m.at} />
            </>
          )}
        </dd>
        <dt>{t("common.outbox.message.from")}</dt>
        <dd>{m.from}</dd>
        <dt>{t("common.outbox.to")}</dt>
        <dd>{m.to.join(", ")}</dd>
        {m.cc.length > 0 ? (
          <>
            <dt>{t("common.outbox.message.cc")}</dt>
            <dd>{m.cc.join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("common.outbox.subject")}</dt>
        <dd>{m.subject}</dd>
      </dl>
      {m.text === null ? (
        <p className="card" data-testid="message-withheld">
          {t("mail.outbox.withheld", { email: m.to.join(", "), date: m.at === null ? t("common.outbox.unknownDate") : formatGeneva(m.at, { locale }) })}
        </p>
      ) : (
        <pre className="card" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="message-text">
          {m.text}
        </pre>
      )}
    </>
  );
}
