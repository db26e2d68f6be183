import type { Metadata } from "next";
import Link from "next/link";
import { hasPermission } from "@/lib/permissions";
import { listOutbox } from "@/lib/data/outbox";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const actor = await requireActor("/outbox");
  const messages = await listOutbox(actor);
  const everyone = hasPermission(actor, "audit.read");
  return (
    <>
      <h1>Outbox</h1>
      <p className="muted">
        No mail relay is configured here, so the e-mails the tracker sends (receipts and decisions) are kept in this outbox instead.{" "}
        {everyone ? "As the secretariat you see every message." : `You see the messages sent to ${actor.email}.`}
      </p>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="outbox">
            <thead>
              <tr>
                <th scope="col">Sent (Geneva time)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.at === null ? "unknown" : formatGeneva(m.at)}</td>
                  <td>
                    {m.to.join(", ")}
                    {m.cc.length > 0 ? <span className="muted"> (cc {m.cc.join(", ")})</span> : null}
                  </td>
                  <td>
                    <Link href={`/outbox/${m.id}`}>{m.subject || "(no subject)"}</Link>
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
