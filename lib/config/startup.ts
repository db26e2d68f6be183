// What the server does before it serves: refuses a bad configuration, and notes each request's socket address.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { settings, signInSettings } from "@/lib/config/settings";
import { sessionSecret } from "@/lib/auth/secret";
import { simulatedStartFromEnv } from "@/lib/time/clock";
import { stampPeer } from "@/lib/http/client-address";

const g = globalThis as unknown as { __trackerStarted?: boolean };

/**
 * Throws (and `next start` exits with status 1, printing the reason) when the settings are invalid
 * (the sign-in settings too: a half-configured provider, PASSWORD_SIGN_IN=0 without one),
 * SIMULATED_NOW has no offset or is set outside the demo, or there is no session secret outside the
 * demo. Then every request Node's HTTP server receives has its socket address appended to
 * X-Forwarded-For before Next.js reads it (lib/http/client-address.ts says why).
 */
export function prepareServer(): void {
  if (g.__trackerStarted) return;
  settings();
  signInSettings();
  simulatedStartFromEnv();
  sessionSecret();
  // "http.server.request.start" is published synchronously before the server emits "request".
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    stampPeer(request.headers, socket.remoteAddress);
  });
  g.__trackerStarted = true;
}
