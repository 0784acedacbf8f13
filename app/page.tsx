import { redirect } from "next/navigation";
import { Messenger } from "@/components/shell/messenger";
import { getCurrentUser } from "@/server/auth/current-user";

export default async function Home() {
  const me = await getCurrentUser();
  if (!me) redirect("/sign-up");
  return <Messenger me={me} />;
}
