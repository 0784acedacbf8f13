import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/auth/form-alert";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { ctx } from "@/server/context";
import { isAppError } from "@/server/errors";
import { usableEmailToken } from "@/server/services/email-tokens";

export const metadata = { title: "Choose a new password · Chatterbox" };

/** A bad, expired or used link says so at once, instead of after the user typed a new password. */
async function linkProblem(token: string | undefined): Promise<string | null> {
  if (!token) return "This reset link is incomplete. Open the link from the email again, or ask for a new one.";
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
  return (
    <AuthCard
      title="Choose a new password"
      footer={
        problem
          ? { text: "Need a new link?", href: "/forgot-password", link: "Ask again" }
          : { text: "Changed your mind?", href: "/sign-in", link: "Sign in" }
      }
    >
      {problem || !token ? <FormAlert message={problem} /> : <ResetPasswordForm token={token} />}
    </AuthCard>
  );
}
