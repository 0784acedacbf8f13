// How the tests and benchmarks launch Debian's Chromium (Playwright can't download a browser here).

/**
 * Quiet (no background networking, updates or sync), no GPU, and a fake camera and microphone (a pattern and
 * a beep) with no permission prompts, for voice notes and calls, whose sound may play without a click first.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  // Calls' sound plays (and tests measure it) without a click in the page first.
  "--autoplay-policy=no-user-gesture-required",
];
