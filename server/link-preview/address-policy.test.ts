import { describe, expect, it } from "vitest";
import { mayConnect, parseAllowedAddresses, specialRange } from "./address-policy";

describe("link preview address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    // IPv4 wrapped in IPv6 is judged as the IPv4 address it is.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    // The transition ranges that embed an IPv4 address are refused whatever they embed.
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:a00:1::", "6to4"],
    ["2001::1", "teredo"],
    ["not an address", "invalid"],
  ])("refuses %s (%s)", (address, range) => {
    expect(specialRange(address)).toBe(range);
    expect(mayConnect(address, 80, [])).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "[2001:4860::8888]"])("allows the public %s", (address) => {
    expect(specialRange(address)).toBeNull();
    expect(mayConnect(address, 443, [])).toBe(true);
  });

  it("allows a private address only on the exact port the operator named", () => {
    const { allowed, bad } = parseAllowedAddresses(" 127.0.0.1:8089 , [::1]:81,[::ffff:10.0.0.2]:80 ");
    expect(bad).toEqual([]);
    expect(allowed).toEqual([
      { address: "127.0.0.1", port: 8089 },
      { address: "::1", port: 81 },
      { address: "10.0.0.2", port: 80 },
    ]);
    expect(mayConnect("127.0.0.1", 8089, allowed)).toBe(true);
    expect(mayConnect("::ffff:127.0.0.1", 8089, allowed)).toBe(true);
    expect(mayConnect("127.0.0.1", 3000, allowed)).toBe(false);
    expect(mayConnect("127.0.0.2", 8089, allowed)).toBe(false);
    expect(mayConnect("0:0:0:0:0:0:0:1", 81, allowed)).toBe(true);
    expect(mayConnect("10.0.0.2", 80, allowed)).toBe(true);
  });

  it("says which entries aren't address:port", () => {
    expect(parseAllowedAddresses("localhost:80, 10.0.0.0/8, 127.0.0.1, 127.0.0.1:0, 127.0.0.1:70000, ::1:80, 1.2.3.4:5").bad).toEqual([
      "localhost:80",
      "10.0.0.0/8",
      "127.0.0.1",
      "127.0.0.1:0",
      "127.0.0.1:70000",
      "::1:80",
    ]);
  });
});
