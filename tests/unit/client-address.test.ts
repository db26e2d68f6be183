// The client's address: the socket's peer whatever X-Forwarded-For says, unless trusted proxies are configured.
import { afterEach, describe, expect, it } from "vitest";
import { addressBucket, clientAddress, normaliseAddress, stampedHeadersForTests, UNKNOWN_ADDRESS } from "@/lib/http/client-address";
import { settings } from "@/lib/config/settings";

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe("clientAddress", () => {
  it("is the socket's peer with no trusted proxy, whatever the client wrote into X-Forwarded-For", () => {
    expect(clientAddress(stampedHeadersForTests("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(stampedHeadersForTests("203.0.113.9", "6.6.6.6"), 0)).toBe("203.0.113.9");
    expect(clientAddress(stampedHeadersForTests("203.0.113.9", "6.6.6.6, 7.7.7.7"), 0)).toBe("203.0.113.9");
    expect(clientAddress(new Headers(stampedHeadersForTests("::ffff:203.0.113.9", "6.6.6.6")), 0)).toBe("203.0.113.9");
  });

  it("is the entry N from the end behind N trusted proxies, each of which appended the address it received from", () => {
    // client 198.51.100.1 → proxy A (appends it) → proxy B (appends A's address) → our socket sees B
    const headers = stampedHeadersForTests("10.0.0.2", "198.51.100.1, 10.0.0.1");
    expect(clientAddress(headers, 0)).toBe("10.0.0.2");
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("198.51.100.1");
    // What the client itself put in front is beyond the trusted hops and never chosen.
    const forged = stampedHeadersForTests("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1");
    expect(clientAddress(forged, 2)).toBe("198.51.100.1");
  });

  it("takes the farthest entry when the request passed fewer proxies than configured", () => {
    expect(clientAddress(stampedHeadersForTests("10.0.0.2"), 3)).toBe("10.0.0.2");
    expect(clientAddress(stampedHeadersForTests("10.0.0.2", "198.51.100.1"), 3)).toBe("198.51.100.1");
  });

  it("is unknown for a request the server did not stamp, or stamped by someone else", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9", "x-tracker-peer-stamp": "guessed" }, 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(undefined, 0)).toBe(UNKNOWN_ADDRESS);
  });

  it("is unknown when the chosen entry is not an address", () => {
    expect(clientAddress(stampedHeadersForTests("10.0.0.2", "<script>, 10.0.0.1"), 2)).toBe(UNKNOWN_ADDRESS);
  });

  it("reads the number of trusted hops from TRUSTED_PROXY_HOPS, 0 by default, and refuses nonsense", () => {
    const headers = stampedHeadersForTests("10.0.0.2", "198.51.100.1");
    expect(clientAddress(headers)).toBe("10.0.0.2");
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientAddress(headers)).toBe("198.51.100.1");
    for (const bad of ["-1", "1.5", "eleven", "11", " "]) {
      process.env.TRUSTED_PROXY_HOPS = bad;
      expect(() => settings(), bad).toThrow(/TRUSTED_PROXY_HOPS/);
    }
  });
});

describe("normaliseAddress and addressBucket", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["203.0.113.9:5123", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["not an address", null],
    ["999.1.1.1", null],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:aa:1::5", "2001:db8:aa:1::/64"],
    ["2001:db8:aa:1:ffff:1:2:3", "2001:db8:aa:1::/64"],
    ["2001:0db8:00aa:0001:0:0:0:1", "2001:db8:aa:1::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("counts %s as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});
