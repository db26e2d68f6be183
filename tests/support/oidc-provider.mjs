// A real OpenID Connect provider for the tests and for trying single sign-on by hand: the certified
// `oidc-provider` package on loopback, with one client for the tracker and a fixed table of accounts.
//
//   node tests/support/oidc-provider.mjs --port 4000 --tracker http://localhost:3000
//
// prints `oidc-provider ready <issuer>` once it listens. The tracker is then started with
//   OIDC_ISSUER=http://127.0.0.1:4000 OIDC_CLIENT_ID=tracker OIDC_CLIENT_SECRET=tracker-test-secret
// and its "Sign in with …" button leads to this provider's login form, which accepts any password for
// the logins of the table below (an unknown login is refused by the provider).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

export const CLIENT_ID = "tracker";
export const CLIENT_SECRET = "tracker-test-secret";

/**
 * The provider's accounts, by login name. `email_verified: false` and an e-mail the tracker does not
 * know are what a real provider can answer; `wrongAudience` makes this provider misbehave on purpose.
 */
export const ACCOUNTS = {
  delegate: { email: "delegate@telco.example", email_verified: true, name: "Telco Delegate" },
  // The provider may spell an address in another case: the tracker compares addresses in lower case.
  swiss: { email: "Delegate@Admin-CH.example", email_verified: true, name: "Swiss Delegate" },
  secretariat: { email: "tsb.sg20@secretariat.example", email_verified: true, name: "TSB SG20" },
  unverified: { email: "delegate@university.example", email_verified: false, name: "Unverified Address" },
  stranger: { email: "stranger@elsewhere.example", email_verified: true, name: "A. Stranger" },
  "new-delegate": { email: "new.delegate@telco.example", email_verified: true, name: "New Delegate" },
  associate20: { email: "delegate@associate-sg20.example", email_verified: true, name: "SG20 Associate" },
  rapporteur: { email: "rapporteur.q3@sg20.example", email_verified: true, name: "Q3 Rapporteur" },
  // Its ID token is issued to another client: a provider mix-up, or a token meant for another application.
  "wrong-audience": { email: "rapporteur.q6@sg20.example", email_verified: true, name: "Wrong Audience", wrongAudience: true },
};

export const OTHER_AUDIENCE = "another-application";

/** Starts the provider; resolves with its issuer and a function that stops it. */
export async function startOidcProvider({ port = 0, host = "127.0.0.1", trackerOrigin }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, host, resolve));
  const issuer = `http://${host}:${server.address().port}`;
  const redirect = `${trackerOrigin.replace(/\/+$/, "")}/api/auth/callback/oidc`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirect],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, id) {
      const account = Object.hasOwn(ACCOUNTS, id) ? ACCOUNTS[id] : undefined;
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.email_verified, name: account.name };
        },
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Like most enterprise providers, the e-mail claims are in the ID token itself; the tracker also
    // reads the userinfo endpoint when they are not (see `conformIdTokenClaims` in the provider's docs).
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ["S256"] },
    features: { devInteractions: { enabled: true } },
    // The tracker is a first-party client: no consent screen, as in an organisation's own provider.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["oidc-test-provider-cookie-key-not-secret"] },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 300, IdToken: 300 },
  });
  // Loopback over plain http is fine for tests; without this the provider would refuse insecure cookies behind a proxy.
  provider.proxy = false;

  // The deliberate misbehaviour: an ID token whose `aud` is another client, signed with the provider's real key.
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function issueMaybeElsewhere(options) {
    const account = ACCOUNTS[this.available?.sub];
    if (options?.use === "idtoken" && account?.wrongAudience) {
      const real = this.client;
      this.client = new Proxy(real, { get: (target, key) => (key === "clientId" ? OTHER_AUDIENCE : Reflect.get(target, key)) });
    }
    return issue.call(this, options);
  };

  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "4000" }, host: { type: "string", default: "127.0.0.1" }, tracker: { type: "string", default: "http://localhost:3000" } } });
  const { issuer, close } = await startOidcProvider({ port: Number(values.port), host: values.host, trackerOrigin: values.tracker });
  console.log(`oidc-provider ready ${issuer}`);
  const stop = () => void close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Started by a test with a pipe as its stdin: when the test's process ends, however it ends, so does this.
  if (process.env.EXIT_WITH_PARENT === "1") {
    process.stdin.on("end", stop);
    process.stdin.on("error", stop);
    process.stdin.resume();
  }
}
