// Times the release site in headless Chromium: a model change (hidden units 128, 127, …
// at 100 timesteps, "numpy-loop" preset) and cursor steps (ArrowRight), each measured
// inside the page from the DOM event to the animation frame after the page shows the
// result. Prints median, p90 and max, and the wasm size. Figures only: nothing fails on
// a slow machine.
//
//   bash scripts/build-site.sh && node scripts/bench-browser.mjs [--runs 10] [--steps 20] [--cell lstm]
//
// --cell simple_rnn|lstm|gru picks the layer's cell type in the builder first (the issue's
// targets for an LSTM at T 100, H 128: model change ≤ 30 ms, step ≤ 16 ms, medians).
//
// UNROLLED_DIST points at another build of the site; CHROMIUM at another browser.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { launch, openPage, serveDist } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : fallback;
};
const RUNS = option('--runs', 10);
const STEPS = option('--steps', 20);
const TIMESTEPS = 100;
const cellAt = args.indexOf('--cell');
const CELL = cellAt >= 0 && args[cellAt + 1] ? args[cellAt + 1] : 'simple_rnn';
if (!['simple_rnn', 'lstm', 'gru'].includes(CELL)) {
  console.error(`--cell takes simple_rnn, lstm or gru, not "${CELL}"`);
  process.exit(2);
}
const DIST = resolve(process.env.UNROLLED_DIST ?? new URL('../dist', import.meta.url).pathname);

/**
 * Installs a one-shot capturing listener for `eventType` on the document that records
 * performance.now() when the event is dispatched, then polls with requestAnimationFrame
 * until `done()` (a function source evaluated in the page) holds, and resolves with the
 * milliseconds in between. Stored on window.__bench so the caller can trigger the event.
 */
async function arm(page, eventType, done, expected) {
  await page.evaluate(
    ([eventType, done, expected]) => {
      const check = new Function('expected', `return (${done})(expected);`);
      window.__bench = new Promise((resolveRun) => {
        document.addEventListener(
          eventType,
          () => {
            const t0 = performance.now();
            const poll = () => {
              if (check(expected)) resolveRun(performance.now() - t0);
              else requestAnimationFrame(poll);
            };
            requestAnimationFrame(poll);
          },
          { capture: true, once: true },
        );
      });
    },
    [eventType, done.toString(), expected],
  );
}

/**
 * The latest `unrolled:compute` (forward pass) and `unrolled:draw <chart>` measures (ms)
 * the page recorded, cleared after reading.
 */
async function chartDraws(page) {
  return page.evaluate(() => {
    const out = {};
    for (const name of ['compute', 'draw lines', 'draw heatmap', 'draw saturation']) {
      const entries = performance.getEntriesByName(`unrolled:${name}`, 'measure');
      out[name] = entries.length ? entries[entries.length - 1].duration : 0;
      performance.clearMeasures(`unrolled:${name}`);
    }
    return out;
  });
}

const hiddenCount = (n) =>
  document.querySelectorAll('[aria-label="Current hidden state"] li').length === n;
const stepShown = (t) => (document.querySelector('.step')?.textContent ?? '').startsWith(`t = ${t} `);

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

const server = await serveDist();
const browser = await launch();
try {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('numpy-loop');
  if (CELL !== 'simple_rnn') {
    await page.getByRole('combobox', { name: 'Cell type, layer 1' }).selectOption(CELL);
    await page.locator(`section.gates[data-cell="${CELL}"]`).waitFor();
  }
  const timesteps = page.getByRole('spinbutton', { name: 'Timesteps' });
  await timesteps.fill(String(TIMESTEPS));
  await timesteps.press('Enter');
  await page.locator('.step').filter({ hasText: ` ${TIMESTEPS}` }).waitFor();

  const units = page.getByRole('spinbutton', { name: 'Hidden units, layer 1' });
  const change = [];
  const changeDraws = [];
  await chartDraws(page);
  for (let i = 0; i < RUNS; i += 1) {
    const n = 128 - i;
    await units.fill(String(n));
    await arm(page, 'change', hiddenCount, n);
    await units.press('Enter');
    change.push(await page.evaluate(() => window.__bench));
    changeDraws.push(await chartDraws(page));
  }

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  await page.locator('.step').filter({ hasText: 't = 1 ' }).waitFor();
  const step = [];
  const stepDraws = [];
  await chartDraws(page);
  for (let i = 0; i < STEPS; i += 1) {
    await arm(page, 'keydown', stepShown, i + 2);
    await page.keyboard.press('ArrowRight');
    step.push(await page.evaluate(() => window.__bench));
    stepDraws.push(await chartDraws(page));
  }
  await context.close();

  const wasm = join(DIST, 'unrolled_bg.wasm');
  const raw = (await stat(wasm)).size;
  const gz = gzipSync(await readFile(wasm), { level: 9 }).length;
  const charts = (draws, name) => draws.map((d) => d[name]);
  const rows = [
    [`model change (${CELL}, T=${TIMESTEPS}, hidden 128..${129 - RUNS})`, summary(change)],
    ...['compute', 'draw lines', 'draw heatmap', 'draw saturation'].map((c) => [`  of which ${c}`, summary(charts(changeDraws, c))]),
    [`cursor step (${CELL}, ArrowRight, hidden ${129 - RUNS})`, summary(step)],
    ...['draw lines', 'draw heatmap', 'draw saturation'].map((c) => [`  of which ${c}`, summary(charts(stepDraws, c))]),
  ];
  const f = (v) => v.toFixed(1).padStart(8);
  console.log(`${'measure'.padEnd(40)} ${'n'.padStart(3)} ${'median'.padStart(8)} ${'p90'.padStart(8)} ${'max'.padStart(8)}  (ms)`);
  for (const [name, s] of rows) {
    console.log(`${name.padEnd(40)} ${String(s.n).padStart(3)} ${f(s.median)} ${f(s.p90)} ${f(s.max)}`);
  }
  console.log(`wasm: ${raw} bytes raw (${(raw / 1024).toFixed(1)} KiB), ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} KiB)`);
  if (problems.length) {
    console.log(`page problems:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
