import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getContribution } from "@/lib/data/contributions";
import { requireActor } from "@/lib/data/session";
import { CONTRIBUTION_STATUS_LABEL, formatBytes } from "@/lib/format";
import { formatGeneva, formatUtc } from "@/lib/geneva-time";
import { LocalTime } from "@/app/_components/local-time";
import { PrintButton } from "./print-button";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string }> };

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { version } = await searchParams;
  const actor = await requireActor(`/contributions/${id}/receipt${version ? `?version=${encodeURIComponent(version)}` : ""}`);
  const found = getContribution(actor, Number(id));
  if (!found.ok) notFound();
  const c = found.value;
  // The versions listed are exactly those this actor may see, so a hidden version is simply not found.
  const v = version === undefined ? c.versions.at(-1) : c.versions.find((x) => x.id === Number(version));
  if (!v) notFound();

  const suffix = v.kind === "original" ? "" : ` ${v.label}`;
  const isLateRequest = v.state === "pending";
  const numberText =
    c.number === null
      ? c.status === "late_request"
        ? "Late submission request — no number until the secretariat admits it"
        : `No number (${CONTRIBUTION_STATUS_LABEL[c.status].toLowerCase()})`
      : `${c.displayNumber}${suffix}`;
  const status =
    c.status === "withdrawn"
      ? "Withdrawn"
      : isLateRequest
        ? "Late request — awaiting the secretariat's decision"
        : v.state === "refused"
          ? "Refused by the secretariat"
          : CONTRIBUTION_STATUS_LABEL[c.status];

  return (
    <>
      <h1>Receipt</h1>
      <p className="no-print muted">
        Keep this receipt: it shows when the server received your document and the fingerprint of exactly what it received.
      </p>
      <section className="card receipt" aria-label="Receipt details" data-testid="receipt">
        <p className="receipt-head">
          ITU-T contribution tracker · {c.meetingTitle} ({c.meetingCode})
        </p>
        <dl className="facts">
          <dt>Number</dt>
          <dd>
            <strong data-testid="receipt-number">{numberText}</strong>
            {isLateRequest && c.number !== null ? <div className="muted">Late {v.kind} request: this version is not in the meeting until the secretariat admits it.</div> : null}
          </dd>
          <dt>Reference</dt>
          <dd data-testid="receipt-reference">{c.reference ?? "None yet (given with the number)"}</dd>
          <dt>Version</dt>
          <dd>{v.label}</dd>
          <dt>Title</dt>
          <dd>{c.title}</dd>
          <dt>Question(s)</dt>
          <dd>{c.questions.join(", ") || "—"}</dd>
          <dt>Source</dt>
          <dd>{c.source}</dd>
          <dt>Submitted by</dt>
          <dd>{v.submittedBy}</dd>
          <dt>File name</dt>
          <dd className="break-all">{v.originalName}</dd>
          <dt>Received (Geneva)</dt>
          <dd>
            <strong data-testid="receipt-received-geneva">{formatGeneva(v.receivedAt, { seconds: true })}</strong>
          </dd>
          <dt>Received (UTC)</dt>
          <dd>
            {formatUtc(v.receivedAt)}
            <div>
              <LocalTime at={v.receivedAt} />
            </div>
          </dd>
          <dt>Upload started</dt>
          <dd>
            {formatGeneva(v.requestStartedAt, { seconds: true })} <span className="muted">(Geneva)</span>
            <div className="muted">
              <LocalTime at={v.requestStartedAt} />
            </div>
          </dd>
          <dt>Size</dt>
          <dd>{formatBytes(v.size)}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="break-all" data-testid="receipt-sha256">
              {v.sha256}
            </code>
          </dd>
          <dt>Deadline</dt>
          <dd>
            {v.late ? (
              <span className="badge late" data-testid="receipt-late">
                LATE
              </span>
            ) : (
              <span className="badge ontime" data-testid="receipt-late">
                On time
              </span>
            )}{" "}
            {v.lateness.replace(/^on time, /, "")}
            <div className="muted">
              The first late instant was {formatGeneva(c.deadlineAt, { seconds: false })} Geneva time.
            </div>
          </dd>
          <dt>Status</dt>
          <dd data-testid="receipt-status">{status}</dd>
        </dl>
      </section>
      <p className="actions no-print">
        <PrintButton />
        <Link href={`/contributions/${c.id}`}>The contribution</Link>
        <Link href="/contributions">My contributions</Link>
      </p>
    </>
  );
}
