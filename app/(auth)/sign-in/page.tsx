import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.signIn") };
}

export default async function SignInPage() {
  if (await getCurrentUser(ctx())) redirect("/");
  const t = await getTranslator("app");
  return (
    <AuthCard title={t("signIn")} footer={{ text: t("signInPage.newHere"), href: "/sign-up", link: t("signInPage.createAccount") }}>
      <SignInForm />
    </AuthCard>
  );
}
