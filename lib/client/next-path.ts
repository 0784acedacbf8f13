// Where to go after signing in, from a `next` search parameter: only a page of this site, so a crafted
// link can't send someone elsewhere.
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  const url = new URL(next, "http://this.site");
  return url.origin === "http://this.site" ? `${url.pathname}${url.search}${url.hash}` : "/";
}
