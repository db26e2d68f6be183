// The small pieces every part of the OpenAPI document is written with: references to components, instants, JSON answers.
import { z } from "zod";

export type Json = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const iso = (description: string) => ({ type: "string", format: "date-time", description });
export const jsonContent = (schema: Json, description: string) => ({ description, content: { "application/json": { schema } } });

/** An answer schema from a zod schema (what the server writes back is what it accepted, defaults filled in). */
export const answerSchema = (schema: z.ZodType): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output", target: "draft-2020-12" }) as Json;
  return rest;
};
