import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata = { title: "Forgot password · Chatterbox" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Reset your password" footer={{ text: "Remembered it?", href: "/sign-in", link: "Sign in" }}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
