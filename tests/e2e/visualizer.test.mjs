// The visualizer end to end: every preset loads from the "Preset" select, the step
// controls move through time, and the page's "Current hidden state" equals what
// `unrolled-cli run --trace` computes from the case document the page downloads.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServerAndBrowser, openPage, screenshot, SCREENSHOTS } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = process.env.UNROLLED_CLI ?? join(ROOT, 'target/release/unrolled-cli');
const PRESETS = [
  'input-shape', 'batch-input-shape', 'return-sequences', 'numpy-loop',
  'bidirectional', 'deep-bidirectional', 'quiz', 'diagram',
  'input-shape-lstm', 'input-shape-gru', 'quiz-lstm', 'quiz-gru',
];

before(() => {
  assert.ok(existsSync(CLI), `build the CLI first: cargo build --release --bin unrolled-cli (${CLI})`);
});
const env = useServerAndBrowser();

/** The h_t values listed in the "Current hidden state" region. */
async function hiddenState(page) {
  const region = page.getByRole('region', { name: 'Current hidden state' });
  const text = await region.locator('.num').allInnerTexts();
  return text.map(Number);
}

async function downloadCase(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download case' }).click(),
  ]);
  const path = join(SCREENSHOTS, `${name}.case.json`);
  await download.saveAs(path);
  return path;
}

function cliTrace(casePath) {
  const out = execFileSync(CLI, ['run', '--trace', casePath], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

/** h_t of (recurrent layer n, forward, example 0, step t) in the CLI's trace. */
function cliHidden(run, recurrentLayer, t) {
  const traces = run.trace.filter((layer) => layer !== null);
  const step = traces[recurrentLayer].forward[0][t];
  return step.h_t;
}

for (const preset of PRESETS) {
  test(`preset ${preset}: loads, steps, and matches unrolled-cli`, async () => {
    const { page, problems, context } = await openPage(env.browser, env.server.url);
    await page.getByRole('combobox', { name: 'Preset' }).selectOption(preset);
    await page.getByRole('region', { name: 'Model summary' }).waitFor();
    const summary = await page.getByRole('region', { name: 'Model summary' }).innerText();
    assert.match(summary, /Total params:/);
    if (preset === 'quiz') assert.match(summary, /Total params: 529,441/);
    if (preset === 'input-shape') assert.match(summary, /simple_rnn \(SimpleRNN\)\s+\(None, 3\)\s+42/);
    // The same shapes as LSTM and GRU: 4 × 42, and 3 × (42 + 3) with reset_after's second bias row.
    if (preset === 'input-shape-lstm') assert.match(summary, /lstm \(LSTM\)\s+\(None, 3\)\s+168/);
    if (preset === 'input-shape-gru') assert.match(summary, /gru \(GRU\)\s+\(None, 3\)\s+135/);
    if (preset === 'quiz-lstm') assert.match(summary, /Total params: 617,377/);
    if (preset === 'quiz-gru') assert.match(summary, /Total params: 588,449/);

    const run = cliTrace(await downloadCase(page, preset));
    const timesteps = run.trace.find((l) => l !== null).forward[0].length;
    // First step, then the last, then one back: each h_t equals the CLI's at 4 decimals.
    const checks = [['First step', 0], ['Last step', timesteps - 1]];
    if (timesteps > 1) checks.push(['Previous step', timesteps - 2]);
    for (const [button, t] of checks) {
      const control = page.getByRole('button', { name: button });
      if (await control.isEnabled()) await control.click();
      await page.locator('.step').filter({ hasText: `t = ${t + 1} ` }).waitFor();
      const shown = await hiddenState(page);
      const expected = cliHidden(run, 0, t);
      assert.equal(shown.length, expected.length);
      // Half a unit of the 4th decimal, plus float32 rounding differences between wasm and native.
      shown.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 5e-5 + 1e-6, `${preset} t=${t} h[${i}]: page ${v}, cli ${expected[i]}`));
    }
    await screenshot(page, `preset-${preset}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('controls by accessible name: units, bidirectional, keyboard stepping, bad input', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('numpy-loop');
  const units = page.getByRole('spinbutton', { name: 'Hidden units, layer 1' });
  await units.fill('5');
  await units.press('Enter');
  await page.getByRole('region', { name: 'Model summary' }).getByText(/simple_rnn \(SimpleRNN\)\s+\(None, 10, 5\)\s+50/).waitFor();
  assert.equal((await hiddenState(page)).length, 5);

  await page.getByRole('checkbox', { name: 'Bidirectional, layer 1' }).check();
  await page.getByRole('region', { name: 'Model summary' }).getByText(/bidirectional \(Bidirectiona/).waitFor();

  // Keyboard: → steps, End goes last, Home first.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.locator('.step').filter({ hasText: 't = 2 ' }).waitFor();
  await page.keyboard.press('End');
  await page.locator('.step').filter({ hasText: 't = 10 ' }).waitFor();
  await page.keyboard.press('Home');
  await page.locator('.step').filter({ hasText: 't = 1 ' }).waitFor();

  // A bad value is explained beside its control and the last valid model stays.
  await units.fill('0');
  await units.press('Enter');
  await page.getByRole('alert').first().waitFor();
  assert.equal((await hiddenState(page)).length, 5);
  const timesteps = page.getByRole('spinbutton', { name: 'Timesteps' });
  await timesteps.fill('999999');
  await timesteps.press('Enter');
  await page.getByRole('alert').filter({ hasText: /timesteps/i }).first().waitFor();
  await screenshot(page, 'controls-errors');

  // Phone width still works.
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'numpy-390');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a model change recomputes and redraws quickly', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('numpy-loop');
  const units = page.getByRole('spinbutton', { name: 'Hidden units, layer 1' });
  const timesteps = page.getByRole('spinbutton', { name: 'Timesteps' });
  await timesteps.fill('100');
  await timesteps.press('Enter');
  const times = [];
  for (const n of [128, 127, 126, 125, 124]) {
    const t0 = await page.evaluate(() => performance.now());
    await units.fill(String(n));
    await units.press('Enter');
    await page.getByRole('region', { name: 'Current hidden state' }).locator('li').nth(n - 1).waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    times.push((await page.evaluate(() => performance.now())) - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`# model change at T=100, hidden=128: median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms (input → recompute → redraw)`);
  assert.deepEqual(problems, []);
  await context.close();
});
