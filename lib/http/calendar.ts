// The answer of a calendar feed: text/calendar, an ETag of its content, and 304 to a client that has it already.
import { createHash } from "node:crypto";

export function calendarResponse(request: Request, body: string, name: string): Response {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}.ics"`,
    // Public facts, but a moved deadline must reach subscribers at their next poll: revalidate every time.
    "Cache-Control": "public, no-cache",
    ETag: etag,
  };
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
