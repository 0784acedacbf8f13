// REST: what the API costs the server per request, as bots and integrations would call it. `clients`
// users (bearer tokens), each on its own kept-alive connection, ask one kind of request after another for
// `seconds`: their profile (GET /users/me: authentication and one row, the floor every request pays), a
// text send (POST /messages), a history page (GET /conversations/:id/messages), a photo's thumbnail and a
// search. Requests per second, server CPU per request and the latency each client saw.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { type Bench, measured } from "../lib/bench";
import { mapLimit } from "../lib/limit";
import { post } from "../lib/setup";
import { distribution, round } from "../lib/stats";

interface Sizes {
  clients: number;
  seconds: number;
}

interface Client {
  token: string;
  conversationId: string;
  fileId: string;
}

/** One request on the client's own kept-alive connection; the body is read whole and dropped. */
function request(agent: http.Agent, url: URL, client: Client, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${client.token}`, ...(body ? { "content-type": "application/json" } : {}) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

type Kind = (client: Client, i: number) => { method: string; path: string; body?: string; status: number };

const KINDS: Record<string, Kind> = {
  me: () => ({ method: "GET", path: "/api/v1/users/me", status: 200 }),
  send: (c, i) => ({
    method: "POST",
    path: "/api/v1/messages",
    body: JSON.stringify({ id: randomUUID(), conversationId: c.conversationId, text: `rest bench ${i} coffee` }),
    status: 201,
  }),
  history: (c) => ({ method: "GET", path: `/api/v1/conversations/${c.conversationId}/messages`, status: 200 }),
  thumbnail: (c) => ({ method: "GET", path: `/api/v1/media/${c.fileId}/thumbnail`, status: 200 }),
  search: () => ({ method: "GET", path: "/api/v1/messages/search?q=coffee", status: 200 }),
};

/** Each client's chat gets a photo (for its thumbnail) and some history to page and search. */
async function prepare(bench: Bench, clients: number): Promise<Client[]> {
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#3f7ae0" } })
    .jpeg()
    .toBuffer();
  const pairs = bench.pairs.slice(0, clients);
  return mapLimit(pairs, 4, async (pair) => {
    const token = bench.tokens.get(pair.a) as string;
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append("file_type", "image");
    form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "photo.jpg");
    const upload = await fetch(`${bench.url}/api/v1/media`, { method: "POST", headers: auth, body: form });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
    const { fileId } = (await upload.json()) as { fileId: string };
    await post(
      bench.url,
      "/api/v1/messages",
      { id: randomUUID(), conversationId: pair.conversationId, type: "image", fileId, text: "" },
      auth,
    );
    for (let i = 0; i < 20; i++)
      await post(
        bench.url,
        "/api/v1/messages",
        { id: randomUUID(), conversationId: pair.conversationId, text: `history ${i} coffee` },
        auth,
      );
    return { token, conversationId: pair.conversationId, fileId };
  });
}

/** Every client asks `kind` for `seconds`, each waiting for its answer before the next; every request's milliseconds. */
async function hammer(url: URL, clients: Client[], kind: Kind, seconds: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients.length });
  const ms: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; performance.now() < until; i++) {
        const { method, path, body, status } = kind(client, i);
        const t0 = performance.now();
        const got = await request(agent, url, client, method, path, body);
        ms.push(performance.now() - t0);
        if (got !== status) throw new Error(`${method} ${path} answered ${got}`);
      }
    }),
  );
  agent.destroy();
  return ms;
}

/** How long each kind runs unmeasured first, so the server's code is compiled and its caches are warm. */
const WARM_UP_SECONDS = 1;

export async function rest(bench: Bench, { clients, seconds }: Sizes) {
  const prepared = await prepare(bench, clients);
  const url = new URL(bench.url);
  const results: Record<string, unknown> = { clients: prepared.length, seconds };
  for (const kind of Object.values(KINDS)) await hammer(url, prepared, kind, WARM_UP_SECONDS);
  for (const [name, kind] of Object.entries(KINDS)) {
    let ms: number[] = [];
    const run = await measured(bench, async () => {
      ms = await hammer(url, prepared, kind, seconds);
      return {};
    });
    results[name] = {
      requests: ms.length,
      perSecond: round(ms.length / (run.cost.wallMs / 1000), 0),
      serverCpuMsEach: round(run.cost.serverCpuMs / ms.length, 3),
      generatorCpuMsEach: round(run.cost.generatorCpuMs / ms.length, 3),
      ms: distribution(ms),
    };
  }
  return results;
}
