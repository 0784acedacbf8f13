"use client";

import { Link2Off } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { membersCount } from "@/lib/client/group-view";
import type { InvitePreview } from "@/lib/contracts/groups";
import { FormAlert } from "../auth/form-alert";
import { Avatar } from "../ui/avatar";
import { BrandedPage } from "../ui/branded-page";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";

type State = { kind: "loading" } | { kind: "invalid" } | { kind: "error"; message: string } | { kind: "ready"; invite: InvitePreview };

/** An invite link's landing card: the group's name, description and size, and "Join group" (or open it if I'm in). */
export function InviteCard({ code }: { code: string }) {
  const t = useTranslations("groups");
  const tGroup = useTranslations("system.groupView");
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the Retry button's way to fetch again.
  useEffect(() => {
    const controller = new AbortController();
    request("GET /api/v1/invites/:code", { params: { code }, signal: controller.signal }).then(
      (invite) => setState({ kind: "ready", invite }),
      (e: ApiError) => {
        if (controller.signal.aborted) return;
        setState(e.status === 404 || e.status === 400 ? { kind: "invalid" } : { kind: "error", message: e.message });
      },
    );
    return () => controller.abort();
  }, [code, attempt]);

  async function join(invite: InvitePreview) {
    setJoining(true);
    setJoinError(null);
    try {
      const id = invite.member ? invite.groupId : (await request("POST /api/v1/invites/:code/join", { params: { code } })).id;
      router.push(`/?chat=${encodeURIComponent(id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setState({ kind: "invalid" });
      else setJoinError(e instanceof Error ? e.message : t("invite.joinFailed"));
      setJoining(false);
    }
  }

  return (
    <BrandedPage>
      <section aria-label={t("invite.label")} className="flex flex-col items-center gap-3 rounded-xl bg-panel p-8 text-center shadow-lg">
        {state.kind === "loading" && (
          <div className="py-10 text-brand">
            <Spinner label={t("invite.loading")} />
          </div>
        )}
        {state.kind === "invalid" && (
          <>
            <Link2Off aria-hidden className="size-12 text-ink-muted" strokeWidth={1.5} />
            <h1 className="text-xl text-ink">{t("invite.invalid")}</h1>
            <p className="text-sm text-ink-muted">{t("invite.askAdmin")}</p>
            <Button variant="plain" onClick={() => router.push("/")}>
              {t("invite.goToChats")}
            </Button>
          </>
        )}
        {state.kind === "error" && (
          <>
            <FormAlert message={state.message} />
            <Button
              variant="plain"
              onClick={() => {
                setState({ kind: "loading" });
                setAttempt((n) => n + 1);
              }}
            >
              {t("invite.retry")}
            </Button>
          </>
        )}
        {state.kind === "ready" && (
          <>
            <Avatar src={null} name={state.invite.name} size="lg" group />
            <p className="mt-2 text-sm text-ink-muted">{t("invite.invited")}</p>
            <h1 className="text-2xl break-words text-ink">{state.invite.name}</h1>
            <p className="text-sm text-ink-muted">{t("groupLine", { members: membersCount(tGroup, state.invite.memberCount) })}</p>
            {state.invite.description && <p className="whitespace-pre-wrap break-words text-ink">{state.invite.description}</p>}
            <FormAlert message={joinError} />
            <Button className="mt-4 w-full" busy={joining} onClick={() => void join(state.invite)}>
              {state.invite.member ? t("invite.open") : t("invite.join")}
            </Button>
            <Button variant="plain" className="w-full" onClick={() => router.push("/")} disabled={joining}>
              {t("invite.notNow")}
            </Button>
          </>
        )}
      </section>
    </BrandedPage>
  );
}
