import { getApiActor } from "@/lib/http/actor";
import { actorForFeedKey, questionFeed } from "@/lib/data/feeds";
import { jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { renderQuestionAtom } from "@/lib/present/atom";

export const runtime = "nodejs";

/**
 * A Question's Atom feed of new and revised contributions. Feed readers that cannot sign in send the account's feed
 * key as ?key= (revocable on the account page); scripts send a bearer token; a signed-in browser its session.
 */
export async function GET(request: Request, { params }: { params: Promise<{ question: string }> }) {
  const url = new URL(request.url);
  const key = url.searchParams.get("key");
  const actor = key !== null ? actorForFeedKey(key) : await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const result = questionFeed(actor, (await params).question);
  if (!result.ok) return jsonError(result, undefined, locale);
  const publicOrigin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") || url.origin;
  const self = new URL(url.pathname, publicOrigin).toString();
  return new Response(renderQuestionAtom(result.value, { origin: publicOrigin, authority: new URL(publicOrigin).hostname, selfUrl: self, locale }), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}
