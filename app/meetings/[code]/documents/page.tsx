import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listMeetingContributions } from "@/lib/data/contributions";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Documents of ${(await params).code}` };
}

/** The meeting's list of admitted contributions, for every signed-in member. */
export default async function DocumentsPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/documents`);
  const result = listMeetingContributions(actor, code);
  if (!result.ok) notFound();
  const docs = result.value.filter((c) => c.status === "active" && c.number !== null && c.meetingCode === code);
  return (
    <>
      <h1>Contributions to {code}</h1>
      <p>
        {docs.length} contribution{docs.length === 1 ? "" : "s"} admitted to the meeting. Documents are for ITU-T members only.
      </p>
      <div className="table-wrap">
        <table data-testid="documents-table">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Questions</th>
              <th scope="col">Received (Geneva)</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/contributions/${c.id}`}>{c.displayNumber}</Link>
                  {c.current && c.current.kind !== "original" ? ` ${c.current.label}` : ""} {c.late ? <span className="badge late">LATE</span> : null}
                </td>
                <td>{c.title}</td>
                <td>{c.source}</td>
                <td>{c.questions.join(", ")}</td>
                <td>{c.versions[0] ? formatGeneva(c.versions[0].receivedAt, { seconds: false }) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
