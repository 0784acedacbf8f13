import { redirect } from "next/navigation";
import { Messenger } from "@/components/shell/messenger";
import { getCurrentUser } from "@/server/auth/current-user";
import { ctx } from "@/server/context";

export default async function Home() {
  const app = ctx();
  const me = await getCurrentUser(app);
  if (!me) redirect("/sign-up");
  return <Messenger me={me} e2eeByDefault={app.env.e2eeByDefault} />;
}
