import { getApiActor } from "@/lib/http/actor";
import { actorForFeedKey, questionFeed } from "@/lib/data/feeds";
import { UNAUTHENTICATED } from "@/lib/http/json";
import { publicOrigin } from "@/lib/http/origin";
import { reply, route } from "@/lib/http/route";
import { requestLocale } from "@/lib/i18n/server";
import { renderQuestionAtom } from "@/lib/present/atom";
import { codeParam } from "@/lib/validation/api";

export const runtime = "nodejs";

/**
 * A Question's Atom feed of new and revised contributions. Feed readers that cannot sign in send the account's feed
 * key as ?key= (revocable on the account page); scripts send a bearer token; a signed-in browser its session. The
 * route is declared public because the key, not the session, may be what names the reader: without either it is 401.
 */
export const GET = route({ access: "public", params: { question: codeParam } }, async ({ request, params }) => {
  const url = new URL(request.url);
  const key = url.searchParams.get("key");
  const actor = key !== null ? actorForFeedKey(key) : await getApiActor(request);
  if (!actor) return UNAUTHENTICATED;
  const origin = publicOrigin(request.headers, url.origin);
  const self = new URL(url.pathname, origin).toString();
  return reply(
    questionFeed(actor, params.question),
    (feed) =>
      new Response(renderQuestionAtom(feed, { origin, authority: new URL(origin).hostname, selfUrl: self, locale: requestLocale(request, actor.locale) }), {
        headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
      }),
  );
});
