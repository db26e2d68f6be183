// The request around a server action called in-process: who is signed in and what the browser asks for. A test
// holds it in vi.hoisted and mocks next's modules with these, so the action reads the actor and the language from it.
export type ActionRequest = { userId: number | null; acceptLanguage: string };

/** @/lib/auth/session: the signed-in account of `request`, loaded as on every request (null when signed out or deactivated). */
export async function sessionModule(request: ActionRequest) {
  const { loadActor } = await import("@/lib/data/actor");
  return {
    getActor: async () => (request.userId === null ? null : loadActor(request.userId)),
    requireActor: async () => {
      throw new Error("not used by actions");
    },
  };
}

/** next/headers: no cookies, and the browser's Accept-Language of `request`. */
export function headersModule(request: ActionRequest) {
  return {
    cookies: async () => ({ get: () => undefined }),
    headers: async () => new Headers({ "accept-language": request.acceptLanguage, host: "127.0.0.1:3000" }),
  };
}

/** The form a page would post: each field's value as typed. */
export function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}
