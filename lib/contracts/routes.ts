// The REST contract: every route under /api/v1 by method and path, with the zod schemas of its JSON body
// and query string and the type of what it answers. Route handlers answer through `reply(route, data)`
// (server/http/route.ts), so what they send is type-checked against the entry; the browser calls through
// `request(route, ...)` (lib/api-client.ts), so what it sends and gets back is typed from the same entry.
// Outputs that are zod schemas (lib/contracts/outputs.ts) are parsed by the contract tests; the others
// carry their type only. test/contract.test.ts holds this registry, docs/api.md and app/api/v1 together.
import { z } from "zod";
import { changePasswordSchema, credentialsSchema, type PasswordChanged, registerSchema, type TokenResponse } from "./auth";
import {
  answerCallSchema,
  callLogQuerySchema,
  callLogSchema,
  callSchema,
  hangupSchema,
  iceServersSchema,
  startCallSchema,
  startedCallSchema,
} from "./calls";
import {
  cryptoDeviceSchema,
  inboxQuerySchema,
  inboxSchema,
  keyChangesQuerySchema,
  keyChangesSchema,
  keysClaimResultSchema,
  keysClaimSchema,
  keysQueryResultSchema,
  keysQuerySchema,
  keysUploadResultSchema,
  keysUploadSchema,
  toDeviceSendSchema,
} from "./e2ee";
import {
  adminEmailSchema,
  type EmailSettings,
  passwordResetRequestSchema,
  passwordResetSchema,
  setDigestSchema,
  setEmailSchema,
} from "./email";
import {
  createGroupSchema,
  type InvitePreview,
  type MessageInfo,
  memberTargetSchema,
  messageInfoQuerySchema,
  updateGroupSchema,
} from "./groups";
import {
  backupCreateSchema,
  backupInfoSchema,
  backupKeysPageSchema,
  backupKeysQuerySchema,
  backupKeysSchema,
  backupKeysUploadResultSchema,
} from "./key-backup";
import { linkPreviewRequestSchema, linkPreviewSchema } from "./link-preview";
import {
  chatSettingsSchema,
  clearChatSchema,
  deleteMessageSchema,
  disappearingSchema,
  editMessageSchema,
  emptyBodySchema,
  forwardSchema,
  type MessageEditEntry,
  reactSchema,
  type SearchResult,
  type StarredMessage,
  searchQuerySchema,
} from "./message-actions";
import { historyQuerySchema, openDirectSchema, receiptBodySchema, sendMessageSchema, unreadQuerySchema } from "./messaging";
import {
  type NotificationSettings,
  type PushKey,
  pushSubscriptionSchema,
  type TestPushResult,
  testPushSchema,
  updateNotificationSettingsSchema,
} from "./notifications";
import {
  blockStateSchema,
  chatMessageSchema,
  conversationSummarySchema,
  flagUpdateSchema,
  groupInfoSchema,
  historyPageSchema,
  messageUpdateSchema,
  privacySettingsSchema,
  publicUserSchema,
  receiptAckSchema,
  statusRemovedSchema,
  statusSchema,
  statusViewedSchema,
  statusViewerSchema,
  uploadedFileSchema,
} from "./outputs";
import { type AccountState, type BlockedContact, createReportSchema, type Report, updatePrivacySchema } from "./privacy";
import { postStatusSchema, type StatusFeed } from "./status";
import { type AdminSetupState, adminSetupSchema, type MessageStats, messageStatsQuerySchema, type SystemHealth } from "./system";
import { type AdminChange, findUsersSchema, type Me, updateProfileSchema } from "./users";

declare const typeOnly: unique symbol;
/** An output known by its type only (no schema yet): checked by the compiler, not parsed by the tests. */
export interface Returns<T> {
  readonly [typeOnly]?: T;
}
const returns = <T>(): Returns<T> => ({});

/** `output: null`: the answer is no JSON (204 No Content, or the bytes of a file). `body` is JSON unless it is a form upload. */
interface RouteContract {
  body?: ZodLike;
  query?: ZodLike;
  output: ZodLike | Returns<unknown> | null;
  /** The body is a multipart form (an upload), not JSON. */
  form?: true;
}
type ZodLike = z.ZodType;

const none = null;
const form = true as const;

export const routes = {
  // Accounts and sessions
  "POST /api/v1/auth/register": { body: registerSchema, output: z.object({ userId: z.string() }) },
  "POST /api/v1/auth/token": { body: credentialsSchema, output: returns<TokenResponse>() },
  "DELETE /api/v1/auth/token": { output: none },
  "DELETE /api/v1/auth/sessions": { output: z.object({ revoked: z.number().int() }) },
  "POST /api/v1/auth/password-reset": { body: passwordResetRequestSchema, output: z.object({ message: z.string() }) },
  "POST /api/v1/auth/password-reset/confirm": { body: passwordResetSchema, output: none },
  "PUT /api/v1/users/me/password": { body: changePasswordSchema, output: returns<PasswordChanged>() },

  // Users
  "GET /api/v1/users": { query: findUsersSchema, output: z.object({ users: z.array(publicUserSchema) }) },
  "GET /api/v1/users/me": { output: returns<Me>() },
  "PATCH /api/v1/users/me": { body: updateProfileSchema, output: publicUserSchema },
  "PUT /api/v1/users/me/avatar": { form, output: publicUserSchema },
  "DELETE /api/v1/users/me/avatar": { output: publicUserSchema },
  "GET /api/v1/users/:id": { output: publicUserSchema },
  "GET /api/v1/users/:id/avatar": { output: none },
  "GET /api/v1/users/me/privacy": { output: privacySettingsSchema },
  "PATCH /api/v1/users/me/privacy": { body: updatePrivacySchema, output: privacySettingsSchema },
  "GET /api/v1/users/me/blocked": { output: returns<{ blocked: BlockedContact[] }>() },
  "PUT /api/v1/users/:id/block": { output: blockStateSchema },
  "DELETE /api/v1/users/:id/block": { output: blockStateSchema },
  "GET /api/v1/users/me/notifications": { output: returns<NotificationSettings>() },
  "PATCH /api/v1/users/me/notifications": { body: updateNotificationSettingsSchema, output: returns<NotificationSettings>() },
  "GET /api/v1/users/me/email": { output: returns<EmailSettings>() },
  "PUT /api/v1/users/me/email": { body: setEmailSchema, output: returns<EmailSettings>() },
  "DELETE /api/v1/users/me/email": { output: returns<EmailSettings>() },
  "PUT /api/v1/users/me/email/digest": { body: setDigestSchema, output: returns<EmailSettings>() },
  "POST /api/v1/users/me/email/verification": { output: returns<EmailSettings>() },

  // Messaging
  "POST /api/v1/messages": { body: sendMessageSchema, output: z.object({ message: chatMessageSchema, duplicate: z.boolean() }) },
  "GET /api/v1/messages/unread": { query: unreadQuerySchema, output: z.object({ messages: z.array(chatMessageSchema) }) },
  "GET /api/v1/conversations": { output: z.object({ conversations: z.array(conversationSummarySchema) }) },
  "POST /api/v1/conversations": { body: openDirectSchema, output: conversationSummarySchema },
  "GET /api/v1/conversations/:id": { output: conversationSummarySchema },
  "PATCH /api/v1/conversations/:id": { body: chatSettingsSchema, output: conversationSummarySchema },
  "GET /api/v1/conversations/:id/messages": { query: historyQuerySchema, output: historyPageSchema },
  "POST /api/v1/conversations/:id/read": { body: receiptBodySchema, output: receiptAckSchema },
  "POST /api/v1/conversations/:id/delivered": { body: receiptBodySchema, output: receiptAckSchema },
  "POST /api/v1/conversations/:id/accept": { output: conversationSummarySchema },
  "PUT /api/v1/conversations/:id/disappearing": { body: disappearingSchema, output: conversationSummarySchema },
  "POST /api/v1/conversations/:id/clear": { body: clearChatSchema, output: conversationSummarySchema },

  // Message actions
  "PATCH /api/v1/conversations/:id/messages/:seq": { body: editMessageSchema, output: messageUpdateSchema },
  "DELETE /api/v1/conversations/:id/messages/:seq": {
    query: deleteMessageSchema,
    output: z.union([messageUpdateSchema, flagUpdateSchema]),
  },
  "GET /api/v1/conversations/:id/messages/:seq/edits": { output: returns<{ edits: MessageEditEntry[] }>() },
  "GET /api/v1/conversations/:id/messages/:seq/info": { query: messageInfoQuerySchema, output: returns<MessageInfo>() },
  "PUT /api/v1/conversations/:id/messages/:seq/reaction": { body: reactSchema, output: messageUpdateSchema },
  "DELETE /api/v1/conversations/:id/messages/:seq/reaction": { output: messageUpdateSchema },
  "PUT /api/v1/conversations/:id/messages/:seq/star": { body: emptyBodySchema, output: flagUpdateSchema },
  "DELETE /api/v1/conversations/:id/messages/:seq/star": { body: emptyBodySchema, output: flagUpdateSchema },
  "PUT /api/v1/conversations/:id/messages/:seq/pin": { body: emptyBodySchema, output: conversationSummarySchema },
  "DELETE /api/v1/conversations/:id/messages/:seq/pin": { body: emptyBodySchema, output: conversationSummarySchema },
  "POST /api/v1/messages/forward": { body: forwardSchema, output: z.object({ messages: z.array(chatMessageSchema) }) },
  "GET /api/v1/messages/starred": { output: returns<{ starred: StarredMessage[] }>() },
  "GET /api/v1/messages/search": { query: searchQuerySchema, output: returns<SearchResult>() },
  "POST /api/v1/link-previews": { body: linkPreviewRequestSchema, output: linkPreviewSchema },

  // Groups
  "POST /api/v1/groups": { body: createGroupSchema, output: conversationSummarySchema },
  "GET /api/v1/groups/:id": { output: groupInfoSchema },
  "PATCH /api/v1/groups/:id": { body: updateGroupSchema, output: groupInfoSchema },
  "GET /api/v1/groups/:id/avatar": { output: none },
  "PUT /api/v1/groups/:id/avatar": { form, output: groupInfoSchema },
  "DELETE /api/v1/groups/:id/avatar": { output: groupInfoSchema },
  "POST /api/v1/groups/:id/members": { body: memberTargetSchema, output: groupInfoSchema },
  "DELETE /api/v1/groups/:id/members/:userId": { output: groupInfoSchema },
  "POST /api/v1/groups/:id/admins": { body: memberTargetSchema, output: groupInfoSchema },
  "DELETE /api/v1/groups/:id/admins/:userId": { output: groupInfoSchema },
  "POST /api/v1/groups/:id/leave": { output: none },
  "POST /api/v1/groups/:id/invite": { output: z.object({ code: z.string() }) },
  "DELETE /api/v1/groups/:id/invite": { output: none },
  "GET /api/v1/invites/:code": { output: returns<InvitePreview>() },
  "POST /api/v1/invites/:code/join": { output: conversationSummarySchema },

  // Calls
  "POST /api/v1/calls": { body: startCallSchema, output: startedCallSchema },
  "GET /api/v1/calls": { query: callLogQuerySchema, output: callLogSchema },
  "GET /api/v1/calls/ice-servers": { output: iceServersSchema },
  "POST /api/v1/calls/:id/answer": { body: answerCallSchema, output: z.object({ call: callSchema }) },
  "POST /api/v1/calls/:id/hangup": { body: hangupSchema, output: z.object({ call: callSchema }) },

  // Statuses
  "GET /api/v1/statuses": { output: returns<StatusFeed>() },
  "POST /api/v1/statuses": { body: postStatusSchema, output: z.object({ status: statusSchema, duplicate: z.boolean() }) },
  "DELETE /api/v1/statuses/:id": { output: statusRemovedSchema },
  "GET /api/v1/statuses/audience": { output: z.object({ userIds: z.array(z.string()) }) },
  "GET /api/v1/statuses/:id/views": { output: z.object({ viewers: z.array(statusViewerSchema) }) },
  "POST /api/v1/statuses/:id/views": { output: statusViewedSchema },

  // Media
  "POST /api/v1/media": { form, output: uploadedFileSchema },
  "GET /api/v1/media/:id": { output: none },
  "GET /api/v1/media/:id/thumbnail": { output: none },

  // Reports, notifications and operations
  "POST /api/v1/reports": { body: createReportSchema, output: z.object({ id: z.string() }) },
  "GET /api/v1/reports": { output: returns<{ reports: Report[] }>() },
  "POST /api/v1/reports/:id/resolve": { output: none },
  "PUT /api/v1/users/:id/disabled": { output: returns<AccountState>() },
  "DELETE /api/v1/users/:id/disabled": { output: returns<AccountState>() },
  "GET /api/v1/notifications/push/key": { output: returns<PushKey>() },
  "POST /api/v1/notifications/push/subscriptions": { body: pushSubscriptionSchema, output: z.object({ subscribed: z.literal(true) }) },
  "DELETE /api/v1/notifications/push/subscriptions": { output: z.object({ removed: z.boolean() }) },
  "POST /api/v1/notifications/push": { body: testPushSchema, output: returns<TestPushResult>() },
  "POST /api/v1/notifications/email": { body: adminEmailSchema, output: z.object({ userId: z.string(), queued: z.literal(true) }) },
  "GET /api/v1/system/health": { output: returns<SystemHealth>() },
  "GET /api/v1/system/admin-setup": { output: returns<AdminSetupState>() },
  "POST /api/v1/system/admin-setup": { body: adminSetupSchema, output: returns<AdminChange>() },
  "PUT /api/v1/users/:id/admin": { output: returns<AdminChange>() },
  "DELETE /api/v1/users/:id/admin": { output: returns<AdminChange>() },
  "GET /api/v1/stats/messages": { query: messageStatsQuerySchema, output: returns<MessageStats>() },

  // End-to-end encryption: the key server and the to-device queue
  "GET /api/v1/keys/device": { output: cryptoDeviceSchema },
  "POST /api/v1/keys/upload": { body: keysUploadSchema, output: keysUploadResultSchema },
  "POST /api/v1/keys/query": { body: keysQuerySchema, output: keysQueryResultSchema },
  "POST /api/v1/keys/claim": { body: keysClaimSchema, output: keysClaimResultSchema },
  "GET /api/v1/keys/changes": { query: keyChangesQuerySchema, output: keyChangesSchema },
  "PUT /api/v1/to-device/:txnId": { body: toDeviceSendSchema, output: z.object({}) },
  "GET /api/v1/to-device": { query: inboxQuerySchema, output: inboxSchema },
  "GET /api/v1/room-keys/version": { output: backupInfoSchema },
  "POST /api/v1/room-keys/version": { body: backupCreateSchema, output: z.object({ version: z.string() }) },
  "DELETE /api/v1/room-keys/version": { output: z.object({}) },
  "PUT /api/v1/room-keys/keys": { query: backupKeysQuerySchema, body: backupKeysSchema, output: backupKeysUploadResultSchema },
  "GET /api/v1/room-keys/keys": { query: backupKeysQuerySchema, output: backupKeysPageSchema },
} satisfies Record<string, RouteContract>;

type Routes = typeof routes;
export type Route = keyof Routes;
type Method = Route extends `${infer M} ${string}` ? M : never;
/** The routes of one method, e.g. RoutesOf<"GET">. */
export type RoutesOf<M extends Method> = Extract<Route, `${M} ${string}`>;

/** What a route answers (undefined: no JSON). */
export type OutputOf<R extends Route> = Routes[R]["output"] extends z.ZodType
  ? z.output<Routes[R]["output"]>
  : Routes[R]["output"] extends Returns<infer T>
    ? T
    : undefined;
/** What a client may send as the route's JSON body (fields with defaults may be left out). */
export type BodyOf<R extends Route> = Routes[R] extends { body: z.ZodType } ? z.input<Routes[R]["body"]> : never;
/** The route's query string, as a client writes it. */
export type QueryOf<R extends Route> = Routes[R] extends { query: z.ZodType }
  ? Partial<Record<keyof z.input<Routes[R]["query"]>, string | number>>
  : never;

type ParamNames<P extends string> = P extends `${string}/:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}/:${infer Name}`
    ? Name
    : never;
/** The path parameters a route needs, by name. */
export type ParamsOf<R extends Route> = { [K in ParamNames<R>]: string | number };

/** The route's address with its parameters filled in (each one URI-encoded). */
export function pathOf<R extends Route>(route: R, params: ParamsOf<R> | undefined): string {
  const path = route.slice(route.indexOf(" ") + 1);
  const values = (params ?? {}) as Record<string, string | number>;
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name])));
}
