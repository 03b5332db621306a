// Gated cells end to end: the model builder's "Cell type" turns a layer into an LSTM or a
// GRU (and back), the gate options reach the model, and the step panel's gate values,
// c_t and h_t for the selected step equal `unrolled-cli run --trace` on the case document
// the page downloads, within 1e-4.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useServerAndBrowser, openPage, screenshot, SCREENSHOTS } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = process.env.UNROLLED_CLI ?? join(ROOT, 'target/release/unrolled-cli');
const TOLERANCE = 1e-4;

before(() => {
  assert.ok(existsSync(CLI), `build the CLI first: cargo build --release --bin unrolled-cli (${CLI})`);
});
const env = useServerAndBrowser();

async function downloadCase(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download case' }).click(),
  ]);
  const path = join(SCREENSHOTS, `${name}.case.json`);
  await download.saveAs(path);
  return path;
}

function cliStep(casePath, t) {
  const out = execFileSync(CLI, ['run', '--trace', casePath], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const run = JSON.parse(out);
  return run.trace.filter((layer) => layer !== null)[0].forward[0][t];
}

/** The full values of the vector named `name` inside `scope` (read from each cell's title). */
async function vectorValues(scope, name) {
  const group = scope.getByRole('group', { name: new RegExp(`^${escape(name)}: \\d+$`) });
  const titles = await group.locator('.cell[title]').evaluateAll((cells) => cells.map((c) => c.title));
  return titles.map((t) => Number(t.split(' = ')[1]));
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 4-decimal values listed in a region (Current hidden state / Current cell state). */
async function listed(page, name) {
  const text = await page.getByRole('region', { name }).locator('.num').allInnerTexts();
  return text.map(Number);
}

function close(what, shown, expected, tolerance = TOLERANCE) {
  assert.equal(shown.length, expected.length, `${what}: ${shown.length} values, cli ${expected.length}`);
  shown.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tolerance,
    `${what}[${i}]: page ${v}, cli ${expected[i]}`));
}

const GATES = {
  lstm: [['input_gate', 'i', /^i input gate/], ['forget_gate', 'f', /^f forget gate/],
    ['candidate', 'c̃', /^c̃ candidate/], ['output_gate', 'o', /^o output gate/]],
  gru: [['update_gate', 'z', /^z update gate/], ['reset_gate', 'r', /^r reset gate/],
    ['candidate', 'h̃', /^h̃ candidate/]],
};

async function setCell(page, cell) {
  await page.getByRole('combobox', { name: 'Cell type, layer 1' }).selectOption(cell);
  const klass = { lstm: 'LSTM', gru: 'GRU', simple_rnn: 'SimpleRNN' }[cell];
  await page.getByRole('region', { name: 'Model summary' })
    .getByText(new RegExp(`\\(${klass}\\)`)).waitFor();
}

async function checkStep(page, cell, name, t) {
  const step = cliStep(await downloadCase(page, name), t);
  const panel = page.locator('section.gates');
  await panel.getByRole('heading', { name: new RegExp(`\\(${cell === 'lstm' ? 'LSTM' : 'GRU'}\\), t = ${t + 1}$`) }).waitFor();
  for (const [key, symbol, heading] of GATES[cell]) {
    const gate = panel.getByRole('region', { name: heading });
    close(`${name} t=${t} ${symbol}`, await vectorValues(gate, symbol), step[key][symbol]);
    const z = await vectorValues(gate, `z_${{ 'c̃': 'c', 'h̃': 'h' }[symbol] ?? symbol} (sum before the activation)`);
    close(`${name} t=${t} z_${symbol}`, z, step[key][`z_${symbol}`]);
  }
  if (cell === 'lstm') {
    close(`${name} c_t`, await vectorValues(panel, 'c_t (cell state)'), step.c_t);
    close(`${name} c_t listed`, await listed(page, 'Current cell state'), step.c_t, 5e-5 + 1e-6);
  } else {
    const key = step.reset_after ? 'r⊙(h_{t-1}·recurrent_kernel_h̃+recurrent_bias_h̃)' : 'r⊙h_{t-1}';
    const shownName = step.reset_after ? "r⊙(h_{t-1}·U_h + b'_h)" : 'r⊙h_{t-1}';
    close(`${name} reset product`, await vectorValues(panel, shownName), step[key]);
  }
  close(`${name} h_t`, await vectorValues(panel, 'h_t (hidden state)'), step.h_t);
  close(`${name} h_t listed`, await listed(page, 'Current hidden state'), step.h_t, 5e-5 + 1e-6);
}

for (const cell of ['lstm', 'gru']) {
  test(`cell type ${cell}: the gates, c_t and h_t equal unrolled-cli`, async () => {
    const { page, problems, context } = await openPage(env.browser, env.server.url);
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('numpy-loop');
    await setCell(page, cell);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await checkStep(page, cell, `gated-${cell}`, 2);
    if (cell === 'gru') {
      await page.getByRole('checkbox', { name: 'Reset after the recurrent product (reset_after), layer 1' }).uncheck();
      await page.getByText('reset_after=False: r multiplies h_{t-1} before the recurrent product').waitFor();
      await checkStep(page, cell, 'gated-gru-reset-before', 2);
    } else {
      await page.getByRole('checkbox', { name: 'Forget bias starts at 1 (unit_forget_bias), layer 1' }).uncheck();
      await page.getByRole('combobox', { name: 'Gate activation (recurrent_activation), layer 1' }).selectOption('hard_sigmoid');
      await page.getByRole('button', { name: 'Last step' }).click();
      await checkStep(page, cell, 'gated-lstm-hard-sigmoid', 9);
    }
    await page.getByRole('checkbox', { name: 'Show numpy notation' }).check();
    await page.locator('section.gates .numpy').waitFor();
    await screenshot(page, `gate-panel-${cell}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `gate-panel-${cell}-390`);
    // Back to a SimpleRNN: the SimpleRNN equation returns.
    await setCell(page, 'simple_rnn');
    await page.locator('.equation:not(.gates) .formula').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the gate panel in Korean', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=ko`);
  await page.getByRole('combobox', { name: '셀 종류, 층 1' }).selectOption('lstm');
  await page.getByRole('region', { name: '현재 셀 상태' }).waitFor();
  await screenshot(page, 'gate-panel-lstm-ko-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'gate-panel-lstm-ko-390');
  assert.deepEqual(problems, []);
  await context.close();
});
