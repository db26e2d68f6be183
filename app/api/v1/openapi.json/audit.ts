// The audit log's path.
import * as auditRoute from "@/app/api/v1/audit/route";
import type { ApiPath } from "@/lib/http/openapi";
import { response } from "@/lib/http/openapi-json";

export const auditPath: ApiPath = {
  path: "/audit",
  module: auditRoute,
  operations: {
    GET: {
      tags: ["secretariat"],
      summary: "The audit log (secretariat)",
      description:
        "Entries of meetings of the caller's study groups and entries tied to no meeting, newest first. `action=user` matches every `user.*` action; `from`/`to` are ISO 8601 instants or Geneva wall times (YYYY-MM-DDTHH:mm); `to` is exclusive. Others get 404.",
      operationId: "listAudit",
      // The filters are parsed by the audit log itself (lib/data/audit-log.ts), after the secretariat check.
      extraParameters: [
        ...["action", "actor", "entity", "entityId", "meeting", "from", "to"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
        { name: "pageSize", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200 } },
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv"] }, description: "csv: every matching entry as CSV." },
      ],
      responses: {
        "200": {
          description: "{total, page, pageSize, pages, entries[]} or (format=csv) CSV.",
          content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } },
        },
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
};
