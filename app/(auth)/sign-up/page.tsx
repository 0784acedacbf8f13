import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.signUp") };
}

export default async function SignUpPage() {
  if (await getCurrentUser(ctx())) redirect("/");
  const t = await getTranslator("app");
  return (
    <AuthCard title={t("signUpPage.title")} footer={{ text: t("signUpPage.haveAccount"), href: "/sign-in", link: t("signIn") }}>
      <SignUpForm />
    </AuthCard>
  );
}
