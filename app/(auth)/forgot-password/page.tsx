import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.forgotPassword") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslator("app");
  return (
    <AuthCard
      title={t("forgotPasswordPage.title")}
      footer={{ text: t("forgotPasswordPage.remembered"), href: "/sign-in", link: t("signIn") }}
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
