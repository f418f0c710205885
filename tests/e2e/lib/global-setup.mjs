// Before any test: the servers answer, and the shared collector's report
// is exact (every cell 5 or more), so tests can compare before and after.
import { BASE, COLLECTOR } from "./env.mjs";
import { seed, eventually } from "./collector.mjs";

export default async function globalSetup() {
  await eventually(async () => (await fetch(`${BASE}/`)).ok, { message: `the static server at ${BASE}` });
  await eventually(async () => (await fetch(`${COLLECTOR}/healthz`)).ok, { message: `the collector at ${COLLECTOR}` });
  const js = await fetch(`${BASE}/dist/lokalform/feedback/lokalform-feedback.js`);
  if (!js.ok) throw new Error("dist/ has no feedback bundle: run `cargo xtask build` first");
  await seed();
}
