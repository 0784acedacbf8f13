import { redirect } from "next/navigation";
import { Messenger } from "@/components/shell/messenger";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export default async function Home() {
  const me = await getCurrentUser(ctx());
  if (!me) redirect("/sign-up");
  return <Messenger me={me} />;
}
