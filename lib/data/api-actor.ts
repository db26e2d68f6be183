// The actor of an API request: a bearer token, or else the browser's session cookie.
import "server-only";
import { getActor } from "@/lib/data/session";
import { actorForToken } from "@/lib/data/tokens";
import type { Actor } from "@/lib/permissions";

export async function getApiActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    return actorForToken(header.slice(7).trim());
  }
  return getActor();
}
