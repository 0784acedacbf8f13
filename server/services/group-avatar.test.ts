// Group icons in-process: only the current icon's bytes are kept, whatever was refused, replaced or raced.
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDatabases, uniqueName } from "../../test/helpers/databases";
import { useServiceContext } from "../../test/helpers/service-context";
import type { AppContext } from "../context";
import { updateGroup } from "./change-group";
import { createGroup } from "./create-group";
import { getGroupAvatar, removeGroupAvatar, setGroupAvatar } from "./group-avatar";
import { updatePrivacy } from "./privacy";
import { registerUser } from "./register-user";

describe.each(testDatabases)("group icons on $name", (database) => {
  let context: AppContext;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ context, close } = await useServiceContext(database.url()));
  });
  afterEach(async () => close());

  const person = async () => {
    const { userId } = await registerUser(
      context,
      { username: uniqueName("g"), displayName: "Someone", password: "correct horse battery" },
      "127.0.0.1",
    );
    // Strangers build the groups here: each lets anyone add them (the default is "My contacts").
    await updatePrivacy(context, userId, { groups: "everyone" });
    return userId;
  };
  const storedKeys = async (conversationId: string) =>
    (await context.db.groupAvatar.findMany({ where: { conversationId }, select: { key: true } })).map((r) => r.key);

  it("keeps only the current icon's bytes", async () => {
    const [ana, ben] = [await person(), await person()];
    const { id } = await createGroup(context, ana, { name: "Trip", description: "", participants: [ben] });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#09c" } })
      .png()
      .toBuffer();

    await setGroupAvatar(context, ben, id, png);
    const first = (await getGroupAvatar(context, ben, id)).key;
    await updateGroup(context, ana, id, { onlyAdminsEdit: true });
    await expect(setGroupAvatar(context, ben, id, png)).rejects.toMatchObject({ code: "forbidden" });
    await expect(setGroupAvatar(context, ben, id, Buffer.from("GIF89a-but-not-really"))).rejects.toMatchObject({
      code: "unsupported_media_type",
    });
    expect(await storedKeys(id)).toEqual([first]);

    await Promise.all([setGroupAvatar(context, ana, id, png), setGroupAvatar(context, ana, id, png)]);
    const current = (await getGroupAvatar(context, ben, id)).key;
    expect(current).not.toBe(first);
    expect(await storedKeys(id)).toEqual([current]);

    await removeGroupAvatar(context, ana, id);
    expect(await storedKeys(id)).toEqual([]);
    await expect(getGroupAvatar(context, ben, id)).rejects.toMatchObject({ code: "not_found", message: "This group has no icon" });
  });
});
