// The collector's report API, seeding, and private collectors.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { BASE, COLLECTOR, ADMIN_TOKEN, COLLECTOR_BIN, FORMS_DIR, DATA_DIR } from "./env.mjs";

/** An Authorization header for the admin endpoints (HTTP Basic, any user, the token as password). */
export function basicAuth(token = ADMIN_TOKEN) {
  return "Basic " + Buffer.from(`e2e:${token}`).toString("base64");
}

/** The report JSON for form `form`. */
export async function report(collector = COLLECTOR, token = ADMIN_TOKEN, form = "feedback") {
  const r = await fetch(`${collector}/admin/report.json?form=${encodeURIComponent(form)}`, {
    headers: { authorization: basicAuth(token) },
  });
  if (!r.ok) throw new Error(`report.json: HTTP ${r.status}: ${await r.text()}`);
  return r.json();
}

/**
 * The feedback form's published numbers: `{ responses, counts: {question: {option: value}} }`.
 * A value is a number when shown, else the label (`<5`, `x`).
 */
export function published(rep, form = "feedback", version = 2) {
  const f = rep.forms.find((x) => x.form === form && x.version === version);
  if (!f) throw new Error(`no ${form} v${version} in the report: ${JSON.stringify(rep)}`);
  const value = (cell) => (cell.value !== null && cell.value !== undefined ? cell.value : cell.label);
  const counts = {};
  for (const q of f.questions) {
    counts[q.question] = {};
    for (const o of q.options) counts[q.question][o.option] = value(o.count);
  }
  return { responses: value(f.responses), counts };
}

/** Published numbers of the feedback form on `collector`. */
export async function numbers(collector = COLLECTOR, token = ADMIN_TOKEN) {
  return published(await report(collector, token));
}

/**
 * What changed between two `numbers()`: `{ responses, counts: {q: {o: n}} }`,
 * only non-zero changes. Throws if any number involved is suppressed, since
 * a delta of hidden numbers means nothing.
 */
export function delta(before, after) {
  const num = (v, where) => {
    if (typeof v !== "number") throw new Error(`${where} is suppressed (${v}); seed the collector first`);
    return v;
  };
  const out = { responses: num(after.responses, "responses") - num(before.responses, "responses"), counts: {} };
  for (const [q, row] of Object.entries(after.counts)) {
    for (const [o, v] of Object.entries(row)) {
      const d = num(v, `${q}.${o}`) - num(before.counts[q]?.[o] ?? 0, `${q}.${o} (before)`);
      if (d !== 0) (out.counts[q] ??= {})[o] = d;
    }
  }
  return out;
}

/** Whether every published number of the feedback form is exact and at least 5 (so one more stays exact). */
export function allExact(nums) {
  const ok = (v) => typeof v === "number" && v >= 5;
  return ok(nums.responses) && Object.values(nums.counts).every((row) => Object.values(row).every(ok));
}

/**
 * A one-time enrollment code for a tablet named `label`, `ABCD-EFGH-JKMN`
 * (`POST /admin/devices/codes`, as the dashboard's form does).
 */
export async function enrollmentCode(collector = COLLECTOR, token = ADMIN_TOKEN, label = "E2E-tablet") {
  const r = await fetch(`${collector}/admin/devices/codes`, {
    method: "POST",
    headers: { authorization: basicAuth(token), accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ label }),
  });
  if (r.status !== 201) throw new Error(`enrollment code: HTTP ${r.status}: ${await r.text()}`);
  return (await r.json()).code;
}

/**
 * Enrolls a tablet named `label` on `collector` and returns the `Authorization`
 * value its kiosk batches need (`Bearer <device>.<token>`).
 */
export async function enroll(collector = COLLECTOR, token = ADMIN_TOKEN, label = "E2E-tablet") {
  const code = await enrollmentCode(collector, token, label);
  const r = await fetch(`${collector}/api/v1/devices`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code }),
  });
  if (r.status !== 201) throw new Error(`enrolling a tablet: HTTP ${r.status}: ${await r.text()}`);
  const { device, token: secret } = await r.json();
  return `Bearer ${device}.${secret}`;
}

/**
 * Makes every published cell of the feedback form exact: one kiosk batch of
 * 35 responses with every option counted 5 times (so every "not answered"
 * cell is 5 or more as well). Counts only grow afterwards, so every later
 * report is exact and tests can compare before and after.
 */
export async function seed(collector = COLLECTOR, token = ADMIN_TOKEN) {
  if (allExact(await numbers(collector, token))) return false;
  const five = (values) => Object.fromEntries(values.map((v) => [v, 5]));
  const body = {
    form: "feedback",
    version: 2,
    key: `e2e-seed-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
    responses: 35,
    counts: {
      overall: five(["1", "2", "3", "4", "5"]),
      heard: five(["yes", "partly", "no"]),
      information: five(["yes", "partly", "no"]),
      next: five(["yes", "partly", "no"]),
      meeting: five(["office", "home", "phone", "video", "network", "other"]),
    },
  };
  // A kiosk batch comes from an enrolled tablet.
  const authorization = await enroll(collector, token, "E2E-seed");
  const r = await fetch(`${collector}/api/v1/batches`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`seeding the collector: HTTP ${r.status}: ${await r.text()}`);
  const after = await numbers(collector, token);
  if (!allExact(after)) throw new Error(`seeded, but the report is still suppressed: ${JSON.stringify(after)}`);
  return true;
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
export async function eventually(fn, { timeout = 20_000, interval = 200, message = "condition" } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a collector of our own (temp SQLite, free port, our token, the
 * static server allowed as origin). Options: `env` adds or overrides
 * settings; `port` and `db` reuse those of a stopped one (a restart).
 * Returns `{ url, port, token, db, output(), stop({ keep }) }`; `stop()`
 * deletes the database unless `keep` is true.
 */
export async function startCollector({ env = {}, port, db } = {}) {
  port ??= await freePort();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!db) {
    const dir = fs.mkdtempSync(path.join(DATA_DIR || os.tmpdir(), "collector-"));
    db = path.join(dir, "collector.sqlite");
  }
  const token = "private-e2e-token-0123456789";
  const child = spawn(COLLECTOR_BIN, [], {
    env: {
      ...process.env,
      LOKALFORM_LISTEN: `127.0.0.1:${port}`,
      LOKALFORM_DB: db,
      LOKALFORM_FORMS: FORMS_DIR,
      LOKALFORM_ADMIN_TOKEN: token,
      LOKALFORM_ALLOW_ORIGINS: BASE,
      LOKALFORM_LOG: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`collector exited ${child.exitCode}: ${output}`);
        const r = await fetch(`${url}/healthz`);
        return r.ok;
      },
      { timeout: 20_000, message: `a private collector on ${url}` },
    );
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url,
    port,
    token,
    db,
    output: () => output,
    async stop({ keep = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      if (!keep) fs.rmSync(path.dirname(db), { recursive: true, force: true });
    },
  };
}

/** The questions the report counts, with their options (forms/feedback.json). */
export const REPORTED_QUESTIONS = ["overall", "heard", "information", "next", "meeting"];

/**
 * The change the report should show for `people` (a list of answer sets,
 * `{question: value}`): each answer counted, each unanswered question
 * counted as "_unanswered".
 */
export function expectedDelta(people) {
  const counts = {};
  for (const answers of people) {
    for (const q of REPORTED_QUESTIONS) {
      const v = answers[q] ?? "_unanswered";
      counts[q] ??= {};
      counts[q][v] = (counts[q][v] ?? 0) + 1;
    }
  }
  return { responses: people.length, counts };
}
