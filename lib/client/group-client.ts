// Group chats over REST: creating a group, loading its info, its icon, the admin actions, the invite
// link and message info. Every change the server answers with the group's info goes into the store, so the chat,
// the header and the info pane follow at once (the conversation:updated event confirms it later).
import { type GroupInfo, MEMBER_PAGE, type MessageInfo, type UpdateGroup } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import type { FetchJson } from "./messaging-engine";
import type { MessagingStore } from "./messaging-store";

const enc = encodeURIComponent;
const groupPath = (id: string) => `/api/v1/groups/${enc(id)}`;
/** Fetches of one load, at most (see fresh()). */
const LOAD_ATTEMPTS = 3;

export class GroupClient {
  private readonly loading = new Map<string, Promise<GroupInfo>>();
  /** Users already looked up (found or not), so that nobody is asked for twice. */
  private readonly looked = new Set<string>();

  constructor(
    private readonly fetchJson: FetchJson,
    private readonly store: MessagingStore,
  ) {}

  /** Creates a group with me as its admin; returns its conversation id. */
  async create(input: { name: string; description: string; participants: string[] }): Promise<string> {
    const conversation = await this.fetchJson<ConversationSummary>("/api/v1/groups", { method: "POST", json: input });
    this.store.upsertConversations([conversation]);
    return conversation.id;
  }

  /** Fetches a group's info (members, roles, invite link); calls made while one is running share it. */
  load(id: string): Promise<GroupInfo> {
    const running = this.loading.get(id);
    if (running) return running;
    const call = this.apply(this.fresh(id)).finally(() => this.loading.delete(id));
    this.loading.set(id, call);
    return call;
  }

  /**
   * The group's info, fetched again when the chat's summary took newer group details while the answer was
   * on its way (a change pushed meanwhile, such as my removal): that answer may predate the change, and
   * applying it would undo it.
   */
  private async fresh(id: string): Promise<GroupInfo> {
    for (let attempt = 1; ; attempt++) {
      const before = this.store.getState().conversations[id]?.group;
      const info = await this.fetchJson<GroupInfo>(groupPath(id));
      if (this.store.getState().conversations[id]?.group === before || attempt === LOAD_ATTEMPTS) return info;
    }
  }

  /** After a reconnect, when changes may have been missed: reloads every group whose info is held, and allows lookups that failed to run again. */
  reloadHeld() {
    this.looked.clear();
    for (const id of Object.keys(this.store.getState().groups)) void this.load(id).catch(() => {});
  }

  update = (id: string, changes: UpdateGroup) => this.apply(this.fetchJson(groupPath(id), { method: "PATCH", json: changes }));

  /** Sets the group's icon from an image file (the server crops it to a square). */
  setAvatar = (id: string, file: Blob) => {
    const body = new FormData();
    body.append("file", file);
    return this.apply(this.fetchJson(`${groupPath(id)}/avatar`, { method: "PUT", body }));
  };

  removeAvatar = (id: string) => this.apply(this.fetchJson(`${groupPath(id)}/avatar`, { method: "DELETE" }));

  addMember = (id: string, userId: string) => this.apply(this.fetchJson(`${groupPath(id)}/members`, { method: "POST", json: { userId } }));

  removeMember = (id: string, userId: string) =>
    this.apply(this.fetchJson(`${groupPath(id)}/members/${enc(userId)}`, { method: "DELETE" }));

  /** Makes a member an admin, or dismisses them as admin. */
  setAdmin = (id: string, userId: string, admin: boolean) =>
    this.apply(
      admin
        ? this.fetchJson(`${groupPath(id)}/admins`, { method: "POST", json: { userId } })
        : this.fetchJson(`${groupPath(id)}/admins/${enc(userId)}`, { method: "DELETE" }),
    );

  /** Leaves the group; the history up to now stays, and the chat's summary says I'm no longer a member. */
  async leave(id: string): Promise<void> {
    await this.fetchJson<void>(`${groupPath(id)}/leave`, { method: "POST" });
    this.store.upsertConversations([await this.fetchJson<ConversationSummary>(`/api/v1/conversations/${enc(id)}`)]);
  }

  /** Creates the invite link, or replaces it (the old one stops working); returns its code. */
  async createInvite(id: string): Promise<string> {
    const { code } = await this.fetchJson<{ code: string }>(`${groupPath(id)}/invite`, { method: "POST" });
    this.store.setInviteCode(id, code);
    return code;
  }

  async revokeInvite(id: string): Promise<void> {
    await this.fetchJson<void>(`${groupPath(id)}/invite`, { method: "DELETE" });
    this.store.setInviteCode(id, null);
  }

  /** One page of who has my message: delivered and read times per member, and the counts. */
  messageInfo(conversationId: string, seq: number, after: string | null): Promise<MessageInfo> {
    const from = after ? `after=${enc(after)}&` : "";
    return this.fetchJson<MessageInfo>(`/api/v1/conversations/${enc(conversationId)}/messages/${seq}/info?${from}limit=${MEMBER_PAGE}`);
  }

  /** Looks up users not in the directory yet (senders of group messages), each once. */
  resolveUsers(ids: Iterable<string>) {
    const known = this.store.getState().users;
    for (const id of ids) {
      if (known[id] || this.looked.has(id)) continue;
      this.looked.add(id);
      this.fetchJson<PublicUser>(`/api/v1/users/${enc(id)}`).then(
        (user) => this.store.applyUsers([user]),
        () => {},
      );
    }
  }

  private async apply(call: Promise<GroupInfo>): Promise<GroupInfo> {
    const info = await call;
    this.store.applyGroupInfo(info);
    return info;
  }
}
