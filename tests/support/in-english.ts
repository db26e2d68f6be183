// A result as an English reader meets it: a failure's message and field reasons in words (lib/present/failures.ts), the rest as it is.
import type { Result } from "@/lib/domain/failures";
import { describeFailure, fieldsText } from "@/lib/present/failures";

export function inEnglish<T>(result: Result<T>): Result<T> | (Result<T> & { message: string; fields?: Record<string, string> }) {
  if (result.ok) return result;
  const fields = fieldsText(result, "en");
  return { ...result, message: describeFailure(result, "en"), ...(fields ? { fields } : {}) } as Result<T> & { message: string; fields?: Record<string, string> };
}
