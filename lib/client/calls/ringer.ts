// The sounds of a call that isn't answered yet, made with the Web Audio API (no audio files to ship): an
// incoming call rings (two short rising tones, every 2 s), and the caller hears the ringback tone (440 and
// 480 Hz together, 1 s on, 2 s off). A browser that hasn't seen a click in the page may keep the audio
// context suspended: then the call rings silently, and the window still shows it.

export type Ring = "incoming" | "ringback";

const PATTERNS: Record<Ring, { every: number; tones: { at: number; length: number; hz: number[] }[] }> = {
  incoming: {
    every: 2,
    tones: [
      { at: 0, length: 0.18, hz: [660] },
      { at: 0.22, length: 0.18, hz: [880] },
      { at: 0.5, length: 0.18, hz: [660] },
      { at: 0.72, length: 0.18, hz: [880] },
    ],
  },
  ringback: { every: 3, tones: [{ at: 0, length: 1, hz: [440, 480] }] },
};

/** Plays the ring until the returned function is called. */
export function ring(kind: Ring): () => void {
  if (typeof AudioContext === "undefined") return () => {};
  const context = new AudioContext();
  const { every, tones } = PATTERNS[kind];
  const volume = context.createGain();
  volume.gain.value = 0.08;
  volume.connect(context.destination);
  let next = context.currentTime + 0.05;
  // Schedules a few seconds ahead, topped up every second: timing stays exact while the tab is busy.
  const schedule = () => {
    while (next < context.currentTime + 4) {
      for (const tone of tones)
        for (const hz of tone.hz) {
          const oscillator = context.createOscillator();
          const envelope = context.createGain();
          oscillator.frequency.value = hz;
          envelope.gain.setValueAtTime(0, next + tone.at);
          envelope.gain.linearRampToValueAtTime(1, next + tone.at + 0.02);
          envelope.gain.setValueAtTime(1, next + tone.at + tone.length - 0.03);
          envelope.gain.linearRampToValueAtTime(0, next + tone.at + tone.length);
          oscillator.connect(envelope).connect(volume);
          oscillator.start(next + tone.at);
          oscillator.stop(next + tone.at + tone.length);
        }
      next += every;
    }
  };
  schedule();
  const timer = setInterval(schedule, 1_000);
  void context.resume().catch(() => {});
  return () => {
    clearInterval(timer);
    void context.close().catch(() => {});
  };
}
