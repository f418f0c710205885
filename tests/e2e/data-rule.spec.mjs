// 2. The data rule, checked on the wire: every request the municipal page
// makes goes to the page's own server or the collector; the one submission
// holds only the tally's keys, no cookie, no referring path, and none of the
// personal data typed into the comment: only the redaction labels. The
// privacy sentences the citizen reads on the way are checked against what
// is sent (README, "Each privacy sentence and its test").
import { test, expect } from "@playwright/test";
import { MUNICIPAL, BASE, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, send, radio, TEXT } from "./lib/widget.mjs";
import { recordRequests, postsTo } from "./lib/network.mjs";

const CPR = "010190-1234";
const PHONE = "12 34 56 78";
const EMAIL = "ole@example.dk";
const CASE_NUMBER = "4711235";
const COMMENT = `Mit CPR-nummer er ${CPR}, ring på ${PHONE} eller skriv til ${EMAIL}. Sagsnummer ${CASE_NUMBER}. Mødet var fint.`;
/** Strings that must never leave the device, also with separators removed. */
const SECRETS = [CPR, "0101901234", "010190", PHONE, "12345678", EMAIL, "ole@", "example.dk", CASE_NUMBER];
const LABELS = ["[CPR-nummer fjernet]", "[telefonnummer fjernet]", "[e-mail fjernet]", "[tal fjernet]"];

test("every request goes to the page's server or the collector, and the submission carries only redacted, cookie-less counts", async ({ page, context }) => {
  // A cookie for 127.0.0.1 would be sent to the collector too (same host,
  // other port) if the widget let the browser send credentials.
  const host = new URL(BASE).hostname;
  await context.addCookies([{ name: "cms_session", value: "s3cr3t-session", domain: host, path: "/" }]);

  const rec = recordRequests(page);
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  // "Vil helst ikke svare" after a first choice: the choice is taken back
  // and nothing is sent for the question.
  await fill(w, { overall: "2", heard: "partly", information: "yes", meeting: "office" }, COMMENT);
  await w.getByRole("group", { name: "Fik du klar information?" }).getByRole("radio", { name: TEXT.da.declined }).check();
  await expect(radio(w, "information", "yes")).not.toBeChecked();
  // The intro: no name, no IP address, only the week (the payload's keys
  // below; the collector's tests for what it stores).
  await expect(w.locator(".intro")).toContainText("Vi gemmer ikke dit navn eller din IP-adresse – kun hvilken uge svarene blev sendt.");
  await toReview(w);
  await expect(w.locator(".review")).toContainText("Her kan du se alle de svar, vi modtager. Vi gemmer ikke dit navn eller din IP-adresse – kun hvilken uge svarene blev sendt.");
  // The receipt lists every answer that goes, and the declined one as not answered.
  const rows = await w.locator(".review-row").evaluateAll((els) => els.map((el) => [el.querySelector("dt").textContent, el.querySelector("dd").textContent]));
  expect(rows).toEqual([
    ["Hvordan var mødet alt i alt?", "Dårligt"],
    ["Følte du dig hørt?", "Delvist"],
    ["Fik du klar information?", "Ikke besvaret"],
    ["Ved du, hvad der skal ske nu?", "Ikke besvaret"],
    ["Hvor eller hvordan foregik mødet?", "På kontoret"],
  ]);

  // The citizen sees the comment exactly as it will be sent: redacted.
  const shown = await w.locator(".review blockquote").textContent();
  for (const label of LABELS) expect(shown, "the review page shows the redaction label").toContain(label);
  for (const secret of [CPR, PHONE, EMAIL, CASE_NUMBER]) expect(shown, "the review page must not show the raw value").not.toContain(secret);
  expect(shown).toContain("Mødet var fint.");
  await expect(w).toContainText("Vi har fjernet numre og e-mailadresser, som kunne vise, hvem du er.");

  await w.evaluate((host) => {
    host.__e2eDetails = [];
    host.addEventListener("lokal-submitted", (e) => host.__e2eDetails.push(JSON.stringify(e.detail)));
  });
  await send(w);
  await rec.settled();
  // The event the host page gets says only what became of the response.
  await expect.poll(() => w.evaluate((host) => host.__e2eDetails)).toEqual([JSON.stringify({ outcome: "sent" })]);
  const log = rec.log;

  // Only two origins, and the widget's own code came from the page's server.
  const allowed = new Set([new URL(BASE).origin, new URL(COLLECTOR).origin]);
  const elsewhere = log.filter((e) => !allowed.has(new URL(e.url).origin));
  expect(elsewhere.map((e) => `${e.method} ${e.url}`), "requests to any other origin").toEqual([]);
  expect(log.some((e) => e.url.startsWith(BASE) && e.url.endsWith(".wasm")), "the wasm was recorded").toBe(true);
  expect(log.some((e) => e.url.startsWith(BASE) && e.url.endsWith("lokalform-feedback.js")), "the JS was recorded").toBe(true);

  // To the collector: exactly one POST, to /api/v1/increments, and nothing else but CORS pre-flights.
  const toCollector = log.filter((e) => e.url.startsWith(COLLECTOR) && e.method !== "OPTIONS");
  expect(toCollector.map((e) => `${e.method} ${new URL(e.url).pathname}`)).toEqual(["POST /api/v1/increments"]);
  const [post] = postsTo(log, "/api/v1/increments");
  expect(post.outcome).toBe("finished");
  expect(post.status).toBe(200);

  const body = JSON.parse(post.postData);
  expect(Object.keys(body).sort()).toEqual(["comments", "counts", "form", "key", "responses", "version", "week"]);
  // The ISO week it was made (UTC), checked by the collector against its receipt window, never stored.
  expect(body.week).toMatch(/^\d{4}-W\d{2}$/);
  expect(body).toMatchObject({ form: "feedback", version: 2, responses: 1 });
  // Exactly the receipt's answers: the declined question is not there.
  expect(body.counts).toEqual({ overall: { 2: 1 }, heard: { partly: 1 }, meeting: { office: 1 } });
  expect(body.key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  expect(body.comments).toHaveLength(1);
  for (const label of LABELS) expect(body.comments[0]).toContain(label);
  expect(body.comments[0]).toBe(shown.trim());

  // No cookie and no referring path.
  const headers = post.headers;
  expect(headers.cookie, "cookie header on the submission").toBeUndefined();
  expect(headers.authorization, "a web submission carries no credential").toBeUndefined();
  // The device clock's week, so the collector can correct a wrong clock: a
  // week, no finer.
  expect(headers["lokalform-device-week"]).toMatch(/^\d{4}-W\d{2}$/);
  if (headers.referer !== undefined) {
    expect(new URL(headers.referer).pathname, "the Referer may name the origin at most").toBe("/");
  }
  for (const e of log.filter((x) => x.url.startsWith(COLLECTOR))) {
    expect(e.headers.cookie, `cookie on ${e.method} ${e.url}`).toBeUndefined();
  }

  // Nothing personal anywhere on the wire: no URL and no body holds it.
  for (const e of log) {
    const texts = [e.url, decodeURIComponent(e.url), e.postData ?? ""];
    const squeezed = texts.map((t) => t.replace(/[\s.\-/]/g, ""));
    for (const secret of SECRETS) {
      for (const t of texts) expect(t, `${secret} in ${e.method} ${e.url}`).not.toContain(secret);
      for (const t of squeezed) expect(t, `the digits of ${secret} in ${e.method} ${e.url}`).not.toContain(secret.replace(/[\s.\-/]/g, ""));
    }
    expect(e.url, "the comment's words in a URL").not.toContain("Mødet");
  }
  // The host page's URL did not change either.
  expect(new URL(page.url()).pathname).toBe(MUNICIPAL);
  expect(new URL(page.url()).search + new URL(page.url()).hash).toBe("");
});
