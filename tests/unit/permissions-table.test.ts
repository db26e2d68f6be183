// The role table is the one source of who may do what: every permission in it is checked somewhere through
// hasPermission(), and the scope checks come on top of the table, never instead of it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canDecideLateRequest, canManageMeeting, canReviewContribution, ROLE_PERMISSIONS, type Actor, type Permission } from "@/lib/auth/permissions";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const code = ["app", "lib"].flatMap((d) => sources(path.join(root, d))).map((f) => readFileSync(f, "utf8"));

function actor(over: Partial<Actor>): Actor {
  return {
    userId: 1,
    email: "x@example.org",
    name: "X",
    phone: null,
    organisation: null,
    rapporteurQuestionIds: [],
    secretariatGroupIds: [],
    roles: [],
    locale: null,
    timeZone: null,
    sessionVersion: 0,
    ...over,
  };
}

describe("the role table", () => {
  const permissions = [...new Set(Object.values(ROLE_PERMISSIONS).flat())] as Permission[];

  it.each(permissions)("%s is checked through hasPermission() somewhere", (permission) => {
    const uses = code.filter((src) => src.includes(`hasPermission(`) && new RegExp(`hasPermission\\([^)]*"${permission.replace(".", "\\.")}"`).test(src));
    expect(uses.length, `no hasPermission(…, "${permission}")`).toBeGreaterThan(0);
  });

  it("decides late requests only with late.decide and only for the secretariat's own group", () => {
    const secretariat = actor({ roles: ["secretariat"], secretariatGroupIds: [20] });
    expect(canDecideLateRequest(secretariat, { studyGroupId: 20 })).toBe(true);
    expect(canDecideLateRequest(secretariat, { studyGroupId: 17 })).toBe(false);
    // A group listed without the role (an inconsistent actor) gets nothing: the table comes first.
    expect(canDecideLateRequest(actor({ roles: ["rapporteur"], secretariatGroupIds: [20] }), { studyGroupId: 20 })).toBe(false);
    expect(canManageMeeting(actor({ roles: ["member"], secretariatGroupIds: [20] }), { studyGroupId: 20 })).toBe(false);
    expect(canReviewContribution(actor({ roles: ["member"], rapporteurQuestionIds: [3] }), { studyGroupId: 20, questionIds: [3] })).toBe(false);
    expect(canReviewContribution(actor({ roles: ["rapporteur"], rapporteurQuestionIds: [3] }), { studyGroupId: 20, questionIds: [3] })).toBe(true);
  });
});
