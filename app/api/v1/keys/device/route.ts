import { authedRoute, reply } from "@/server/http/route";
import { cryptoDeviceOf } from "@/server/services/device-keys";

/** The user and device ids this session's encryption library is created with. */
export const GET = authedRoute(async ({ caller }) => reply("GET /api/v1/keys/device", cryptoDeviceOf(caller)));
