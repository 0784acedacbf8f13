// The REST API without Next's per-request machinery: the route handlers of app/api/v1 (the same modules,
// the same adapter in route.ts, so one contract and one error format) called straight from the custom
// server on Node's request. Next's route layer cost about 6 ms of CPU per request before a handler ran
// (docs/performance.md); this costs a NextRequest and a copy of the response's head. Paths follow Next's
// rules: a folder `[name]` is a parameter, and a fixed name wins over a parameter at the same place.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { NextRequest } from "next/server";

type Params = Record<string, string>;
type Handler = (req: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** A route file's exports: a handler per HTTP method (and whatever else it exports). */
export type RouteModule = Partial<Record<(typeof METHODS)[number], Handler>> & Record<string, unknown>;
/** A route file: its path as Next serves it (`/api/v1/conversations/[id]/messages`) and its module. */
export interface ApiRoute {
  path: string;
  module: RouteModule;
}

interface Node {
  fixed: Map<string, Node>;
  param?: { name: string; node: Node };
  module?: RouteModule;
}

const newNode = (): Node => ({ fixed: new Map() });

function insert(root: Node, route: ApiRoute): void {
  let node = root;
  for (const segment of route.path.split("/").filter(Boolean)) {
    const param = segment.match(/^\[(\w+)\]$/)?.[1];
    if (!param) {
      const next = node.fixed.get(segment) ?? newNode();
      node.fixed.set(segment, next);
      node = next;
      continue;
    }
    if (node.param && node.param.name !== param) throw new Error(`${route.path}: [${param}] beside [${node.param.name}]`);
    node.param ??= { name: param, node: newNode() };
    node = node.param.node;
  }
  if (node.module) throw new Error(`${route.path} is routed twice`);
  node.module = route.module;
}

/** The route module for these (still percent-encoded) segments and its parameters, decoded; a fixed segment is tried before a parameter. */
function find(node: Node, segments: string[], at: number, params: Params): RouteModule | undefined {
  if (at === segments.length) return node.module;
  const fixed = node.fixed.get(segments[at]);
  const found = fixed && find(fixed, segments, at + 1, params);
  if (found) return found;
  if (!node.param) return undefined;
  const inner = find(node.param.node, segments, at + 1, params);
  if (inner) params[node.param.name] = decodeURIComponent(segments[at]);
  return inner;
}

/** Node's request as a NextRequest, its body streamed (nothing is read until the handler asks). */
function nextRequest(req: IncomingMessage, method: string): NextRequest {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  return new NextRequest(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
}

/** Writes a handler's Response to Node's response: status, headers (every Set-Cookie), then the body as it streams. */
async function send(res: ServerResponse, response: Response, withBody: boolean): Promise<void> {
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.writeHead(response.status);
  if (!response.body || !withBody) {
    await response.body?.cancel();
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), res);
}

/**
 * A request handler for the API's routes: true when it took the request (an answer is on its way), false
 * for paths it has no route for (Next answers those).
 */
export function createApiRouter(routes: ApiRoute[], onError: (error: unknown, req: IncomingMessage) => void) {
  const root = newNode();
  for (const route of routes) insert(root, route);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const params: Params = {};
    const module = find(root, (query < 0 ? url : url.slice(0, query)).split("/").filter(Boolean), 0, params);
    if (!module) return false;
    const method = req.method ?? "GET";
    const handler = module[method === "HEAD" ? "GET" : (method as (typeof METHODS)[number])];
    if (typeof handler !== "function") {
      const allowed = METHODS.filter((m) => typeof module[m] === "function");
      res.writeHead(method === "OPTIONS" ? 204 : 405, { Allow: [...allowed, "OPTIONS", ...(module.GET ? ["HEAD"] : [])].join(", ") });
      res.end();
      return true;
    }
    void handler(nextRequest(req, method === "HEAD" ? "GET" : method), { params: Promise.resolve(params) })
      .then((response) => send(res, response, method !== "HEAD"))
      .catch((error) => {
        onError(error, req);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    return true;
  };
}
