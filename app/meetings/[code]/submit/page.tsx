import { describeFailure } from "@/lib/present/failures";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { fillSlots } from "@/lib/present/format";
import { getMeeting } from "@/lib/data/meetings";
import { listMeetingQuestions } from "@/lib/data/questions";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { whyNotSubmitContribution } from "@/lib/auth/permissions";
import { settings } from "@/lib/config/settings";
import { DeadlineBox } from "@/app/_components/deadline-box";
import { SubmitForm } from "./submit-form";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.submit.metaTitle", { code: (await params).code }) };
}

export default async function SubmitPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/submit`);
  const { t, locale } = await getT();
  const found = getMeeting(actor, code);
  if (!found.ok) notFound();
  const meeting = found.value;
  const refusal = whyNotSubmitContribution(actor, { studyGroupId: meeting.studyGroup.id, studyGroupCode: meeting.studyGroup.code });
  const email = meeting.studyGroup.email;

  return (
    <>
      <h1>{t("member.submit.heading")}</h1>
      <p>
        {fillSlots(t("member.submit.to"), {
          meeting: (
            <Link key="meeting" href={`/meetings/${meeting.code}`}>
              {meeting.title}
            </Link>
          ),
          code: (
            <span key="code" className="muted">
              ({meeting.code})
            </span>
          ),
        })}
      </p>
      <DeadlineBox deadlineAt={meeting.deadlineAt} />
      {refusal || !actor.organisation ? (
        <div className="notice strong" role="note" data-testid="submit-refused">
          <p style={{ margin: 0 }}>{refusal ? describeFailure(refusal, locale) : t("member.submit.noOrganisation")}</p>
          <p style={{ margin: ".4rem 0 0", fontWeight: 400 }}>
            {email
              ? fillSlots(t("member.submit.writeToSecretariatAt"), {
                  email: (
                    <a key="email" href={`mailto:${email}`}>
                      {email}
                    </a>
                  ),
                })
              : t("member.submit.writeToSecretariat")}
          </p>
        </div>
      ) : (
        <>
          <p className="muted">{t("member.submit.intro")}</p>
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
