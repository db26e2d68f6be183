import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getMeeting } from "@/lib/data/meetings";
import { listMeetingQuestions } from "@/lib/data/questions";
import { requireActor } from "@/lib/data/session";
import { whyNotSubmitContribution } from "@/lib/permissions";
import { settings } from "@/lib/settings";
import { DeadlineBox } from "@/app/_components/deadline-box";
import { SubmitForm } from "./submit-form";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Submit a contribution to ${(await params).code}` };
}

export default async function SubmitPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/submit`);
  const found = getMeeting(actor, code);
  if (!found.ok) notFound();
  const meeting = found.value;
  const refusal = whyNotSubmitContribution(actor, { studyGroupId: meeting.studyGroup.id, studyGroupCode: meeting.studyGroup.code });

  return (
    <>
      <h1>Submit a contribution</h1>
      <p>
        To <Link href={`/meetings/${meeting.code}`}>{meeting.title}</Link> <span className="muted">({meeting.code})</span>
      </p>
      <DeadlineBox deadlineAt={meeting.deadlineAt} />
      {refusal || !actor.organisation ? (
        <div className="notice strong" role="note" data-testid="submit-refused">
          <p style={{ margin: 0 }}>{refusal?.message ?? "Your account is not linked to a member organisation."}</p>
          <p style={{ margin: ".4rem 0 0", fontWeight: 400 }}>
            If you think this is wrong, write to the secretariat
            {meeting.studyGroup.email ? (
              <>
                {" "}
                at <a href={`mailto:${meeting.studyGroup.email}`}>{meeting.studyGroup.email}</a>
              </>
            ) : null}
            .
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            The server records the moment your whole file has arrived, in Geneva time; that moment decides whether it is on time. You
            get a receipt with the number and the file&apos;s SHA-256 fingerprint.
          </p>
          <SubmitForm
            meetingCode={meeting.code}
            questions={listMeetingQuestions(actor, meeting.code)}
            source={actor.organisation.name}
            defaultContact={{
              name: actor.name,
              organization: actor.organisation.name,
              country: actor.organisation.country,
              phone: actor.phone ?? "",
              email: actor.email,
            }}
            maxUploadBytes={settings().maxUploadBytes}
          />
        </>
      )}
    </>
  );
}
