// Portuguese. One file per area of the app (a namespace of useTranslations), so areas change apart.
import admin from "./admin.json";
import app from "./app.json";
import attachments from "./attachments.json";
import auth from "./auth.json";
import calls from "./calls.json";
import chat from "./chat.json";
import chatActions from "./chatActions.json";
import chatList from "./chatList.json";
import clientErrors from "./clientErrors.json";
import compose from "./compose.json";
import e2ee from "./e2ee.json";
import email from "./email.json";
import errors from "./errors.json";
import groups from "./groups.json";
import language from "./language.json";
import notifications from "./notifications.json";
import privacy from "./privacy.json";
import profile from "./profile.json";
import push from "./push.json";
import search from "./search.json";
import security from "./security.json";
import shell from "./shell.json";
import shortcuts from "./shortcuts.json";
import status from "./status.json";
import system from "./system.json";
import time from "./time.json";
import ui from "./ui.json";
import validation from "./validation.json";

export default {
  admin,
  app,
  attachments,
  auth,
  calls,
  chat,
  chatActions,
  chatList,
  clientErrors,
  compose,
  e2ee,
  email,
  errors,
  groups,
  language,
  notifications,
  privacy,
  profile,
  push,
  search,
  security,
  shell,
  shortcuts,
  status,
  system,
  time,
  ui,
  validation,
};
