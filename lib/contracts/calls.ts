// Voice and video calls (server/services/calls.ts): the REST bodies, the Socket.IO payloads and what the
// server answers. A call rings every device of the people called; the first device to answer joins, and
// from then on signalling (SDP offers and answers, ICE candidates) goes device to device through the
// server, end-to-end encrypted when the chat is (the server relays it without reading it).
import { z } from "zod";
import { text as localized, message } from "../i18n/text";
import { encryptedContentSchema } from "./e2ee";
import { entityIdSchema } from "./messaging";

export const CALL_KINDS = ["voice", "video"] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** How long a call rings before it is missed. */
export const CALL_RING_MS = 45_000;
/** Most people in one call (a mesh: each device sends to every other). */
export const GROUP_CALL_MAX = 8;
/** How often a device in a call says it is still there; one silent for CALL_QUIET_MS has left. */
export const CALL_HEARTBEAT_MS = 5_000;
export const CALL_QUIET_MS = 20_000;

export const CALL_STATES = ["ringing", "ongoing", "ended"] as const;
export type CallState = (typeof CALL_STATES)[number];
/** How a call ended: talked, nobody answered, declined, the other side was in a call, the caller gave up, or it couldn't connect. */
export const CALL_END_REASONS = ["completed", "missed", "declined", "busy", "cancelled", "failed"] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];
export const PARTICIPANT_STATES = ["ringing", "joined", "left", "declined", "missed"] as const;
export type ParticipantState = (typeof PARTICIPANT_STATES)[number];

/** POST /api/v1/calls and call:start: a call to a person (their direct chat) or in a chat I'm in. */
export const startCallSchema = z
  .object({
    to: entityIdSchema.optional(),
    conversationId: entityIdSchema.optional(),
    kind: z.enum(CALL_KINDS, message("validation.field.oneOf", { field: "kind", values: CALL_KINDS.join(", ") })),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.to === undefined) === (c.conversationId === undefined))
      ctx.addIssue({ code: "custom", path: ["to"], message: localized("validation.calls.whom") });
  });
export type StartCall = z.infer<typeof startCallSchema>;

/** A call by its id (call:hangup, call:heartbeat, and the REST paths /calls/:id/...). */
export const callRefSchema = z.object({ callId: entityIdSchema }).strict();
export const callIdOf = (params: { id: string }): string => callRefSchema.parse({ callId: params.id }).callId;

/** POST /api/v1/calls/:id/answer: pick up (or join an ongoing group call), or decline. */
export const answerCallSchema = z.object({ accept: z.boolean(message("validation.field.boolean", { field: "accept" })) }).strict();
export const answerCallCommandSchema = callRefSchema.extend(answerCallSchema.shape).strict();

/** POST /api/v1/calls/:id/hangup: `failed` when the device couldn't connect (the call ends as failed, not completed). */
export const hangupSchema = z.object({ failed: z.boolean().optional() }).strict();
export const hangupCommandSchema = callRefSchema.extend(hangupSchema.shape).strict();

/** Longest SDP a signal may carry (a video offer with several codecs is a few KiB). */
export const SDP_MAX = 64 * 1024;

/** A signal in the clear, for a chat that isn't end-to-end encrypted: WebRTC's own shapes, bounded. */
export const plainSignalSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["offer", "answer"]), sdp: z.string().min(1).max(SDP_MAX) }).strict(),
  z
    .object({
      type: z.literal("candidate"),
      candidate: z
        .object({
          candidate: z.string().max(1024),
          sdpMid: z.string().max(64).nullable(),
          sdpMLineIndex: z.number().int().min(0).max(1024).nullable(),
          usernameFragment: z.string().max(256).nullable().optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type PlainSignal = z.infer<typeof plainSignalSchema>;

/** One device in a call, as others address it: its user, and the device id its keys are published under. */
export const callDeviceSchema = z.object({ userId: entityIdSchema, deviceId: z.string().regex(/^[A-Z]{10}$/) }).strict();
export type CallDevice = z.infer<typeof callDeviceSchema>;

/**
 * call:signal: a signal from my device in the call to another's. In an end-to-end encrypted chat it is
 * `encrypted` (a PlainSignal encrypted for the chat, so the server can't read or forge the SDP and its
 * DTLS fingerprints); otherwise `plain`.
 */
export const callSignalSchema = z
  .object({
    callId: entityIdSchema,
    to: callDeviceSchema,
    signal: z.union([z.object({ encrypted: encryptedContentSchema }).strict(), z.object({ plain: plainSignalSchema }).strict()]),
  })
  .strict();
export type CallSignal = z.infer<typeof callSignalSchema>;

const instant = z.string();

export const callParticipantSchema = z.object({
  userId: z.string(),
  state: z.enum(PARTICIPANT_STATES),
  /** The device that joined (signals to it go to that device only). */
  deviceId: z.string().nullable(),
  joinedAt: instant.nullable(),
  leftAt: instant.nullable(),
});
export type CallParticipant = z.infer<typeof callParticipantSchema>;

export const callSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  callerId: z.string(),
  kind: z.enum(CALL_KINDS),
  state: z.enum(CALL_STATES),
  endReason: z.enum(CALL_END_REASONS).nullable(),
  createdAt: instant,
  answeredAt: instant.nullable(),
  endedAt: instant.nullable(),
  /** The caller first, then everyone rung. */
  participants: z.array(callParticipantSchema),
});
export type Call = z.infer<typeof callSchema>;

/** One entry of my call log (GET /api/v1/calls): the call, as it was for me. */
export const callLogEntrySchema = callSchema.extend({
  direction: z.enum(["incoming", "outgoing"]),
  /** An incoming call that rang for me (or was silenced) and that I never answered nor declined. */
  missed: z.boolean(),
  /** Seconds from the first answer to the end (null: never answered, or still going). */
  duration: z.number().int().min(0).nullable(),
});
export type CallLogEntry = z.infer<typeof callLogEntrySchema>;

/** Seconds from the first answer to the end (null: never answered, or still going). */
export const callDuration = (call: Pick<Call, "answeredAt" | "endedAt">): number | null =>
  call.answeredAt && call.endedAt ? Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000)) : null;

/** A call as `userId`'s call log shows it: the server's GET /api/v1/calls, and the app for a call pushed as it ends. */
export function callLogEntry(call: Call, userId: string): CallLogEntry {
  const outgoing = call.callerId === userId;
  const mine = call.participants.find((p) => p.userId === userId);
  return {
    ...call,
    direction: outgoing ? "outgoing" : "incoming",
    // Rung and never answered (it ended first, or it was silenced); declining isn't missing.
    missed: !outgoing && mine?.state === "missed",
    duration: callDuration(call),
  };
}

/** What POST /api/v1/calls answers: ringing, or already ended (the person called was busy). */
export const startedCallSchema = z.object({ callId: z.string(), status: z.enum(["ringing", "ended"]), call: callSchema });

/** GET /api/v1/calls?before=<call id>: newest first, CALL_LOG_PAGE at a time. */
export const CALL_LOG_PAGE = 30;
export const callLogQuerySchema = z.object({ before: entityIdSchema.optional() }).strict();
export const callLogSchema = z.object({ calls: z.array(callLogEntrySchema), more: z.boolean() });

/** Pushed as call:signal: a signal from a device in the call to this one. */
export const callSignalPushSchema = z.object({ callId: z.string(), from: callDeviceSchema, signal: callSignalSchema.shape.signal });
export type CallSignalPush = z.infer<typeof callSignalPushSchema>;
/**
 * Pushed as call:updated to every device of everyone in the call, at each change: it rang (a participant
 * "ringing" is me: show the incoming call), someone answered (on another of my devices: "Answered on
 * another device"), joined, declined or left, or it ended (`state` "ended", with its `endReason`).
 */
export const callUpdatedSchema = z.object({ call: callSchema });

/** GET /api/v1/calls/ice-servers: the STUN and TURN servers this device may use, TURN credentials good for a while. */
export const iceServersSchema = z.object({
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
  /** When the TURN credentials stop working (ask again before). */
  expiresAt: instant.nullable(),
});
export type IceServers = z.infer<typeof iceServersSchema>;
