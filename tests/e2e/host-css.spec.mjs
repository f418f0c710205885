// 8. The host page's CSS cannot reach the widget: the same widget at the
// same width lays out identically on the hostile municipal page (global
// resets, odd fonts, `button {display:none !important}`, `svg {width:300px
// !important}`) and on a plain page.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, BASE, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, TEXT } from "./lib/widget.mjs";

const PLAIN = `${BASE}/examples/e2e-plain-page.html`; // served by page.route, not by the server

function plainPage(width) {
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Plain page</title></head>
<body style="margin:0">
  <main style="width:${width}px">
    <script type="module" src="/dist/lokalform/feedback/lokalform-feedback.js"></script>
    <lokal-feedback collector="${COLLECTOR}"></lokal-feedback>
  </main>
</body>
</html>`;
}

/** Sizes and computed text styles inside the widget's shadow root. */
async function layout(w) {
  return w.evaluate((host) => {
    const root = host.shadowRoot;
    const size = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
    };
    const all = (sel) => [...root.querySelectorAll(sel)].map(size);
    const style = (sel) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const s = getComputedStyle(el);
      return {
        fontFamily: s.fontFamily, fontSize: s.fontSize, fontWeight: s.fontWeight, letterSpacing: s.letterSpacing,
        lineHeight: s.lineHeight, wordSpacing: s.wordSpacing, textTransform: s.textTransform, display: s.display,
        marginTop: s.marginTop, paddingTop: s.paddingTop, borderTopWidth: s.borderTopWidth, boxSizing: s.boxSizing,
      };
    };
    const selectors = [".lokal-root", ".title", ".intro", "legend.label", "label.label", ".face-label", ".choice span", ".textarea", ".help", ".counter", 'button[type="submit"]'];
    return {
      host: size(host).width,
      root: size(root.querySelector(".lokal-root")),
      faceCards: all(".face-card"),
      faceSvgs: all(".face-svg"),
      choices: all(".choice"),
      radios: all("input.radio"),
      submit: size(root.querySelector('button[type="submit"]')),
      textarea: size(root.querySelector("textarea")),
      styles: Object.fromEntries(selectors.map((s) => [s, style(s)])),
    };
  });
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 800 }]) {
  test(`host CSS does not reach the widget (viewport ${viewport.width}px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(MUNICIPAL);
    const hostile = widget(page);
    await ready(hostile);
    // The button survives `button { display: none !important }`.
    const submit = hostile.getByRole("button", { name: TEXT.da.next, exact: true });
    await expect(submit).toBeVisible();
    const onMunicipal = await layout(hostile);
    expect(onMunicipal.submit.width).toBeGreaterThan(40);
    expect(onMunicipal.faceSvgs.every((s) => s.width < 100), `faces are not 300px wide: ${JSON.stringify(onMunicipal.faceSvgs)}`).toBe(true);
    // The host rule really is hostile: it hides buttons in the light DOM.
    const lightButton = await page.evaluate(() => {
      const b = document.createElement("button");
      b.textContent = "probe";
      document.querySelector("main").append(b);
      const hidden = getComputedStyle(b).display === "none";
      b.remove();
      return hidden;
    });
    expect(lightButton, "the municipal page hides its own buttons").toBe(true);

    // The same widget, same width, on a plain page.
    await page.route(PLAIN, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: plainPage(onMunicipal.host) }));
    await page.goto(PLAIN);
    const plain = widget(page);
    await ready(plain);
    const onPlain = await layout(plain);
    expect(onPlain.host).toBeCloseTo(onMunicipal.host, 0);

    // Equal sizes and equal text styles inside the shadow root.
    expect(onMunicipal.faceCards).toHaveLength(5);
    expect(onMunicipal.faceCards, "face cards").toEqual(onPlain.faceCards);
    expect(onMunicipal.faceSvgs, "face images").toEqual(onPlain.faceSvgs);
    expect(onMunicipal.submit, "the continue button").toEqual(onPlain.submit);
    expect(onMunicipal.textarea, "the comment box").toEqual(onPlain.textarea);
    expect(onMunicipal.choices, "choice rows").toEqual(onPlain.choices);
    expect(onMunicipal.radios, "radio buttons").toEqual(onPlain.radios);
    for (const [selector, style] of Object.entries(onPlain.styles)) {
      expect(onMunicipal.styles[selector], `computed style of ${selector}`).toEqual(style);
    }
    expect(onMunicipal.root, "the whole widget").toEqual(onPlain.root);
    // Nothing of the host's theme leaked in.
    for (const style of Object.values(onMunicipal.styles)) {
      expect(style.fontFamily).not.toMatch(/Comic Sans|Papyrus|fantasy|Georgia/);
      expect(style.textTransform).toBe("none");
    }
  });
}
