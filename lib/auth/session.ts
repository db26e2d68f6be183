// The signed-in actor of the current request, for pages, actions and route handlers.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { loadSessionActor } from "@/lib/data/actor";
import type { Actor } from "@/lib/auth/permissions";

/**
 * The actor, or null when signed out, when the account was deactivated or no longer exists, or when
 * the session was issued before the account's password last changed (its session version is older).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = Number(session?.user?.id);
  const version = session?.user?.sessionVersion;
  if (!Number.isInteger(id) || id <= 0 || typeof version !== "number") return null;
  return loadSessionActor(id, version);
});

/** For pages: the actor, or a redirect to sign-in that comes back here afterwards. */
export async function requireActor(returnTo = "/"): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
