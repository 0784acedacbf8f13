// @mentions in groups: recorded with the message for current members, counted as unread until read.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, uniqueName } from "../../test/helpers/databases";
import { useServiceContext } from "../../test/helpers/service-context";
import type { AppContext } from "../context";
import { removeMember } from "./change-group";
import { summarize } from "./conversation-access";
import { createGroup } from "./create-group";
import { updatePrivacy } from "./privacy";
import { registerUser } from "./register-user";
import { reportReceipt } from "./report-receipt";
import { sendMessage } from "./send-message";

describe.each(testDatabases)("mentions on $name", (database) => {
  let context: AppContext;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ context, close } = await useServiceContext(database.url()));
  });
  afterEach(async () => close());

  const person = async () => {
    const username = uniqueName("m");
    const { userId } = await registerUser(context, { username, displayName: username, password: "correct horse battery" }, "127.0.0.1");
    // Strangers build the groups here: each lets anyone add them (the default is "My contacts").
    await updatePrivacy(context, userId, { groups: "everyone" });
    return { id: userId, username };
  };
  let n = 0;
  const send = (from: string, conversationId: string, text: string) => sendMessage(context, from, { id: `c${++n}`, conversationId, text });

  it("counts unread messages that mention a member until they read them", async () => {
    const [ana, ben, cid] = [await person(), await person(), await person()];
    const { id } = await createGroup(context, ana.id, { name: "Trip", description: "", participants: [ben.id, cid.id] });
    // The group's own system messages ("Ana created ...") are unread too.
    const events = (await summarize(context, id, ben.id)).unreadCount;
    await send(ana.id, id, `@${ben.username.toUpperCase()} and @${ana.username}, look`);
    await send(cid.id, id, `ping @${ben.username} @${ben.username}`);
    await send(cid.id, id, "no mention, just mail ben@example.com");

    expect(await summarize(context, id, ben.id)).toMatchObject({ unreadCount: events + 3, unreadMentions: 2 });
    // Cid's own message marks everything before it read for him.
    expect(await summarize(context, id, cid.id)).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
    // Mentioning yourself is not a mention.
    expect(await summarize(context, id, ana.id)).toMatchObject({ unreadMentions: 0 });

    const { message } = await send(ana.id, id, `@${ben.username} last one`);
    await reportReceipt(context, ben.id, "read", { conversationId: id, seq: message.seq - 1 });
    expect(await summarize(context, id, ben.id)).toMatchObject({ unreadCount: 1, unreadMentions: 1 });
    await reportReceipt(context, ben.id, "read", { conversationId: id, seq: message.seq });
    expect(await summarize(context, id, ben.id)).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
  });

  it("records no mention of someone who isn't a member any more", async () => {
    const [ana, ben, cid] = [await person(), await person(), await person()];
    const { id } = await createGroup(context, ana.id, { name: "Trip", description: "", participants: [ben.id, cid.id] });
    await removeMember(context, ana.id, id, ben.id);
    await send(cid.id, id, `@${ben.username} are you there?`);
    expect(await summarize(context, id, ben.id)).toMatchObject({ unreadMentions: 0 });
  });
});
