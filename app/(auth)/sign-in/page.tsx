import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export const metadata = { title: "Sign in · Chatterbox" };

export default async function SignInPage() {
  if (await getCurrentUser(ctx())) redirect("/");
  return (
    <AuthCard title="Sign in" footer={{ text: "New here?", href: "/sign-up", link: "Create an account" }}>
      <SignInForm />
    </AuthCard>
  );
}
