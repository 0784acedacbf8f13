import { describe, expect, it } from "vitest";
import { englishText } from "../../lib/i18n/text";
import { DEFAULT_PUSH_SERVICE_HOSTS, endpointProblem, parsePushHosts } from "./endpoint-hosts";

const defaults = parsePushHosts(DEFAULT_PUSH_SERVICE_HOSTS.join(",")).rules;
const allowed = (endpoint: string, rules = defaults) => endpointProblem(endpoint, rules) === null;
/** The refusal's message, as the API's `message` says it. */
const refusal = (endpoint: string) => {
  const problem = endpointProblem(endpoint, defaults);
  return problem && englishText(problem.key, problem.values);
};

describe("push service hosts", () => {
  it("allows the browsers' push services over https on the default port", () => {
    expect(allowed("https://fcm.googleapis.com/fcm/send/abc:def")).toBe(true);
    expect(allowed("https://updates.push.services.mozilla.com/wpush/v2/gAAA")).toBe(true);
    expect(allowed("https://web.push.apple.com/QGx0")).toBe(true);
    expect(allowed("https://api.push.apple.com/3/device/x")).toBe(true);
    expect(allowed("https://db5p.notify.windows.com/w/?token=x")).toBe(true);
    expect(allowed("https://fcm.googleapis.com:443/fcm/send/x")).toBe(true);
  });

  it("refuses other hosts, look-alikes, other schemes and ports, and credentials", () => {
    expect(allowed("https://push.apple.com/x")).toBe(false); // "*." means a subdomain, not the bare domain
    expect(allowed("https://fcm.googleapis.com.evil.example/x")).toBe(false);
    expect(allowed("https://evilpush.apple.com/x")).toBe(false);
    expect(allowed("http://fcm.googleapis.com/fcm/send/x")).toBe(false);
    expect(allowed("https://fcm.googleapis.com:8443/x")).toBe(false);
    expect(allowed("https://127.0.0.1/x")).toBe(false);
    expect(refusal("https://a:b@fcm.googleapis.com/x")).toMatch(/user name or password/);
    expect(refusal("https://example.com/x")).toBe(
      "example.com is not a known push service (the server sends only to the hosts in PUSH_SERVICE_HOSTS)",
    );
    expect(refusal("ftp://example.com/x")).toMatch(/must be an https URL/);
    expect(refusal("push me")).toBe("The endpoint must be a URL");
  });

  it("reads entries with a scheme and a port, or any port", () => {
    const { rules, bad } = parsePushHosts(" http://127.0.0.1:*, https://push.example.org:8443 , HTTP://[::1]:80,push.example.net ");
    expect(bad).toEqual([]);
    expect(rules).toEqual([
      { protocol: "http:", host: "127.0.0.1", port: "*" },
      { protocol: "https:", host: "push.example.org", port: "8443" },
      { protocol: "http:", host: "[::1]", port: "" },
      { protocol: "https:", host: "push.example.net", port: "" },
    ]);
    expect(allowed("http://127.0.0.1:40123/push/1", rules)).toBe(true);
    expect(allowed("https://127.0.0.1:40123/push/1", rules)).toBe(false);
    expect(allowed("https://push.example.org:8443/x", rules)).toBe(true);
    expect(allowed("https://push.example.org/x", rules)).toBe(false);
    expect(allowed("http://[::1]/x", rules)).toBe(true);
    expect(parsePushHosts("https://x/y, *.*.com, a b").bad).toEqual(["https://x/y", "*.*.com", "a b"]);
  });
});
