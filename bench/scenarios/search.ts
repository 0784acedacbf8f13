// Search: how fast the database's full-text index answers as history grows. `messages` are sent first
// (through REST, spread over the bench's direct chats, words drawn from a vocabulary so some are common
// and some rare), then the same searches are asked many times: a rare word, a common word, a 3-letter
// prefix and two words together, across all of a user's chats and within one.
import { type Bench, measured, timedPool } from "../lib/bench";
import { distribution, round } from "../lib/stats";

interface Sizes {
  messages: number;
  queries: number;
  concurrency: number;
}

const COMMON = ["meeting", "tomorrow", "coffee", "station", "project", "weekend", "dinner", "photos"];
/** A message of 6-12 words: mostly filler, one common word in ~1 of 8, the rare word once in the whole run. */
function text(i: number, rare: number): string {
  const words = Array.from({ length: 6 + (i % 7) }, (_, k) => `w${(i * 31 + k * 7) % 5000}`);
  words[i % words.length] = COMMON[i % COMMON.length];
  if (i === rare) words.push("zanzibar");
  return words.join(" ");
}

export async function search(bench: Bench, { messages, queries, concurrency }: Sizes) {
  const [pair] = bench.pairs;
  const sender = bench.users.find((u) => u.userId === pair.a) ?? bench.users[0];
  const auth = { authorization: `Bearer ${sender.token}`, "content-type": "application/json" };
  const rare = Math.floor(messages / 3);
  const chats = bench.pairs.filter((p) => p.a === sender.userId || p.b === sender.userId).map((p) => p.conversationId);
  const started = Date.now();
  const seed = await measured(bench, async () => ({
    ms: await timedPool(
      Array.from({ length: messages }, (_, i) => i),
      concurrency * 2,
      async (i) => {
        const res = await fetch(`${bench.url}/api/v1/messages`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ id: `search-${started}-${i}`, conversationId: chats[i % chats.length], text: text(i, rare) }),
        });
        if (res.status !== 201) throw new Error(`send answered ${res.status}: ${await res.text()}`);
      },
    ),
  }));

  const ask = async (query: string) => {
    const url = `${bench.url}/api/v1/messages/search?${query}`;
    // A kept-alive connection the server closed just as it was reused fails once; the retry gets a new one.
    const res = await fetch(url, { headers: auth }).catch(() => fetch(url, { headers: auth }));
    if (res.status !== 200) throw new Error(`search answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { messages: unknown[] }).messages.length;
  };
  const kinds: Record<string, string> = {
    rareWord: "q=zanzibar",
    commonWord: "q=coffee",
    prefix: "q=sta",
    twoWords: "q=coffee+w1",
    commonInOneChat: `q=coffee&conversationId=${chats[0]}`,
  };
  const results: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(kinds)) {
    let hits = 0;
    const run = await measured(bench, async () => ({
      ms: await timedPool(
        Array.from({ length: queries }, () => query),
        concurrency,
        async (q) => {
          hits = await ask(q);
        },
      ),
    }));
    results[name] = {
      hits,
      perSecond: round(queries / (run.cost.wallMs / 1000), 0),
      serverCpuMsEach: round(run.cost.serverCpuMs / queries, 2),
      ms: distribution(run.ms),
    };
  }
  return {
    messages,
    chats: chats.length,
    seeding: {
      sendsPerSecond: round(messages / (seed.cost.wallMs / 1000), 0),
      serverCpuMsEach: round(seed.cost.serverCpuMs / messages, 3),
    },
    concurrency,
    ...results,
  };
}
