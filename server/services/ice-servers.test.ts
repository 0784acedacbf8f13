import { describe, expect, it } from "vitest";
import { iceServersSchema } from "../../lib/contracts/calls";
import { iceServersFor } from "./ice-servers";

const now = new Date("2023-11-14T22:13:20Z"); // 1700000000 in Unix seconds
const turn = { urls: ["turn:127.0.0.1:3478?transport=udp"], secret: "0123456789abcdef-secret", credentialTtlSeconds: 3600 };

describe("ICE servers for calls", () => {
  it("signs TURN credentials as coturn's use-auth-secret expects: <expiry>:<userId>, base64(HMAC-SHA1(secret, username))", () => {
    const answer = iceServersFor({ stunUrls: ["stun:stun.example.com:3478"], turn }, "user_1", now);
    // The credential was computed apart, with: printf '%s' 1700003600:user_1 | openssl dgst -sha1 -hmac <secret> -binary | base64
    expect(answer).toEqual({
      iceServers: [
        { urls: ["stun:stun.example.com:3478"] },
        { urls: turn.urls, username: "1700003600:user_1", credential: "PPpT6arqRDttCxp9rxAUZdVei9o=" },
      ],
      expiresAt: "2023-11-14T23:13:20.000Z",
    });
    expect(iceServersSchema.parse(answer)).toEqual(answer);
  });

  it("gives STUN alone, or nothing, without TURN", () => {
    expect(iceServersFor({ stunUrls: ["stun:stun.example.com"], turn: null }, "user_1", now)).toEqual({
      iceServers: [{ urls: ["stun:stun.example.com"] }],
      expiresAt: null,
    });
    expect(iceServersFor({ stunUrls: [], turn: null }, "user_1", now)).toEqual({ iceServers: [], expiresAt: null });
  });
});
