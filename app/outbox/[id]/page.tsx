import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getOutboxMessage } from "@/lib/data/outbox";
import { requireActor } from "@/lib/data/session";
import { formatGeneva, formatUtc } from "@/lib/geneva-time";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Message" };

export default async function OutboxMessagePage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/outbox/${encodeURIComponent(id)}`);
  const result = await getOutboxMessage(actor, id);
  if (!result.ok) notFound();
  const m = result.value;
  return (
    <>
      <p>
        <Link href="/outbox">← Outbox</Link>
      </p>
      <h1>{m.subject || "(no subject)"}</h1>
      <dl className="facts card">
        <dt>Date</dt>
        <dd>{m.at === null ? "unknown" : `${formatGeneva(m.at)} (${formatUtc(m.at)})`}</dd>
        <dt>From</dt>
        <dd>{m.from}</dd>
        <dt>To</dt>
        <dd>{m.to.join(", ")}</dd>
        {m.cc.length > 0 ? (
          <>
            <dt>Cc</dt>
            <dd>{m.cc.join(", ")}</dd>
          </>
        ) : null}
        <dt>Subject</dt>
        <dd>{m.subject}</dd>
      </dl>
      <pre className="card" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="message-text">
        {m.text}
      </pre>
    </>
  );
}
