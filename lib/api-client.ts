// Browser-side REST calls: JSON in, JSON out, and the server's error message surfaced as-is.
import type { ApiErrorBody } from "./contracts/errors";

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: json === undefined ? rest.headers : { "Content-Type": "application/json", ...rest.headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { code: "internal", message: "Can't reach the server. Check your connection." });
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, data?.error ?? { code: "internal", message: `The server answered ${res.status}` });
  }
  return data as T;
}
