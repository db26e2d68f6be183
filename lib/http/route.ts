// The one wrapper of every /api/v1 route handler: the actor, path parameters, query and a capped body checked with zod, one catch.
import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { NextRequest } from "next/server";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { settings } from "@/lib/config/settings";
import { failT, type Failure, type Result } from "@/lib/domain/failures";
import { describeFailure } from "@/lib/present/failures";
import { bodyTooLarge, lingerBytes, lingering, readBodyBytes, readJsonBody, smallBodyLingerBytes } from "@/lib/http/body";
import { getApiActor, getApiWriter } from "@/lib/http/actor";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { parseUpload, type ParsedUpload } from "@/lib/http/multipart";
import { readUploadRequest } from "@/lib/http/upload-request";
import type { Locale } from "@/lib/i18n/config";
import { requestLocale } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { now } from "@/lib/time/clock";
import { failWithFields, zodFieldReasons } from "@/lib/validation/messages";
import { searchParamsObject } from "@/lib/validation/review";

/**
 * Who may call a route: anyone (`public`: no actor is looked up), anyone signed in (`reader`: a bearer token or the
 * session cookie), or a signed-in writer (`writer`: with the session cookie only from the tracker's own pages, the
 * Origin / Sec-Fetch-Site check, so that another site cannot make a member's browser write).
 */
export type Access = "public" | "reader" | "writer";

/** A JSON body, read with the MAX_JSON_BODY_KB cap, then checked by `schema`. */
export type JsonBody<S extends z.ZodType = z.ZodType> = {
  kind: "json";
  schema: S;
  /** the message when the body is not JSON; null: a missing or malformed body is read as `undefined` (optional bodies) */
  notJson: MessageKey | null;
  /** the message above the field messages when the JSON does not fit the schema, or the whole failure */
  invalid: MessageKey | ((error: z.ZodError) => Failure);
};

/** A multipart upload (`metadata` JSON + `file`), read by the handler through `ctx.upload()` after the checks that need no body. */
export type UploadBody<S extends z.ZodType | null = z.ZodType | null> = {
  kind: "upload";
  /** the `metadata` part's schema; null for a bare file (the cover-page reader) */
  metadata: S;
  metadataRequired: boolean;
};

export type QuerySpec<S extends z.ZodType = z.ZodType> = { schema: S; invalid: MessageKey };

export type RouteOptions = {
  access: Access;
  /** each path parameter's schema (the value arrives as a string) */
  params?: Record<string, z.ZodType<unknown, string>>;
  /** the message of the not_found answered for a path parameter that does not parse (an id that is not a number) */
  notFound?: MessageKey;
  query?: QuerySpec;
  body?: JsonBody | UploadBody;
  /** the route exists only when this holds; otherwise not_available (404), before anything else is looked at */
  enabled?: () => boolean;
  /** a check of the actor before any parameter is parsed: those who may not use the route learn nothing of its input rules */
  guard?: (actor: Actor) => Failure | null;
};

type ParamsOf<O extends RouteOptions> = O["params"] extends Record<string, z.ZodType> ? { [K in keyof O["params"]]: z.output<O["params"][K]> } : Record<string, never>;
type QueryOf<O extends RouteOptions> = O["query"] extends QuerySpec<infer S> ? z.output<S> : undefined;
type BodyOf<O extends RouteOptions> = O["body"] extends JsonBody<infer S> ? z.output<S> : undefined;
type UploadRead<S> = S extends z.ZodType ? Awaited<ReturnType<typeof readUploadRequest<S>>> : { ok: true; value: ParsedUpload } | Failure;
type UploadOf<O extends RouteOptions> = O["body"] extends UploadBody<infer S> ? () => Promise<UploadRead<S>> : undefined;

export type RouteContext<O extends RouteOptions> = {
  request: Request;
  actor: O["access"] extends "public" ? null : Actor;
  /** the reader's language: the account's, else the cookie's, else Accept-Language */
  locale: Locale;
  params: ParamsOf<O>;
  query: QueryOf<O>;
  body: BodyOf<O>;
  /** upload routes: reads the multipart body (streamed to a temp file) and its metadata */
  upload: UploadOf<O>;
};

/** What a handler answers: a response, or an expected failure (turned into {code, message} in the reader's language). */
export type Answer = Response | Failure;

/** Next's second argument: the dynamic segments (absent when a test calls a handler without them). */
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteHandler<O extends RouteOptions = RouteOptions> = ((request: Request, context?: NextContext) => Promise<Response>) & {
  /** the declaration, kept on the handler so that the OpenAPI document can be generated from it */
  readonly route: O;
};

/** A Result's value as a response, or its failure as it is. */
export function reply<T>(result: Result<T>, answer: (value: T) => Response): Answer {
  return result.ok ? answer(result.value) : result;
}

function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && !(value instanceof Response) && (value as Failure).ok === false;
}

/** 500 with a request id that names the log entry; the message in the reader's language, no stack, no detail. */
function internalError(request: Request, error: unknown, locale: Locale): Response {
  const requestId = randomUUID();
  let where = request.url;
  try {
    where = new URL(request.url).pathname;
  } catch {
    /* keep the raw URL */
  }
  console.error(`[${requestId}] ${request.method} ${where}: unexpected error`, error);
  const failure = failT("internal", "http.internal", { requestId });
  return json({ code: failure.code, message: describeFailure(failure, locale), requestId }, 500, { "X-Request-Id": requestId });
}

/** The answer, once the request's body has been dealt with: an unread rest is dropped (bounded) before the answer ends. */
async function finish(request: Request, response: Response, uploads: boolean): Promise<Response> {
  const body = request.body;
  if (!body || body.locked) return response;
  const s = settings();
  return lingering(response, body, uploads ? lingerBytes(s.maxUploadBytes) : smallBodyLingerBytes(s.maxJsonBodyBytes));
}

/**
 * Wraps a route handler: checks in the order enabled → actor → guard → path parameters → query → body, answering the
 * first failure in the reader's language; then calls `handler`, whose body is only the call into the data layer.
 * Anything thrown becomes 500 {"code":"internal","message","requestId"}, logged with that id.
 *
 * ```ts
 * export const POST = route({ access: "writer", params: { code: codeParam }, body: jsonBody(extensionBody, "api.body.extension") },
 *   ({ actor, params, body }) => reply(grantExtension(actor, params.code, body), (e) => json(extensionToJson(e), 201)));
 * ```
 */
export function route<const O extends RouteOptions>(options: O, handler: (ctx: RouteContext<O>) => Answer | Promise<Answer>): RouteHandler<O> {
  const uploads = options.body?.kind === "upload";
  const wrapped = async (request: Request, context?: NextContext): Promise<Response> => {
    let locale = requestLocale(request);
    let response: Response;
    try {
      response = await run(request, context, (l) => (locale = l));
    } catch (error) {
      unstable_rethrow(error);
      response = internalError(request, error, locale);
    }
    return finish(request, response, uploads);
  };

  async function run(request: Request, context: NextContext | undefined, setLocale: (l: Locale) => void): Promise<Response> {
    const answer = async (result: Answer | Promise<Answer>, locale: Locale): Promise<Response> => {
      const value = await result;
      return isFailure(value) ? jsonError(value, undefined, locale) : value;
    };
    let locale = requestLocale(request);
    if (options.enabled && !options.enabled()) return jsonError(failT("not_available", "api.notFound.plain"), undefined, locale);

    let actor: Actor | null = null;
    if (options.access === "reader") {
      actor = await getApiActor(request);
      locale = requestLocale(request, actor?.locale);
      if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
    } else if (options.access === "writer") {
      const writer = await getApiWriter(request);
      locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
      if (!writer.ok) return jsonError(writer, undefined, locale);
      actor = writer.actor;
    }
    setLocale(locale);
    if (actor && options.guard) {
      const refused = options.guard(actor);
      if (refused) return jsonError(refused, undefined, locale);
    }

    const params: Record<string, unknown> = {};
    if (options.params) {
      const raw = context ? await context.params : {};
      for (const [name, schema] of Object.entries(options.params)) {
        const parsed = schema.safeParse(raw[name]);
        if (!parsed.success) return jsonError(failT("not_found", options.notFound ?? "api.notFound.plain"), undefined, locale);
        params[name] = parsed.data;
      }
    }

    let query: unknown = undefined;
    if (options.query) {
      const parsed = options.query.schema.safeParse(searchParamsObject(new URL(request.url).searchParams));
      if (!parsed.success) return jsonError(failWithFields("invalid", options.query.invalid, undefined, zodFieldReasons(parsed.error)), undefined, locale);
      query = parsed.data;
    }

    let body: unknown = undefined;
    let upload: (() => Promise<unknown>) | undefined;
    const spec = options.body;
    if (spec?.kind === "json") {
      const read = await readJsonBody(request, settings().maxJsonBodyBytes);
      if (!read.ok && read.reason === "too_large") return jsonError(bodyTooLarge(settings().maxJsonBodyBytes), undefined, locale);
      if (!read.ok && spec.notJson !== null) return jsonError(failT("invalid", spec.notJson), undefined, locale);
      const parsed = spec.schema.safeParse(read.ok ? read.value : undefined);
      if (!parsed.success) {
        const failure = typeof spec.invalid === "function" ? spec.invalid(parsed.error) : failWithFields("invalid", spec.invalid, undefined, zodFieldReasons(parsed.error));
        return jsonError(failure, undefined, locale);
      }
      body = parsed.data;
    } else if (spec?.kind === "upload") {
      const metadata = spec.metadata;
      upload = metadata ? () => readUploadRequest(request, metadata, { metadataRequired: spec.metadataRequired }) : () => parseUpload(request, settings().maxUploadBytes, now);
    }

    const ctx = { request, actor, locale, params, query, body, upload } as unknown as RouteContext<O>;
    return answer(handler(ctx), locale);
  }

  return Object.assign(wrapped, { route: options });
}

/** A JSON body: `json(schema, "api.body.x")` (the message for a body that is not JSON), the field messages under `invalid`. */
export function jsonBody<S extends z.ZodType>(schema: S, notJson: MessageKey | null, invalid: JsonBody["invalid"] = "api.invalid.fields"): JsonBody<S> {
  return { kind: "json", schema, notJson, invalid };
}

/** A multipart upload with a `metadata` part checked by `schema` (null: a bare file). */
export function uploadBody<S extends z.ZodType | null>(metadata: S, metadataRequired: boolean): UploadBody<S> {
  return { kind: "upload", metadata, metadataRequired };
}

/**
 * For a handler that is not ours (next-auth's): a body over MAX_JSON_BODY_KB is refused with 413 before it is read
 * whole (by its declared length, or by counting a chunked one); a body under it reaches the handler unchanged.
 */
export function withBodyCap<C>(handler: (request: NextRequest, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const locale = requestLocale(request);
    let response: Response;
    try {
      const read = await readBodyBytes(request, settings().maxJsonBodyBytes);
      if (!read.ok) response = jsonError(bodyTooLarge(settings().maxJsonBodyBytes), undefined, locale);
      else {
        // The same request with its body now in memory (it is small): the length is known, no longer chunked.
        const headers = new Headers(request.headers);
        headers.delete("transfer-encoding");
        if (request.body) headers.set("content-length", String(read.bytes.byteLength));
        response = await handler(new NextRequest(request.url, { method: request.method, headers, body: request.body ? read.bytes : null }), context);
      }
    } catch (error) {
      unstable_rethrow(error);
      response = internalError(request, error, locale);
    }
    return finish(request, response, false);
  };
}
