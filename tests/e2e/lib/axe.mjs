// axe-core in the page (it scans open shadow roots too).
import { expect } from "@playwright/test";
import { AXE_PATH } from "./env.mjs";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules on the whole document, or only
 * on the elements matching CSS selector `include` (with their shadow
 * roots); returns the violations.
 */
export async function axeViolations(page, include) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async ([tags, include]) => {
    const context = include ? { include: [[include]] } : document;
    const result = await window.axe.run(context, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  }, [WCAG_TAGS, include ?? null]);
}

/** Formats violations for a failure message. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${n.html}\n      ${(n.summary ?? "").replace(/\n/g, "\n      ")}`).join("\n"),
    )
    .join("\n");
}

/**
 * Asserts that axe finds no WCAG 2.1 A/AA violation on `page` (or within
 * `include`); `what` names the page or state in the failure message.
 */
export async function expectNoAxeViolations(page, what, include) {
  const violations = await axeViolations(page, include);
  expect(violations, `axe-core: ${violations.length} WCAG 2.1 A/AA violation(s) on ${what}:\n${formatViolations(violations)}`).toEqual([]);
}
