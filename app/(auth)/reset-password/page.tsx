import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/auth/form-alert";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { getTranslator } from "@/lib/i18n/server";
import { ctx } from "@/server/context";
import { isAppError } from "@/server/errors";
import { usableEmailToken } from "@/server/services/email-tokens";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.resetPassword") };
}

/** A bad, expired or used link says so at once, instead of after the user typed a new password. */
async function linkProblem(token: string | undefined): Promise<string | null> {
  if (!token) return (await getTranslator("app"))("resetPasswordPage.incomplete");
  try {
    await usableEmailToken(ctx(), token, "reset");
    return null;
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const problem = await linkProblem(token);
  const t = await getTranslator("app");
  return (
    <AuthCard
      title={t("resetPasswordPage.title")}
      footer={
        problem
          ? { text: t("resetPasswordPage.needLink"), href: "/forgot-password", link: t("resetPasswordPage.askAgain") }
          : { text: t("resetPasswordPage.changedMind"), href: "/sign-in", link: t("signIn") }
      }
    >
      {problem || !token ? <FormAlert message={problem} /> : <ResetPasswordForm token={token} />}
    </AuthCard>
  );
}
