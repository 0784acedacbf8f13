// Browser-side REST calls: JSON in, JSON out, the server's error message surfaced in the page's language, and every call
// stamped with the app's protocol version. `request(route, ...)` is typed from the REST contract
// (lib/contracts/routes.ts): its body, query, path parameters and answer.
import { reportUpdateRequired, UPDATE_REQUIRED } from "./client/update-required";
import type { ApiErrorBody } from "./contracts/errors";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "./contracts/protocol";
import { type BodyOf, type OutputOf, type ParamsOf, pathOf, type QueryOf, type Route } from "./contracts/routes";
import { errorText, text } from "./i18n/text";

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: ApiErrorBody,
  ) {
    super(errorText(body));
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
  if (json !== undefined) headers.set("Content-Type", "application/json");
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, { code: "internal", message: text("clientErrors.api.unreachable") });
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error: ApiErrorBody = data?.error ?? { code: "internal", message: text("clientErrors.api.status", { status: res.status }) };
    if (error.code === UPDATE_REQUIRED) reportUpdateRequired();
    throw new ApiError(res.status, error);
  }
  return data as T;
}

type Options<R extends Route> = Omit<RequestInit, "method" | "body"> &
  ([keyof ParamsOf<R>] extends [never] ? { params?: undefined } : { params: ParamsOf<R> }) &
  ([BodyOf<R>] extends [never] ? { json?: undefined; body?: BodyInit } : { json: BodyOf<R> }) &
  ([QueryOf<R>] extends [never] ? { query?: undefined } : { query?: QueryOf<R> });

/** Calls a route of the REST contract: `request("GET /api/v1/users/:id", { params: { id } })`. */
export function request<R extends Route>(
  route: R,
  ...[options]: Record<never, never> extends Options<R> ? [Options<R>?] : [Options<R>]
): Promise<OutputOf<R>> {
  const { params, query, ...init } = (options ?? {}) as RequestInit & { params?: ParamsOf<R>; query?: Record<string, string | number> };
  const search = new URLSearchParams(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const path = pathOf(route, params);
  return api<OutputOf<R>>(search ? `${path}?${search}` : path, { ...init, method: route.slice(0, route.indexOf(" ")) });
}
