// Security headers for every response. The CSP uses a fresh nonce per request: the custom server puts
// the policy on the request too, where Next reads the nonce and stamps it on its own scripts.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export function contentSecurityPolicy(nonce: string, { dev, https }: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks; React dev tooling needs eval.
    // 'wasm-unsafe-eval' lets the crypto library compile its WebAssembly (it allows no JavaScript eval).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, opts: { dev: boolean; https: boolean }): void {
  const csp = contentSecurityPolicy(randomBytes(16).toString("base64"), opts);
  req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(self)");
  if (opts.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
