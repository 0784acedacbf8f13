// A Web Push service on 127.0.0.1 for integration tests: the protocol (RFC 8030) is a plain HTTP POST of
// an aes128gcm-encrypted body (RFC 8291) with a VAPID Authorization header (RFC 8292). Each fake device
// has its own P-256 key pair and auth secret like a browser's; the receiver decrypts what arrives for it
// and checks the VAPID signature.
import { createECDH, createPublicKey, type ECDH, randomBytes, randomUUID, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";
import { type PushPayload, pushPayloadSchema } from "../../lib/contracts/notifications";

export interface ReceivedPush {
  payload: PushPayload;
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's claims and the key it came with (its signature was verified against it). */
  vapid: { aud: string; exp: number; sub: string; key: string };
}

export interface FakeDevice {
  /** What the browser's PushSubscription.toJSON() would give. */
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  received: ReceivedPush[];
  /** The status the receiver answers this device's pushes with (201 accepted; 410 gone...). */
  status: number;
}

export interface PushReceiver {
  origin: string;
  device(): FakeDevice;
  close(): Promise<void>;
}

/** Checks `vapid t=<JWT>, k=<key>` and returns the JWT's claims (throws if the ES256 signature doesn't match k). */
function checkVapid(header: string | undefined): ReceivedPush["vapid"] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, jwt, key] = match;
  const [head, claims, signature] = jwt.split(".");
  const point = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const valid = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!valid || JSON.parse(Buffer.from(head, "base64url").toString()).alg !== "ES256") throw new Error("bad VAPID signature");
  return { ...JSON.parse(Buffer.from(claims, "base64url").toString()), key };
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const devices = new Map<string, FakeDevice & { ecdh: ECDH; secret: Buffer }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const device = devices.get(req.url?.replace("/push/", "") ?? "");
      if (!device) return void res.writeHead(404).end();
      if (device.status >= 300) return void res.writeHead(device.status).end();
      try {
        const plain = decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: device.ecdh, authSecret: device.secret });
        const payload = pushPayloadSchema.parse(JSON.parse(plain.toString("utf8")));
        device.received.push({ payload, headers: req.headers, vapid: checkVapid(req.headers.authorization) });
        res.writeHead(201).end();
      } catch (error) {
        // A push the receiver can't read or verify fails the test that waits for it.
        res.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    device() {
      const id = randomUUID();
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const secret = randomBytes(16);
      const device = {
        subscription: {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: secret.toString("base64url") },
        },
        received: [],
        status: 201,
        ecdh,
        secret,
      };
      devices.set(id, device);
      return device;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
