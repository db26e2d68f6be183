// The actor of an API request: a bearer token, or else the browser's session cookie (same-origin only for writes).
import "server-only";
import { getActor } from "@/lib/auth/session";
import { actorForToken } from "@/lib/data/tokens";
import { failT, type Failure } from "@/lib/domain/failures";
import type { Actor } from "@/lib/auth/permissions";
import { ownHosts } from "@/lib/http/origin";

const UNAUTHENTICATED = failT("unauthenticated", "api.unauthenticated");

/**
 * A write carried by the session cookie must come from our own pages: a cross-site form post has
 * another Origin (or none a browser would omit), and is refused before anything is read.
 */
function crossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  if (!origin) return false; // non-browser clients send no Origin; SameSite=Lax keeps cross-site cookies away
  try {
    return !ownHosts(request.headers).includes(new URL(origin).host);
  } catch {
    return true;
  }
}

export async function getApiActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return actorForToken(header.slice(7).trim());
  return getActor();
}

/** For POST/PUT/PATCH/DELETE: the actor, or the failure to answer with. */
export async function getApiWriter(request: Request): Promise<{ ok: true; actor: Actor } | Failure> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    const actor = actorForToken(header.slice(7).trim());
    return actor ? { ok: true, actor } : failT("unauthenticated", "api.token.unknown");
  }
  if (crossSite(request)) return failT("forbidden", "api.crossSite");
  const actor = await getActor();
  return actor ? { ok: true, actor } : UNAUTHENTICATED;
}
