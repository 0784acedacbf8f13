// Typed messages: t("key") must name a key of the English catalog, and locales are the app's.
import type { Messages } from "./catalog";
import type { Locale } from "./locales";

declare module "use-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
