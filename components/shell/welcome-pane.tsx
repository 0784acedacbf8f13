import { Lock } from "lucide-react";
import { Logo } from "../ui/logo";

export function WelcomePane() {
  return (
    <section
      aria-label="Welcome"
      className="flex h-full flex-col items-center justify-center gap-6 border-b-[6px] border-brand bg-panel-header px-10 text-center"
    >
      <Logo className="size-24 opacity-90" />
      <h2 className="text-3xl font-light text-ink">Chatterbox Web</h2>
      <p className="max-w-md text-sm leading-6 text-ink-muted">
        Chatterbox runs on a server you control. Start a new chat, or search for someone by name or username.
      </p>
      <p className="flex items-center gap-1 text-xs text-ink-muted">
        <Lock aria-hidden className="size-3" /> Your messages stay on your own server.
      </p>
    </section>
  );
}
