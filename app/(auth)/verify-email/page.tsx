import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/auth/form-alert";
import { getTranslator } from "@/lib/i18n/server";
import { ctx } from "@/server/context";
import { isAppError } from "@/server/errors";
import { verifyEmail } from "@/server/services/email-address";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.verifyEmail") };
}

/** Following the link verifies the address it was sent to (signed in or not: the token is the proof). */
async function verify(token: string | undefined): Promise<{ email: string } | { problem: string }> {
  if (!token) return { problem: (await getTranslator("app"))("verifyEmailPage.incomplete") };
  try {
    return await verifyEmail(ctx(), token);
  } catch (error) {
    if (isAppError(error)) return { problem: error.message };
    throw error;
  }
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const result = await verify((await searchParams).token);
  const t = await getTranslator("app");
  return (
    <AuthCard title={t("verifyEmailPage.title")} footer={{ text: t("verifyEmailPage.backTo"), href: "/", link: "Chatterbox" }}>
      {"problem" in result ? (
        <FormAlert message={result.problem} />
      ) : (
        <p role="status" className="flex items-start gap-2 text-sm text-ink">
          <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
          <span>
            {t.rich("verifyEmailPage.verified", {
              email: result.email,
              b: (chunks) => <strong className="font-medium">{chunks}</strong>,
            })}
          </span>
        </p>
      )}
    </AuthCard>
  );
}
