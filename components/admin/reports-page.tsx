"use client";

import { ArrowLeft, Ban, Check, Flag, RotateCcw, Users } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { ApiError, request } from "@/lib/api-client";
import type { Report } from "@/lib/contracts/privacy";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Logo } from "../ui/logo";
import { Spinner } from "../ui/spinner";
import { useAction } from "../ui/use-action";

/** Reports for the server's admins: who reported what, with the messages, and what to do about it. */
export function ReportsPage() {
  const t = useTranslations("admin");
  const [reports, setReports] = useState<Report[] | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const { busy, error, run } = useAction();

  const load = useCallback(
    () =>
      request("GET /api/v1/reports").then(
        (r) => setReports(r.reports),
        (e: Error) => setLoadError(e),
      ),
    [],
  );
  useEffect(() => void load(), [load]);

  /** Runs an admin action, then shows the reports as they now are. */
  const act = async (key: string, call: () => Promise<unknown>) => {
    if (await run(key, call)) await load();
  };
  const setDisabled = (userId: string, disabled: boolean) =>
    act(`account ${userId}`, () =>
      request(disabled ? "PUT /api/v1/users/:id/disabled" : "DELETE /api/v1/users/:id/disabled", { params: { id: userId } }),
    );
  const dismiss = (id: string) => act(`report ${id}`, () => request("POST /api/v1/reports/:id/resolve", { params: { id } }));

  const open = reports?.filter((r) => !r.resolvedAt) ?? [];
  const closed = reports?.filter((r) => r.resolvedAt) ?? [];
  const problem = loadError ? (loadError instanceof ApiError ? loadError.message : t("loadFailed")) : error;
  return (
    <div className="min-h-dvh bg-app">
      <header className="bg-brand-strong text-white dark:bg-panel-header dark:text-ink">
        <div className="mx-auto flex h-16 max-w-4xl items-center gap-4 px-4">
          <a href="/" aria-label={t("back")} className="rounded-full p-1 hover:bg-white/10">
            <ArrowLeft aria-hidden className="size-6" />
          </a>
          <Logo className="size-8" />
          <h1 className="text-lg font-medium">{t("title")}</h1>
        </div>
      </header>
      <main className="mx-auto flex max-w-4xl flex-col gap-4 px-4 py-6">
        {problem && (
          <p role="alert" className="rounded-md bg-[#ffe4e8] px-4 py-3 text-sm text-[#111b21]">
            {problem}
          </p>
        )}
        {reports === null && !loadError && (
          <div className="flex justify-center py-10 text-brand">
            <Spinner label={t("loading")} />
          </div>
        )}
        {reports && (
          <>
            <h2 className="text-sm text-ink-muted uppercase">{t("open", { count: open.length })}</h2>
            {open.length === 0 && (
              <p className="flex items-center gap-3 rounded-lg bg-panel px-5 py-6 text-ink-muted">
                <Check aria-hidden className="size-5 text-brand" />
                {t("nothing")}
              </p>
            )}
            {open.map((r) => (
              <ReportCard key={r.id} report={r} busy={busy} onDisable={setDisabled} onDismiss={dismiss} />
            ))}
            {closed.length > 0 && <h2 className="mt-4 text-sm text-ink-muted uppercase">{t("dealtWith", { count: closed.length })}</h2>}
            {closed.map((r) => (
              <ReportCard key={r.id} report={r} busy={busy} onDisable={setDisabled} onDismiss={dismiss} />
            ))}
          </>
        )}
      </main>
    </div>
  );
}

function ReportCard({
  report,
  busy,
  onDisable,
  onDismiss,
}: {
  report: Report;
  busy: string | null;
  onDisable: (userId: string, disabled: boolean) => void;
  onDismiss: (id: string) => void;
}) {
  const t = useTranslations("admin.report");
  const time = useTimeFormat();
  const { target, reporter } = report;
  return (
    <article
      aria-label={target ? t("label", { name: target.displayName }) : t("labelGroup", { name: report.groupName ?? "" })}
      className="rounded-lg bg-panel p-5 shadow-sm"
    >
      <header className="flex flex-wrap items-center gap-3">
        {target ? (
          <Avatar src={target.avatarUrl} name={target.displayName} size="sm" />
        ) : (
          <span className="flex size-10 items-center justify-center rounded-full bg-field text-ink-muted">
            <Users aria-hidden className="size-5" />
          </span>
        )}
        <div className="min-w-0 flex-1">
          <p className="truncate text-ink">
            <Flag aria-hidden className="me-1.5 inline size-4 text-danger" />
            {target ? (
              <>
                {target.displayName}{" "}
                <span className="text-ink-muted">
                  <bdi>@{target.username}</bdi>
                </span>
              </>
            ) : (
              t("group", { name: report.groupName ?? "" })
            )}
            {target?.disabled && <span className="ms-2 rounded-sm bg-danger/15 px-1.5 text-xs text-danger">{t("disabled")}</span>}
          </p>
          <p className="text-sm text-ink-muted">
            {t("reportedBy", {
              name: reporter.displayName,
              username: reporter.username,
              time: time.list(new Date(report.createdAt), new Date()),
            })}
          </p>
        </div>
      </header>
      {report.reason && <p className="mt-3 whitespace-pre-wrap text-ink">{t("reason", { reason: report.reason })}</p>}
      <ol aria-label={t("messages")} className="mt-3 flex flex-col gap-1.5 rounded-md bg-app p-3 dark:bg-panel-header">
        {report.messages.length === 0 && <li className="text-sm text-ink-muted">{t("noMessages")}</li>}
        {report.messages.map((m) => (
          <li key={m.seq} className="text-sm">
            <span className="font-medium text-ink">{m.senderName}: </span>
            <span className="whitespace-pre-wrap text-ink">{m.text || `[${m.type}]`}</span>
          </li>
        ))}
      </ol>
      <footer className="mt-4 flex flex-wrap justify-end gap-2">
        {!report.resolvedAt && (
          <Button variant="plain" busy={busy === `report ${report.id}`} onClick={() => onDismiss(report.id)}>
            <Check aria-hidden className="size-4" />
            {t("dismiss")}
          </Button>
        )}
        {target &&
          (target.disabled ? (
            <Button
              variant="plain"
              aria-label={t("enableLabel", { name: target.displayName })}
              busy={busy === `account ${target.id}`}
              onClick={() => onDisable(target.id, false)}
            >
              <RotateCcw aria-hidden className="size-4" />
              {t("enable")}
            </Button>
          ) : (
            <Button
              aria-label={t("disableLabel", { name: target.displayName })}
              busy={busy === `account ${target.id}`}
              onClick={() => onDisable(target.id, true)}
              className="bg-danger! text-white! hover:opacity-90"
            >
              <Ban aria-hidden className="size-4" />
              {t("disable")}
            </Button>
          ))}
      </footer>
    </article>
  );
}
