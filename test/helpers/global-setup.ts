// Integration tests run the production build; make sure it matches the sources first.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync("npx", ["tsx", "scripts/ensure-build.ts"], { stdio: "inherit" });
}
