// Organisations as the secretariat picks them in forms (extensions, accounts).
import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations } from "@/db/schema";
import type { MemberType } from "@/lib/domain";
import { hasPermission, type Actor } from "@/lib/auth/permissions";

export type OrganisationOption = { id: number; name: string; country: string; memberType: MemberType };

export function listOrganisations(actor: Actor): OrganisationOption[] {
  if (!hasPermission(actor, "meeting.manage")) return [];
  return getDb()
    .select({ id: organisations.id, name: organisations.name, country: organisations.country, memberType: organisations.memberType })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
}
