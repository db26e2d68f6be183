// Reference data (SG20 and its Questions, the July 2020 meeting) always; demo organisations and accounts in demo mode only.
import { count, eq } from "drizzle-orm";
import type { DB } from "./client";
import {
  meetingChanges,
  meetings,
  meetingSessions,
  organisations,
  questions,
  rapporteurAssignments,
  secretariatAssignments,
  studyGroups,
  studyPeriods,
  users,
  workingParties,
} from "./schema";
import type { MemberType } from "../lib/domain";
import { defaultDeadline } from "../lib/time/deadlines";
import { genevaWallTimeToInstant } from "../lib/time/geneva";
import { hashPassword } from "../lib/auth/passwords";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SG20_MEETING_CODE } from "../lib/config/demo";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, SG20_MEETING_CODE };

const SG20_QUESTIONS: Array<[number, 1 | 2, string]> = [
  [1, 1, "End-to-end connectivity, networks, interoperability, infrastructures and Big Data aspects related to IoT and SC&C"],
  [2, 1, "Requirements, capabilities, and use cases across verticals"],
  [3, 1, "Architectures, management, protocols and Quality of Service"],
  [4, 2, "e/Smart services, applications and supporting platforms"],
  [5, 2, "Research and emerging technologies, terminology and definitions"],
  [6, 2, "Security, privacy, trust and identification for IoT and SC&C"],
  [7, 2, "Evaluation and assessment of Smart Sustainable Cities and Communities"],
];

const g = (date: string, time: string) => genevaWallTimeToInstant(date, time);

/** Idempotent: does nothing when the study groups exist already. */
export function seedReferenceData(db: DB, at: number): void {
  const [{ n }] = db.select({ n: count() }).from(studyGroups).all();
  if (n > 0) return;
  db.transaction((tx) => {
    const sg20 = tx
      .insert(studyGroups)
      .values({ number: 20, code: "SG20", title: "Internet of things and smart cities and communities", email: "tsbsg20@itu.int" })
      .returning()
      .get();
    tx.insert(studyGroups).values({ number: 17, code: "SG17", title: "Security", email: "tsbsg17@itu.int" }).run();
    const t17 = tx.insert(studyPeriods).values({ code: "T17", label: "2017-2020", firstYear: 2017, lastYear: 2020 }).returning().get();
    const wp = [1, 2].map(
      (k) =>
        tx
          .insert(workingParties)
          .values({ studyGroupId: sg20.id, studyPeriodId: t17.id, code: `WP${k}/20`, title: `Working Party ${k}/20` })
          .returning()
          .get().id,
    );
    for (const [number, wpNumber, title] of SG20_QUESTIONS) {
      tx.insert(questions)
        .values({ studyGroupId: sg20.id, studyPeriodId: t17.id, workingPartyId: wp[wpNumber - 1], number, code: `Q${number}/20`, title })
        .run();
    }

    const deadlineAt = defaultDeadline("2020-07-06");
    const meeting = tx
      .insert(meetings)
      .values({
        code: SG20_MEETING_CODE,
        title: "ITU-T Study Group 20 meeting (fully virtual)",
        studyGroupId: sg20.id,
        studyPeriodId: t17.id,
        mode: "virtual",
        location: "Virtual (remote participation only)",
        firstDay: "2020-07-06",
        lastDay: "2020-07-16",
        timeZone: "Europe/Zurich",
        deadlineAt,
        deadlineRule: "default",
        deadlineNote: "Collective letter 8/20: contributions due 23 June 2020 (unchanged by Corrigendum 1).",
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    const sessions = [
      { title: "E-meeting on SG20 and WTSA-20 preparation", kind: "e_meeting", date: "2020-05-19", from: "12:00", to: "14:00", reg: false },
      { title: "E-meeting on SG20 and WTSA-20 preparation", kind: "e_meeting", date: "2020-05-21", from: "12:00", to: "14:00", reg: false },
      { title: "Newcomers' session (virtual)", kind: "newcomers", date: "2020-06-03", from: "11:30", to: "13:30", reg: true },
      {
        title: 'Webinar "Accelerating city transformation through standards"',
        kind: "webinar",
        date: "2020-06-25",
        from: "12:00",
        to: "14:00",
        reg: false,
      },
      { title: "JCA-IoT and SC&C meeting (fully virtual)", kind: "jca", date: "2020-06-26", from: "11:00", to: "13:00", reg: true },
    ] as const;
    for (const s of sessions) {
      tx.insert(meetingSessions)
        .values({
          meetingId: meeting.id,
          title: s.title,
          kind: s.kind,
          startsAt: g(s.date, s.from),
          endsAt: g(s.date, s.to),
          registrationRequired: s.reg,
          note: s.kind === "jca" ? "Moved from 8 July 2020 by Corrigendum 1." : null,
        })
        .run();
    }
    tx.insert(meetingChanges)
      .values({
        meetingId: meeting.id,
        at: g("2020-05-04", "09:00"),
        actorUserId: null,
        reference: "Corrigendum 1 to TSB Collective letter 8/20",
        reason:
          "Covid-19: the meeting becomes fully virtual and is no longer co-located with oneM2M; no fellowships; " +
          "no interpretation (English only); agenda and time plan to be reissued. The JCA-IoT and SC&C meeting moves from " +
          "8 July to 26 June 2020, 11:00-13:00 Geneva time. The contribution deadline is unchanged: 23 June 2020.",
        // Only the meeting's own facts that changed: the JCA move is a related session's (see its note).
        changes: { mode: { from: "physical", to: "virtual" } },
      })
      .run();
  });
}

/** Demo organisations of every member type and one account per role. Never called in production mode. */
export async function seedDemo(db: DB, at: number): Promise<void> {
  seedReferenceData(db, at);
  const [{ n }] = db.select({ n: count() }).from(users).all();
  if (n > 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const sg20 = db.select().from(studyGroups).where(eq(studyGroups.code, "SG20")).get()!;
  const sg17 = db.select().from(studyGroups).where(eq(studyGroups.code, "SG17")).get()!;
  const q = (code: string) => db.select().from(questions).where(eq(questions.code, code)).get()!.id;

  db.transaction((tx) => {
    const org = (name: string, country: string, memberType: MemberType, associateOf?: number) =>
      tx
        .insert(organisations)
        .values({ name, country, memberType, associateStudyGroupId: associateOf ?? null, createdAt: at })
        .returning()
        .get().id;
    const orgs: Record<string, number> = {
      "delegate@admin-ch.example": org("Switzerland (Confederation of) - OFCOM", "Switzerland", "member_state"),
      "delegate@telco.example": org("Example Telecom Ltd", "United Kingdom", "sector_member"),
      "delegate@university.example": org("Example University", "Japan", "academia"),
      "delegate@associate-sg20.example": org("Smart City Example Ltd", "Russian Federation", "associate", sg20.id),
      "delegate@associate-sg17.example": org("SecureIoT Example S.A.", "Brazil", "associate", sg17.id),
    };
    const phones: Record<string, string> = {
      "delegate@admin-ch.example": "+41 58 460 55 00",
      "delegate@telco.example": "+44 20 7946 0000",
      "delegate@university.example": "+81 3 0000 0000",
      "delegate@associate-sg20.example": "+7 495 000 00 00",
      "delegate@associate-sg17.example": "+55 11 0000 0000",
    };
    for (const account of DEMO_ACCOUNTS) {
      const user = tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          passwordHash,
          organisationId: orgs[account.email] ?? null,
          phone: phones[account.email] ?? null,
          active: true,
          createdAt: at,
        })
        .returning()
        .get();
      if (account.email.startsWith("tsb.")) {
        tx.insert(secretariatAssignments).values({ userId: user.id, studyGroupId: sg20.id, title: "Counsellor" }).run();
      } else if (account.email === "rapporteur.q3@sg20.example") {
        tx.insert(rapporteurAssignments).values({ userId: user.id, questionId: q("Q3/20"), kind: "rapporteur" }).run();
      } else if (account.email === "rapporteur.q6@sg20.example") {
        tx.insert(rapporteurAssignments).values({ userId: user.id, questionId: q("Q6/20"), kind: "rapporteur" }).run();
      }
    }
  });
}
