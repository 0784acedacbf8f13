import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReportsPage } from "@/components/admin/reports-page";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.admin") };
}

/** The admins' page: reports of users and groups, and disabling accounts. Others go back to their chats. */
export default async function AdminPage() {
  const me = await getCurrentUser(ctx());
  if (!me) redirect(`/sign-in?next=${encodeURIComponent("/admin")}`);
  if (!me.isAdmin) redirect("/");
  return <ReportsPage />;
}
