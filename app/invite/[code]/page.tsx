import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { InviteCard } from "@/components/groups/invite-card";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return { title: t("titles.invite") };
}

/** An invite link: signed-in users see the group and can join; others sign in first and come back here. */
export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!(await getCurrentUser(ctx()))) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${code}`)}`);
  return <InviteCard code={code} />;
}
