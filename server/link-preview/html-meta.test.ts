import { describe, expect, it } from "vitest";
import { metaParser, parseHtmlMeta } from "./html-meta";

describe("link preview page metadata", () => {
  it("prefers Open Graph, decoding entities and collapsing whitespace", () => {
    const html = `<!doctype html><html><head>
      <title>Plain title</title>
      <meta name="description" content="Plain description">
      <META PROPERTY="og:title" CONTENT="Caf&eacute; &amp; bar">
      <meta property="og:description" content="Line one
        line two">
      <meta property="og:site_name" content="Example">
      <meta property="og:image" content="/first.jpg">
      <meta property="og:image" content="/second.jpg">
    </head><body><meta property="og:title" content="from the body"></body></html>`;
    expect(parseHtmlMeta(html)).toEqual({
      title: "Café & bar",
      description: "Line one line two",
      siteName: "Example",
      image: "/first.jpg",
    });
  });

  it("falls back to Twitter's cards, then the <title> and meta description", () => {
    expect(parseHtmlMeta(`<head><meta name="twitter:title" content="Tweet"><meta name="twitter:image" content="t.png"></head>`)).toEqual({
      title: "Tweet",
      description: null,
      siteName: null,
      image: "t.png",
    });
    expect(parseHtmlMeta(`<html><head><title>  A &lt;b&gt; page\n</title><meta name="description" content="About it"></head>`)).toEqual({
      title: "A <b> page",
      description: "About it",
      siteName: null,
      image: null,
    });
  });

  it("ignores what comes after the head, and a title outside <title>", () => {
    expect(parseHtmlMeta(`<head><script>var t = "<title>no</title>"</script></head><body><title>Late</title></body>`)).toEqual({
      title: null,
      description: null,
      siteName: null,
      image: null,
    });
  });

  it("says the head is over once </head> or <body> arrives, so the fetcher can stop reading", () => {
    const parser = metaParser();
    parser.write(`<html><head><meta property="og:title" content="Early">`);
    expect(parser.done).toBe(false);
    parser.write(`</head><body>${"x".repeat(1000)}`);
    expect(parser.done).toBe(true);
    const bodyFirst = metaParser();
    bodyFirst.write("<p>no head at all</p><body>");
    expect(bodyFirst.done).toBe(true);
    expect(parser.result().title).toBe("Early");
  });

  it("removes control characters a message can't carry", () => {
    expect(parseHtmlMeta(`<head><meta property="og:title" content="a&#1;b&#x7f;c"></head>`).title).toBe("a b c");
  });
});
