import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export const metadata = { title: "Create account · Chatterbox" };

export default async function SignUpPage() {
  if (await getCurrentUser(ctx())) redirect("/");
  return (
    <AuthCard title="Create your account" footer={{ text: "Already have an account?", href: "/sign-in", link: "Sign in" }}>
      <SignUpForm />
    </AuthCard>
  );
}
