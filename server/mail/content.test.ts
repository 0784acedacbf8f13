import { describe, expect, it } from "vitest";
import { describeUserAgent } from "../services/sign-in-alerts";
import { emailText, renderEmail } from "./content";

describe("renderEmail", () => {
  it("says the same in text and HTML, escaping what goes into the HTML", () => {
    const { text, html } = renderEmail({
      greeting: "Hello <b>Ana</b>,",
      lines: ["Line & more"],
      rows: ['Chat "A": 2 unread'],
      action: { label: "Open", url: "https://chat.example.com/x?token=a&b=1" },
      footer: ["Bye"],
    });
    expect(text).toBe(
      'Hello <b>Ana</b>,\n\nLine & more\n\n  - Chat "A": 2 unread\n\nOpen: https://chat.example.com/x?token=a&b=1\n\nBye\n\n— Chatterbox',
    );
    expect(html).toContain("Hello &lt;b&gt;Ana&lt;/b&gt;,");
    expect(html).toContain("<li>Chat &quot;A&quot;: 2 unread</li>");
    expect(html).toContain('href="https://chat.example.com/x?token=a&amp;b=1"');
    expect(html).not.toContain("<b>");
  });
});

describe("renderEmail in another language", () => {
  it("signs and captions the link in it, right to left for Arabic", () => {
    const parts = { greeting: "Hola:", lines: ["Línea"], action: { label: "Abrir", url: "https://chat.example.com/" } };
    const es = renderEmail(parts, "es");
    expect(es.html).toContain('<html lang="es" dir="ltr">');
    expect(es.html).toContain("O abre este enlace: https://chat.example.com/");
    expect(es.text).toBe("Hola:\n\nLínea\n\nAbrir: https://chat.example.com/\n\n— Chatterbox");
    const ar = renderEmail({ ...parts, rows: ["صف"] }, "ar");
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.html).toContain("padding-right:20px");
    expect(ar.html).toContain("أو افتح هذا الرابط: https://chat.example.com/");
    // An unknown language is English.
    expect(renderEmail(parts, "xx")).toEqual(renderEmail(parts));
  });

  it("names the device in it", () => {
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    expect(describeUserAgent(firefox, emailText("es"))).toBe("Firefox en Windows");
    expect(describeUserAgent(firefox, emailText("pt"))).toBe("Firefox no Windows");
    expect(describeUserAgent(null, emailText("ar"))).toBe("جهاز غير معروف");
  });
});

describe("describeUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Safari on macOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    ["curl/8.5.0", "curl/8.5.0"],
    [null, "an unknown device"],
  ])("%s is %s", (ua, expected) => expect(describeUserAgent(ua)).toBe(expected));
});
