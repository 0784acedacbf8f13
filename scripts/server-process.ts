// How the production server process is started (by `npm start`, the tests, the benchmarks and Playwright):
// the bundle scripts/build-server.ts writes, and the environment it runs with.
import path from "node:path";

/** Where `npm start` and the tests run the server from (beside Next's build, which ensure-build hashes). */
export const SERVER_BUNDLE = path.resolve(import.meta.dirname, "../.next/chatterbox/server.mjs");
/**
 * What `npm start` sets for the server process (docs/deploy.md says so for systemd): glibc returns memory
 * of 128 KiB and more to the system when it is freed. Without it glibc raises that threshold after the first
 * such block is freed, and every libuv thread then keeps argon2's 19 MiB password-hashing buffers in its
 * own arena: 100 sign-ups grew the process by 108 MiB, with it by 14 (docs/performance.md "Footprint").
 */
export const SERVER_PROCESS_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" };
