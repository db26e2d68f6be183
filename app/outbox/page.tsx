import type { Metadata } from "next";
import Link from "next/link";
import { hasPermission } from "@/lib/auth/permissions";
import { listOutbox } from "@/lib/data/outbox";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { When } from "@/app/_components/when";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.outbox.title") };
}

export default async function OutboxPage() {
  const actor = await requireActor("/outbox");
  const { t, locale } = await getT();
  const messages = await listOutbox(actor);
  const everyone = hasPermission(actor, "audit.read");
  return (
    <>
      <h1>{t("common.outbox.title")}</h1>
      <p className="muted">
        {t("common.outbox.intro")} {everyone ? t("common.outbox.seeEverything") : t("common.outbox.seeYours", { email: actor.email })}
      </p>
      {messages.length === 0 ? (
        <p>{t("common.outbox.none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="outbox">
            <thead>
              <tr>
                <th scope="col">{t("common.outbox.sent")}</th>
                <th scope="col">{t("common.outbox.to")}</th>
                <th scope="col">{t("common.outbox.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.at === null ? t("common.outbox.unknownDate") : <When at={m.at} locale={locale} />}</td>
                  <td>
                    {m.to.join(", ")}
                    {m.cc.length > 0 ? <span className="muted"> {t("common.outbox.ccList", { cc: m.cc.join(", ") })}</span> : null}
                  </td>
                  <td>
                    <Link href={`/outbox/${m.id}`}>{m.subject || t("common.outbox.noSubject")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
