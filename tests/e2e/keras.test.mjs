// "Open a Keras model" end to end: a .keras file saved by Keras 3 and an .h5 file saved by
// tf.keras 2 (tests/fixtures/keras) open in the page, their layer names show in the
// summary, the page's "Current hidden state" equals what `unrolled-cli run --trace`
// computes from the case document the page downloads, and that case carries the file's own
// weights (the CLI's `import` of the same file, on the same inputs, gives the same outputs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServerAndBrowser, openPage, screenshot, SCREENSHOTS } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = process.env.UNROLLED_CLI ?? join(ROOT, 'target/release/unrolled-cli');
const FIXTURES = join(ROOT, 'tests/fixtures/keras');

before(() => {
  assert.ok(existsSync(CLI), `build the CLI first: cargo build --release --bin unrolled-cli (${CLI})`);
});
const env = useServerAndBrowser();

function cli(args) {
  return execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function flat(value) {
  return Array.isArray(value) ? value.flatMap(flat) : [value];
}

async function openKeras(page, file) {
  await page.locator('input[type="file"][accept=".keras,.h5,.hdf5"]').setInputFiles(join(FIXTURES, file));
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

const FILES = [
  // [file, a layer name the summary must show, the model's name]
  ['k3_time_distributed.keras', /simple_rnn_3 \(SimpleRNN\)/, 'time_distributed'],
  ['tf2_first.h5', /simple_rnn \(SimpleRNN\)\s+\(None, 3\)\s+42/, 'sequential'],
];

for (const [file, layer, modelName] of FILES) {
  test(`${file}: opens in the page and matches unrolled-cli`, async () => {
    const { page, problems, context } = await openPage(env.browser, env.server.url);
    await openKeras(page, file);
    const summaryRegion = page.getByRole('region', { name: 'Model summary' });
    await summaryRegion.getByText(`Model: "${modelName}"`).waitFor();
    const summary = await summaryRegion.innerText();
    assert.match(summary, layer);

    const casePath = await downloadCase(page, `keras-${file}`);
    const run = JSON.parse(cli(['run', '--trace', casePath]));
    const traces = run.trace.filter((l) => l !== null);
    const timesteps = traces[0].forward[0].length;
    for (const [button, t] of [['First step', 0], ['Last step', timesteps - 1]]) {
      const control = page.getByRole('button', { name: button });
      if (await control.isEnabled()) await control.click();
      await page.locator('.step').filter({ hasText: `t = ${t + 1} ` }).waitFor();
      const region = page.getByRole('region', { name: 'Current hidden state' });
      const shown = (await region.locator('.num').allInnerTexts()).map(Number);
      const expected = traces[0].forward[0][t].h_t;
      assert.equal(shown.length, expected.length);
      shown.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 5e-5 + 1e-6, `${file} t=${t} h[${i}]: page ${v}, cli ${expected[i]}`));
    }

    // The downloaded case holds the file's weights: import the file with the same inputs.
    const inputsPath = join(SCREENSHOTS, `keras-${file}.inputs.json`);
    writeFileSync(inputsPath, JSON.stringify(JSON.parse(readFileSync(casePath, 'utf8')).inputs));
    const importedPath = join(SCREENSHOTS, `keras-${file}.imported.json`);
    writeFileSync(importedPath, cli(['import', join(FIXTURES, file), '--inputs', inputsPath]));
    const imported = JSON.parse(cli(['run', importedPath]));
    const ours = flat(run.outputs.at(-1));
    const theirs = flat(imported.outputs.at(-1));
    assert.equal(ours.length, theirs.length);
    ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) <= 1e-6, `${file} output ${i}: page case ${v}, imported ${theirs[i]}`));

    await screenshot(page, `keras-${file}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `keras-${file}-390`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a file that is no Keras model, and an unsupported layer, are refused with the reason', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await openKeras(page, 'k3_refuse_conv1d.keras');
  await page.getByText(/\(Conv1D\) is not supported/).first().waitFor();
  await openKeras(page, 'not_keras.zip');
  await page.getByText(/no config\.json/).first().waitFor();
  await screenshot(page, 'keras-refused');
  assert.deepEqual(problems, []);
  await context.close();
});
