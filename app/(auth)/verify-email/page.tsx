import { CircleCheck } from "lucide-react";
import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/auth/form-alert";
import { ctx } from "@/server/context";
import { isAppError } from "@/server/errors";
import { verifyEmail } from "@/server/services/email-address";

export const metadata = { title: "Verify email · Chatterbox" };

/** Following the link verifies the address it was sent to (signed in or not: the token is the proof). */
async function verify(token: string | undefined): Promise<{ email: string } | { problem: string }> {
  if (!token) return { problem: "This verification link is incomplete. Open the link from the email again." };
  try {
    return await verifyEmail(ctx(), token);
  } catch (error) {
    if (isAppError(error)) return { problem: error.message };
    throw error;
  }
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const result = await verify((await searchParams).token);
  return (
    <AuthCard title="Verify email" footer={{ text: "Back to", href: "/", link: "Chatterbox" }}>
      {"problem" in result ? (
        <FormAlert message={result.problem} />
      ) : (
        <p role="status" className="flex items-start gap-2 text-sm text-ink">
          <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
          <span>
            <strong className="font-medium">{result.email}</strong> is verified. Password reset links and security alerts will go there.
          </span>
        </p>
      )}
    </AuthCard>
  );
}
