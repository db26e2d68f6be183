// The secretariat's decisions on late submission requests: admit, defer to a later meeting, reissue as a TD, decline.
import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributions, contributionVersions, lateRequests, meetings } from "@/db/schema";
import type { DecidedStatus, Decision } from "@/lib/domain";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { queueDecisionMail } from "@/lib/data/notifications";
import { nextNumber } from "@/lib/data/submission-checks";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { failFields } from "@/lib/validation/messages";
import { canDecideLateRequest, type Actor } from "@/lib/auth/permissions";

/** Parsed by decisionBody (lib/validation/secretariat.ts): the decision is one of DECISIONS, the reason at least 3 characters. */
export type DecisionInput = { decision: Decision; reason: string; deferTo?: string | null; tdReference?: string | null };

export type DecisionOutcome = {
  lateRequestId: number;
  contributionId: number;
  status: DecidedStatus;
  number: number | null;
  meetingCode: string;
};

/** Meetings of the same group after this one: where a late request can be deferred to. */
export function deferralTargets(actor: Actor, meetingId: number): Array<{ code: string; title: string; firstDay: string }> {
  const db = getDb();
  const m = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!m || !canDecideLateRequest(actor, m)) return [];
  return db
    .select({ code: meetings.code, title: meetings.title, firstDay: meetings.firstDay })
    .from(meetings)
    .where(and(eq(meetings.studyGroupId, m.studyGroupId), gt(meetings.firstDay, m.firstDay)))
    .orderBy(asc(meetings.firstDay))
    .all();
}

export async function decideLateRequest(actor: Actor, lateRequestId: number, input: DecisionInput): Promise<Result<DecisionOutcome>> {
  const db = getDb();
  const request = db.select().from(lateRequests).where(eq(lateRequests.id, lateRequestId)).get();
  const meeting = request ? db.select().from(meetings).where(eq(meetings.id, request.meetingId)).get() : undefined;
  if (!request || !meeting || !canDecideLateRequest(actor, meeting)) return failT("not_found", "api.notFound.lateRequest");
  if (request.status !== "awaiting_decision") {
    const status = request.status;
    return failT("conflict", "api.decision.alreadyDecided", { status: { label: "lateRequestStatus", code: status } });
  }
  const reason = input.reason;

  let target = meeting;
  if (input.decision === "defer") {
    if (request.kind !== "new") return failFields("invalid", "api.decision.revisionNotDeferred", undefined, { decision: "api.field.notForRevisions" });
    const to = input.deferTo ? db.select().from(meetings).where(eq(meetings.code, input.deferTo)).get() : undefined;
    if (!to || to.studyGroupId !== meeting.studyGroupId || to.firstDay <= meeting.firstDay) {
      return failFields("invalid", "api.decision.deferTarget", undefined, { deferTo: "api.field.laterMeeting" });
    }
    target = to;
  }

  const at = now();
  const outcome = db.transaction(
    (tx) => {
      const fresh = tx.select().from(lateRequests).where(eq(lateRequests.id, request.id)).get()!;
      if (fresh.status !== "awaiting_decision") return null;
      const contribution = tx.select().from(contributions).where(eq(contributions.id, fresh.contributionId)).get()!;
      let status: DecisionOutcome["status"];
      let number = contribution.number;
      switch (input.decision) {
        case "admit": {
          status = "admitted";
          tx.update(contributionVersions).set({ state: "accepted" }).where(eq(contributionVersions.id, fresh.versionId)).run();
          if (fresh.kind === "new") {
            // The next free number, given now; the LATE mark stays because it is derived from the receipt time.
            number = nextNumber(tx, contribution);
            tx.update(contributions).set({ number, status: "active", updatedAt: at }).where(eq(contributions.id, contribution.id)).run();
          } else {
            tx.update(contributions).set({ updatedAt: at }).where(eq(contributions.id, contribution.id)).run();
          }
          break;
        }
        case "defer": {
          status = "deferred";
          number = nextNumber(tx, target);
          tx.update(contributionVersions).set({ state: "accepted" }).where(eq(contributionVersions.id, fresh.versionId)).run();
          tx.update(contributions)
            .set({ meetingId: target.id, studyPeriodId: target.studyPeriodId, number, status: "active", updatedAt: at })
            .where(eq(contributions.id, contribution.id))
            .run();
          break;
        }
        case "reissue_as_td":
        case "decline": {
          status = input.decision === "decline" ? "declined" : "reissued_td";
          tx.update(contributionVersions).set({ state: "refused" }).where(eq(contributionVersions.id, fresh.versionId)).run();
          if (fresh.kind === "new") {
            tx.update(contributions).set({ status, updatedAt: at }).where(eq(contributions.id, contribution.id)).run();
          }
          break;
        }
      }
      tx.update(lateRequests)
        .set({
          status,
          decidedByUserId: actor.userId,
          decidedAt: at,
          decisionReason: reason,
          deferredToMeetingId: input.decision === "defer" ? target.id : null,
          tdReference: input.decision === "reissue_as_td" ? (input.tdReference?.trim() || null) : null,
        })
        .where(eq(lateRequests.id, fresh.id))
        .run();
      recordAudit(tx, {
        at,
        actorUserId: actor.userId,
        action: `late_request.${input.decision}`,
        entityType: "late_request",
        entityId: fresh.id,
        meetingId: meeting.id,
        details: { contributionId: contribution.id, reason, number, deferredTo: input.decision === "defer" ? target.code : null, tdReference: input.tdReference ?? null },
      });
      // The decision's e-mail is part of this commit: queued here, sent by the worker.
      queueDecisionMail(tx, {
        lateRequestId: fresh.id,
        contributionId: contribution.id,
        organisationId: contribution.organisationId,
        studyGroupId: meeting.studyGroupId,
        requestedByUserId: fresh.requestedByUserId,
        at,
      });
      return { lateRequestId: fresh.id, contributionId: contribution.id, status, number, meetingCode: target.code };
    },
    { behavior: "immediate" },
  );
  if (!outcome) return failT("conflict", "api.decision.raced");
  return ok(outcome);
}
