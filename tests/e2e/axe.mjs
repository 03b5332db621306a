// Shared by the end-to-end tests: runs axe-core (npm) inside a page and returns its serious
// and critical violations, each with the elements it found, as readable lines.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** The impacts that fail a test; "minor" and "moderate" ones are reported, not failed. */
export const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe on `page` (WCAG 2.x A and AA rules plus axe's best practices) and returns
 * { failing, other }: arrays of readable lines, one per violation and element.
 */
export async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_SOURCE });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  const failing = [];
  const other = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const line = `${violation.impact} ${violation.id}: ${violation.help} at ${node.target.join(' ')}`
        + ` (${node.failureSummary?.split('\n').slice(1).join(' ').trim().slice(0, 200) ?? ''})`;
      (FAILING_IMPACTS.has(violation.impact) ? failing : other).push(line);
    }
  }
  return { failing, other };
}

/**
 * Violations known and planned for, each { pattern, why }: a failing line matching
 * `pattern` is printed, not failed. Keep this empty but for work in progress.
 */
export const KNOWN = [];

/** Fails with the list of serious and critical violations in `where`, if any. */
export async function assertAccessible(page, where) {
  const found = await audit(page);
  const known = found.failing.filter((line) => KNOWN.some((k) => k.pattern.test(line)));
  const failing = found.failing.filter((line) => !known.includes(line));
  const other = [...found.other, ...known.map((line) => `known: ${line}`)];
  if (other.length) console.log(`# axe, ${where}: ${other.length} minor, moderate or known\n#   ${other.join('\n#   ')}`);
  if (failing.length) {
    throw new Error(`axe: ${failing.length} serious or critical violation(s) in ${where}:\n  ${failing.join('\n  ')}`);
  }
}
