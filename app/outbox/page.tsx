import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listOutbox, outboxGroupsOf, outboxInApp } from "@/lib/data/outbox";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { When } from "@/app/_components/when";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.outbox.title") };
}

export default async function OutboxPage() {
  // Only the demo has an outbox in the app; elsewhere the page does not exist, for anyone.
  if (!outboxInApp()) notFound();
  const actor = await requireActor("/outbox");
  const { t, locale } = await getT();
  const listed = await listOutbox(actor);
  if (!listed.ok) notFound();
  const messages = listed.value;
  const groups = outboxGroupsOf(actor);
  return (
    <>
      <h1>{t("common.outbox.title")}</h1>
      <p className="muted">
        {t("common.outbox.intro")}{" "}
        {groups.length > 0 ? t("mail.outbox.seeGroups", { groups: groups.join(", "), email: actor.email }) : t("common.outbox.seeYours", { email: actor.email })}
      </p>
      {messages.length === 0 ? (
        <p>{t("common.outbox.none")}</p>
      ) : (
        <DataTable testId="outbox" columns={[t("common.outbox.sent"), t("common.outbox.to"), t("common.outbox.subject")]}>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>{m.at === null ? t("common.outbox.unknownDate") : <When at={m.at} locale={locale} />}</td>
              <td>
                {m.to.join(", ")}
                {m.cc.length > 0 ? <span className="muted"> {t("common.outbox.ccList", { cc: m.cc.join(", ") })}</span> : null}
              </td>
              <td>
                <Link href={`/outbox/${m.id}`}>{m.subject || t("common.outbox.noSubject")}</Link>
                {m.withheld ? <span className="muted"> {t("mail.outbox.withheldShort")}</span> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
