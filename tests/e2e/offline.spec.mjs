// 3. Offline: a response given while the collector cannot be reached is
// kept (encrypted, in the IndexedDB outbox), survives a reload, and is
// delivered exactly once when the connection is back. A replayed payload
// is counted once.
import { test, expect } from "@playwright/test";
import { MUNICIPAL, COLLECTOR } from "./lib/env.mjs";
import { widget, ready, fill, toReview, pressSend, send, TEXT, nextOutcome } from "./lib/widget.mjs";
import { numbers, delta, eventually, startCollector, seed, expectedDelta } from "./lib/collector.mjs";
import { countRecords } from "./lib/idb.mjs";

const ANSWERS = { overall: "3", heard: "no", information: "yes", next: "partly", meeting: "other" };
const EXPECTED = { overall: { 3: 1 }, heard: { no: 1 }, information: { yes: 1 }, next: { partly: 1 }, meeting: { other: 1 } };

test("a response given while the collector is unreachable is queued, survives a reload and is delivered exactly once", async ({ page, context }) => {
  const before = await numbers();
  let blocked = true;
  const attempts = []; // every POST the page tried
  const delivered = []; // the POSTs let through to the collector
  await context.route(`${COLLECTOR}/**`, async (route) => {
    const request = route.request();
    if (request.method() === "POST") attempts.push({ url: request.url(), body: request.postData() });
    if (blocked) return route.abort("internetdisconnected");
    if (request.method() === "POST") delivered.push({ url: request.url(), body: request.postData() });
    return route.continue();
  });

  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await fill(w, ANSWERS, "Ventetiden var lang.");
  await toReview(w);
  const outcome = await nextOutcome(w);
  await pressSend(w);
  expect(await outcome()).toBe("queued");
  await expect(w.getByRole("heading", { name: TEXT.da.thanks })).toBeVisible();
  await expect(w).toContainText(TEXT.da.queued);
  expect(attempts.length, "the widget tried to send").toBeGreaterThanOrEqual(1);
  expect(await countRecords(page, "outbox"), "the response waits in the outbox").toBe(1);
  expect(await numbers(), "nothing is counted while the collector is unreachable").toEqual(before);

  // Reload while the collector is still unreachable: nothing is lost, nothing counted.
  const triedBefore = attempts.length;
  await page.reload();
  await ready(w);
  await eventually(() => attempts.length > triedBefore, { message: "a new attempt after the reload" });
  expect(await countRecords(page, "outbox"), "the outbox still holds the response after a reload").toBe(1);
  expect(delivered).toHaveLength(0);
  expect(await numbers()).toEqual(before);

  // The connection comes back: the browser's `online` event sends it.
  blocked = false;
  await context.setOffline(true);
  await context.setOffline(false);
  await eventually(() => delivered.length >= 1, { timeout: 30_000, message: "delivery after coming back online" });
  await eventually(async () => (await countRecords(page, "outbox")) === 0, { message: "an empty outbox after the ack" });
  const after = await numbers();
  expect(delta(before, after)).toEqual({ responses: 1, counts: EXPECTED });
  expect(JSON.parse(delivered[0].body).comments).toEqual(["Ventetiden var lang."]);

  // Every attempt carried the same payload (same idempotency key).
  expect(new Set(attempts.map((a) => a.body)).size, "every retry sends the identical payload").toBe(1);

  // A further reload sends nothing more: no attempt at all, not even a failed one.
  const attemptsSoFar = attempts.length;
  await page.reload();
  await ready(w);
  await page.waitForLoadState("networkidle");
  await expect(async () => {
    expect(await countRecords(page, "outbox")).toBe(0);
  }).toPass();
  expect(delivered, "no POST after the outbox was emptied").toHaveLength(1);
  expect(attempts.length, "no POST attempted after the reload").toBe(attemptsSoFar);
  expect(await numbers()).toEqual(after);
});

test("the same payload posted twice is counted once", async ({ page, request }) => {
  const before = await numbers();
  const posts = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().startsWith(COLLECTOR)) posts.push(r.postData());
  });
  await page.goto(MUNICIPAL);
  const w = widget(page);
  await ready(w);
  await fill(w, ANSWERS);
  await toReview(w);
  await send(w);
  expect(posts).toHaveLength(1);
  const once = await numbers();
  expect(delta(before, once)).toEqual({ responses: 1, counts: EXPECTED });

  // Replay the recorded body from outside the browser, and from the page itself.
  const replay = await request.post(`${COLLECTOR}/api/v1/increments`, {
    headers: { "content-type": "application/json" },
    data: posts[0],
  });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toEqual({ status: "duplicate" });
  const fromPage = await page.evaluate(async ([url, body]) => {
    const r = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" }, credentials: "omit" });
    return { status: r.status, body: await r.json() };
  }, [`${COLLECTOR}/api/v1/increments`, posts[0]]);
  expect(fromPage).toEqual({ status: 200, body: { status: "duplicate" } });
  expect(await numbers(), "a replay changes nothing").toEqual(once);

  // A new key sent twice at the same moment is counted once as well.
  const fresh = { ...JSON.parse(posts[0]), key: `e2e-replay-${Date.now()}-concurrent` };
  const both = await Promise.all(
    [0, 1].map(() =>
      request.post(`${COLLECTOR}/api/v1/increments`, { headers: { "content-type": "application/json" }, data: JSON.stringify(fresh) }),
    ),
  );
  const statuses = await Promise.all(both.map(async (r) => [r.status(), (await r.json()).status]));
  expect(statuses.map((s) => s[0])).toEqual([200, 200]);
  expect(statuses.map((s) => s[1]).sort()).toEqual(["duplicate", "received"]);
  expect(delta(once, await numbers())).toEqual({ responses: 1, counts: EXPECTED });
});

test("a response given while the collector is down is delivered by the widget's own retry once the collector is back", async ({ page }) => {
  // A private collector that really stops and starts again (same port, same database).
  let collector = await startCollector();
  try {
    await seed(collector.url, collector.token);
    const before = await numbers(collector.url, collector.token);
    const posts = [];
    page.on("request", (r) => r.method() === "POST" && r.url().startsWith(collector.url) && posts.push(r.postData()));
    await collector.stop({ keep: true });

    await page.goto(MUNICIPAL);
    const w = widget(page);
    await ready(w);
    // Point this widget at the private collector. (Not by rewriting the
    // page with route.fulfill: a fulfilled document has no address, so
    // Chromium's local-network-access check would block its requests to
    // 127.0.0.1.)
    await w.evaluate((host, url) => host.setAttribute("collector", url), collector.url);
    await fill(w, { overall: "1", heard: "no" }, "Ingen svarede telefonen");
    await toReview(w);
    const outcome = await nextOutcome(w);
    await pressSend(w);
    expect(await outcome()).toBe("queued");
    expect(await countRecords(page, "outbox")).toBe(1);

    collector = await startCollector({ port: collector.port, db: collector.db });
    expect(await numbers(collector.url, collector.token), "the restarted collector kept its counts and got nothing yet").toEqual(before);
    // No online event and no reload: the backoff retry (5 s ± 50 %, then 10 s …) delivers it.
    await eventually(async () => (await countRecords(page, "outbox")) === 0, { timeout: 45_000, message: "delivery by the retry" });
    expect(delta(before, await numbers(collector.url, collector.token))).toEqual(expectedDelta([{ overall: "1", heard: "no" }]));
    expect(new Set(posts).size, "every attempt carried the same payload").toBe(1);
  } finally {
    await collector.stop();
  }
});

