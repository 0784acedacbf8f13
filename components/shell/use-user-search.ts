"use client";

import { useEffect, useState } from "react";
import { request } from "@/lib/api-client";
import type { PublicUser } from "@/lib/contracts/users";
import { useUserUpdates } from "../realtime/use-user-updates";

/** Users matching `query` (debounced), kept current as their profiles change. */
export function useUserSearch(query: string, enabled = true) {
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      request("GET /api/v1/users", { query: { query: query.trim() }, signal: controller.signal })
        .then((r) => {
          setUsers(r.users);
          setError(null);
        })
        .catch((e: Error) => !controller.signal.aborted && setError(e.message))
        .finally(() => !controller.signal.aborted && setLoading(false));
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, enabled]);

  useUserUpdates((updated) => setUsers((list) => list.map((u) => (u.id === updated.id ? updated : u))));
  return { users, loading, error };
}
