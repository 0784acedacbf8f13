import { CALL_HEARTBEAT_MS } from "../../../lib/contracts/calls";
import type { AppContext } from "../../context";
import { answerCall, callHeartbeat, hangUp, leaveIfGone, publicCall, relaySignal, startCall } from "../../services/calls";
import type { AppSocket } from "../io";
import type { On } from "./on";

/** Call commands over Socket.IO: the same services as the REST routes under /api/v1/calls, for this socket's device. */
export function registerCallHandlers(on: On, app: AppContext, socket: AppSocket): void {
  const session = socket.data;
  // A device whose connection closed and didn't come back within a heartbeat or two left its calls: the
  // others see the call end within seconds, not when the sweep finds it quiet.
  socket.on("disconnect", () => {
    const since = app.now();
    setTimeout(
      () => void leaveIfGone(app, session, since).catch((err) => app.log.warn({ err }, "couldn't end the calls of a device that left")),
      CALL_HEARTBEAT_MS + 2_000,
    ).unref();
  });
  on("call:start", async (input) => {
    const { call } = await startCall(app, session, input);
    return { callId: call.id, status: call.state === "ended" ? "ended" : "ringing", call: publicCall(call) };
  });
  on("call:answer", async ({ callId, accept }) => ({ call: publicCall((await answerCall(app, session, callId, accept)).call) }));
  on("call:hangup", async ({ callId, failed }) => ({ call: publicCall((await hangUp(app, session, callId, failed)).call) }));
  on("call:signal", (signal) => relaySignal(app, session, signal));
  on("call:heartbeat", ({ callId }) => callHeartbeat(app, session, callId));
}
