// Adapter from Next route handlers to the domain services: authenticate, refuse cross-site cookie
// requests, parse with the shared zod schema, and turn AppError/zod errors into { error } responses.
import { type NextRequest, NextResponse } from "next/server";
import { type ZodType, z } from "zod";
import { type ApiErrorBody, errorStatus } from "../../lib/contracts/errors";
import type { OutputOf, Route } from "../../lib/contracts/routes";
import { textProblem } from "../../lib/contracts/text";
import { authenticate, type Caller, sessionCookieName } from "../auth/authenticate";
import { CLIENT_IP_HEADER } from "../auth/client-ip";
import { type AppContext, ctx } from "../context";
import { AppError, invalidInput, isAppError } from "../errors";
import { JSON_BODY_MAX, readBodyText } from "./body-limits";
import { REQUEST_ID_HEADER } from "./request-log";

type Params = Record<string, string>;
interface RouteArgs<P extends Params> {
  /** The app's services (the context server/index.ts created): route handlers get them here. */
  app: AppContext;
  req: NextRequest;
  params: P;
  ip: string;
}
interface AuthedArgs<P extends Params> extends RouteArgs<P> {
  caller: Caller;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function errorResponse(body: ApiErrorBody): NextResponse {
  const headers: Record<string, string> = body.retryAfter ? { "Retry-After": String(body.retryAfter) } : {};
  return NextResponse.json({ error: body }, { status: errorStatus[body.code], headers });
}

function toErrorResponse(app: AppContext, error: unknown, req: NextRequest): NextResponse {
  if (isAppError(error)) return errorResponse(error.toBody());
  if (error instanceof z.ZodError) return errorResponse(invalidInput(error));
  app.log.error({ err: error, reqId: req.headers.get(REQUEST_ID_HEADER) }, "unhandled error in route handler");
  return errorResponse(new AppError("internal", { key: "errors.server.unexpected" }).toBody());
}

/** Cookie-authenticated writes must come from one of the app's own origins (CSRF defence). */
function assertSameOrigin(app: AppContext, req: NextRequest): void {
  const origin = req.headers.get("origin");
  if (!origin || !app.env.allowedOrigins.includes(origin)) {
    throw new AppError("forbidden", { key: "errors.http.crossSite" });
  }
}

type Handler<A> = (args: A) => Promise<Response>;
type NextHandler<P extends Params> = (req: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** Path parameters are text from the client too: one with a control character or a broken one is a 400 naming it. */
function checkedParams<P extends Params>(params: P | undefined): P {
  // Routes without dynamic segments get no params.
  if (!params) return {} as P;
  for (const [name, value] of Object.entries(params)) {
    const problem = textProblem(value, name);
    if (problem) throw new AppError("bad_request", problem, { field: name });
  }
  return params;
}

/** The composition root of the REST routes: each request's handler is given the app's context. */
function wrap<P extends Params>(run: (args: RouteArgs<P>) => Promise<Response>): NextHandler<P> {
  return async (req, context) => {
    const app = ctx();
    try {
      return await run({ app, req, params: checkedParams(await context.params), ip: req.headers.get(CLIENT_IP_HEADER) ?? "unknown" });
    } catch (error) {
      return toErrorResponse(app, error, req);
    }
  };
}

export function publicRoute<P extends Params = Params>(handler: Handler<RouteArgs<P>>): NextHandler<P> {
  return wrap(handler);
}

export function authedRoute<P extends Params = Params>(handler: Handler<AuthedArgs<P>>): NextHandler<P> {
  return wrap(async (args) => {
    const { app, req } = args;
    const cookie = req.cookies.get(sessionCookieName(app.env.secureCookies))?.value;
    const caller = await authenticate(app, req.headers.get("authorization"), cookie);
    if (!caller) throw new AppError("unauthorized", { key: "errors.auth.signInRequired" });
    if (caller.via === "cookie" && !SAFE_METHODS.has(req.method)) assertSameOrigin(app, req);
    return handler({ ...args, caller });
  });
}

/** Parses the JSON body (an empty body counts as {}, more than `max` bytes is 413) with the shared schema. */
export async function parseJson<T>(req: NextRequest, schema: ZodType<T>, max = JSON_BODY_MAX): Promise<T> {
  const text = await readBodyText(req.body, max);
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", { key: "errors.http.bodyNotJson" });
  }
  return schema.parse(body);
}

/** Answers `data` as the route's JSON output: the compiler checks it against the route's contract (lib/contracts/routes.ts). */
export const reply = <R extends Route>(_route: R, data: OutputOf<R>, status = 200) => NextResponse.json(data, { status });
