// The sign-in settings: single sign-on is all or nothing, its issuer is https (http only on loopback), and
// PASSWORD_SIGN_IN=0 needs a provider; every refusal names the variable.
import { describe, expect, it } from "vitest";
import { signInSettingsFrom } from "@/lib/config/settings";

const OIDC = { OIDC_ISSUER: "https://idp.itu.example/realms/itu/", OIDC_CLIENT_ID: "tracker", OIDC_CLIENT_SECRET: "s3cret" };

describe("signInSettingsFrom", () => {
  it("without any setting: passwords only, as before", () => {
    expect(signInSettingsFrom({})).toEqual({ oidc: null, passwordSignIn: true, breakGlassEmails: [] });
    // Empty placeholders of a deployment file count as unset.
    expect(signInSettingsFrom({ OIDC_ISSUER: "", OIDC_CLIENT_ID: " ", OIDC_CLIENT_SECRET: "", PASSWORD_SIGN_IN: "", OIDC_PENDING_ACCOUNTS: "" })).toEqual({
      oidc: null,
      passwordSignIn: true,
      breakGlassEmails: [],
    });
  });

  it("reads a provider; the issuer loses its trailing slash, the name is optional", () => {
    expect(signInSettingsFrom(OIDC).oidc).toEqual({ issuer: "https://idp.itu.example/realms/itu", clientId: "tracker", clientSecret: "s3cret", name: null, pendingAccounts: null });
    expect(signInSettingsFrom({ ...OIDC, OIDC_NAME: " ITU " }).oidc?.name).toBe("ITU");
  });

  it("refuses a half-configured provider, naming what is missing", () => {
    expect(() => signInSettingsFrom({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow("single sign-on needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET as well as OIDC_ISSUER");
    expect(() => signInSettingsFrom({ OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "y" })).toThrow("needs OIDC_ISSUER as well as OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
  });

  it.each([
    ["http://idp.itu.example", "must be an https URL"],
    ["ftp://127.0.0.1", "must be an https URL"],
    ["idp.itu.example", "is not a URL"],
    ["https://idp.itu.example/?realm=itu", "must not carry a query"],
  ])("refuses the issuer %s", (issuer, reason) => {
    expect(() => signInSettingsFrom({ ...OIDC, OIDC_ISSUER: issuer })).toThrow(`OIDC_ISSUER ${reason}`);
  });

  it("accepts plain http on loopback only (a test provider)", () => {
    for (const issuer of ["http://127.0.0.1:4000", "http://localhost:4000", "http://[::1]:4000"]) {
      expect(signInSettingsFrom({ ...OIDC, OIDC_ISSUER: issuer }).oidc?.issuer).toBe(issuer);
    }
  });

  it("PASSWORD_SIGN_IN=0 needs a provider, and keeps the break-glass addresses in lower case", () => {
    expect(() => signInSettingsFrom({ PASSWORD_SIGN_IN: "0" })).toThrow(/PASSWORD_SIGN_IN=0 needs single sign-on/);
    const s = signInSettingsFrom({ ...OIDC, PASSWORD_SIGN_IN: "0", BREAK_GLASS_EMAILS: "TSB.SG20@itu.example, counsellor@itu.example;x@itu.example" });
    expect(s.passwordSignIn).toBe(false);
    expect(s.breakGlassEmails).toEqual(["tsb.sg20@itu.example", "counsellor@itu.example", "x@itu.example"]);
    expect(() => signInSettingsFrom({ ...OIDC, BREAK_GLASS_EMAILS: "counsellor" })).toThrow("BREAK_GLASS_EMAILS holds something that is not an e-mail address: counsellor");
    expect(() => signInSettingsFrom({ PASSWORD_SIGN_IN: "no" })).toThrow("PASSWORD_SIGN_IN must be 0 or 1");
  });

  it("OIDC_PENDING_ACCOUNTS: off, any address, or some domains; only with a provider", () => {
    expect(signInSettingsFrom({ ...OIDC, OIDC_PENDING_ACCOUNTS: "0" }).oidc?.pendingAccounts).toBeNull();
    expect(signInSettingsFrom({ ...OIDC, OIDC_PENDING_ACCOUNTS: "1" }).oidc?.pendingAccounts).toBe("any");
    expect(signInSettingsFrom({ ...OIDC, OIDC_PENDING_ACCOUNTS: "ITU.int, telco.example" }).oidc?.pendingAccounts).toEqual(["itu.int", "telco.example"]);
    expect(() => signInSettingsFrom({ ...OIDC, OIDC_PENDING_ACCOUNTS: "yes" })).toThrow(/OIDC_PENDING_ACCOUNTS is 0, 1 or a list of e-mail domains; "yes"/);
    expect(() => signInSettingsFrom({ OIDC_PENDING_ACCOUNTS: "1" })).toThrow(/OIDC_PENDING_ACCOUNTS needs single sign-on/);
  });
});
