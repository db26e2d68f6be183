// Where a sign-in sends the reader afterwards: only this site, however the link is dressed up.
import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/http/same-origin";

const ORIGIN = "http://127.0.0.1:5200";

describe("sameOriginPath", () => {
  it.each([
    ["/meetings/SG20-2020-07", "/meetings/SG20-2020-07"],
    ["/contributions/12/receipt?version=3#top", "/contributions/12/receipt?version=3#top"],
    ["/review/7", "/review/7"],
    ["meetings", "/meetings"],
    [`${ORIGIN}/account`, "/account"],
    ["/a/../account", "/account"],
  ])("keeps %s on this site as %s", (raw, path) => {
    expect(sameOriginPath(raw, ORIGIN)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil.example/phish",
    "/\\evil.example/phish",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "https://evil.example",
    "https:evil.example",
    "http:/\\evil.example",
    "///evil.example",
    "/a/..//evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://127.0.0.1:5201/account",
    "https://127.0.0.1:5200/account",
    "http://user@evil.example",
  ])("sends %j home instead", (raw) => {
    expect(sameOriginPath(raw, ORIGIN)).toBe("/");
  });

  it("sends the decoded form of /%5Cevil.example (what the query string delivers) home", () => {
    const delivered = new URLSearchParams("callbackUrl=/%5Cevil.example/phish").get("callbackUrl");
    expect(delivered).toBe("/\\evil.example/phish");
    expect(sameOriginPath(delivered, ORIGIN)).toBe("/");
  });

  it("resolves nothing to the fallback: no value, a list, an endless string", () => {
    expect(sameOriginPath(undefined, ORIGIN)).toBe("/");
    expect(sameOriginPath(["/a", "/b"] as unknown as string, ORIGIN)).toBe("/");
    expect(sameOriginPath("/" + "a".repeat(5000), ORIGIN)).toBe("/");
  });

  it("works without the real origin: a path stays a path, anything with a host is refused", () => {
    expect(sameOriginPath("/account")).toBe("/account");
    expect(sameOriginPath("/\\evil.example")).toBe("/");
    expect(sameOriginPath("http://127.0.0.1:5200/account")).toBe("/");
  });

  it("never returns a path that a browser would take elsewhere", () => {
    const tricky = ["//x", "/\\x", "/%2F/x", "/%5C/x", "/.//x", "/..//x", "/x/..//y", "/\u0009/x", "\\/x"];
    for (const raw of tricky) {
      const out = sameOriginPath(raw, ORIGIN);
      expect(new URL(out, ORIGIN).origin, raw).toBe(ORIGIN);
    }
  });
});
