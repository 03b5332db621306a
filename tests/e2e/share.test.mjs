// Links, saved sessions, exports and imports end to end: a link reopens the same view, a
// tampered link falls back with a message, a reload restores the last session, exports
// match unrolled-cli, and each import format reproduces the CLI's numbers on the case the
// page then downloads and travels in the page's link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServerAndBrowser, openPage, SCREENSHOTS } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = process.env.UNROLLED_CLI ?? join(ROOT, 'target/release/unrolled-cli');
const FIXTURES = join(ROOT, 'tests/fixtures/import');

const env = useServerAndBrowser();

async function hiddenState(page) {
  return (await page.getByRole('region', { name: 'Current hidden state' }).locator('.num').allInnerTexts()).map(Number);
}

async function download(page, button, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(SCREENSHOTS, name);
  await file.saveAs(path);
  return path;
}

function cliRun(casePath) {
  return JSON.parse(execFileSync(CLI, ['run', '--trace', casePath], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

function close(a, b, tol = 5e-5) {
  assert.equal(a.length, b.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= tol, `[${i}] ${v} vs ${b[i]}`));
}

test('a link reopens the same view; a tampered link falls back with a message', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('bidirectional');
  await page.getByRole('button', { name: 'Last step' }).click();
  const shown = await hiddenState(page);
  await page.waitForFunction(() => location.hash.startsWith('#v1='));
  const link = page.url();
  const second = await openPage(env.browser, link);
  await second.page.getByRole('region', { name: 'Current hidden state' }).waitFor();
  assert.deepEqual(await hiddenState(second.page), shown);
  assert.deepEqual(second.problems, []);
  await second.context.close();

  const tampered = `${link.slice(0, link.length - 20)}!!${link.slice(-10)}`;
  const third = await openPage(env.browser, tampered);
  await third.page.getByRole('alert').filter({ hasText: 'The link could not be opened' }).waitFor();
  assert.equal(await third.page.getByRole('combobox', { name: 'Preset' }).inputValue(), 'numpy-loop');
  assert.deepEqual(third.problems, []);
  await third.context.close();

  // Classroom link: hidden controls and charts.
  const classroom = await openPage(env.browser, `${link}&hide=controls,charts`);
  await classroom.page.getByRole('region', { name: 'Current hidden state' }).waitFor();
  assert.equal(await classroom.page.getByRole('combobox', { name: 'Preset' }).count(), 0);
  assert.deepEqual(classroom.problems, []);
  await classroom.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload restores the last session', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('diagram');
  await page.getByRole('button', { name: 'Last step' }).click();
  const shown = await hiddenState(page);
  await page.waitForFunction(() => (localStorage.getItem('unrolled.session') ?? '').startsWith('v1='));
  await page.goto(env.server.url);
  await page.getByRole('region', { name: 'Current hidden state' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Preset' }).inputValue(), 'diagram');
  assert.deepEqual(await hiddenState(page), shown);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exports: CSV equals the CLI, PNG decodes, plots SVG parses, numpy code matches', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('numpy-loop');
  const run = cliRun(await download(page, 'Download case', 'share.case.json'));
  const csv = readFileSync(await download(page, 'Download hidden states (CSV)', 'share.hidden.csv'), 'utf8').trim().split('\n');
  assert.match(csv[0], /^example,timestep,h0,h1/);
  const steps = run.trace.find((l) => l !== null).forward[0];
  assert.equal(csv.length, 1 + steps.length);
  steps.forEach((step, t) => close(csv[t + 1].split(',').slice(2).map(Number), step.h_t, 1e-6));

  const png = readFileSync(await download(page, 'Download plots (PNG)', 'share.plot.png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.ok(png.readUInt32BE(16) > 0 && png.readUInt32BE(20) > 0);
  const svg = readFileSync(await download(page, 'Download diagram (SVG)', 'share.diagram.svg'), 'utf8');
  assert.match(svg, /^<svg/);
  const diagramPng = readFileSync(await download(page, 'Download diagram (PNG)', 'share.diagram.png'));
  assert.deepEqual([...diagramPng.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(diagramPng.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.ok(diagramPng.readUInt32BE(16) > 400 && diagramPng.readUInt32BE(20) > 100, 'twice the on-screen size');
  const plots = readFileSync(await download(page, 'Download plots (SVG)', 'share.plots.svg'), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      root: doc.documentElement.nodeName,
      errors: doc.getElementsByTagName('parsererror').length,
      texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent),
      polylines: doc.getElementsByTagName('polyline').length,
    };
  }, plots);
  assert.equal(parsed.errors, 0);
  assert.equal(parsed.root, 'svg');
  for (const title of ['Hidden state over time', 'All hidden states (time × unit)', 'Saturation']) {
    assert.ok(parsed.texts.some((t) => t.includes(title)), `plots SVG lacks the title "${title}"`);
  }
  assert.ok(parsed.polylines > 0);

  const code = await download(page, 'Download numpy code', 'share.numpy.py');
  let python = true;
  try { execFileSync('python3', ['-c', 'import numpy']); } catch { python = false; }
  if (python) {
    const out = JSON.parse(execFileSync('python3', [code], { encoding: 'utf8' }));
    out.states[0][0][0].forEach((h, t) => close(h, steps[t].h_t, 1e-4));
  } else {
    console.log('# python3 with numpy missing: numpy code not run');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [file, layerCheck] of [
  ['keras_weights.npz', 0], ['keras_weights_compressed.npz', 0], ['keras_weights.json', 0], ['pytorch_state_dict.npz', 0],
]) {
  test(`import ${file}: the page computes what the CLI computes`, async () => {
    const { page, problems, context } = await openPage(env.browser, env.server.url);
    await page.getByLabel('Import weights').setInputFiles(join(FIXTURES, file));
    await page.getByRole('alert').filter({ hasText: 'Imported the weights' }).waitFor();
    const run = cliRun(await download(page, 'Download case', `share.import.${file}.json`));
    const caseDoc = JSON.parse(readFileSync(join(SCREENSHOTS, `share.import.${file}.json`), 'utf8'));
    assert.ok(caseDoc.weights, 'the case carries the imported weights');
    const steps = run.trace.filter((l) => l !== null)[layerCheck].forward[0];
    close(await hiddenState(page), steps[0].h_t);
    // The imported weights are small, so the page's link carries them: a fresh browser
    // opening it shows the same hidden state and no "left out" note.
    const shown = await hiddenState(page);
    assert.equal(await page.locator('.weights-not-in-link').count(), 0);
    await page.waitForFunction(() => location.hash.startsWith('#v1='));
    const second = await openPage(env.browser, page.url());
    await second.page.getByRole('region', { name: 'Current hidden state' }).waitFor();
    assert.deepEqual(await hiddenState(second.page), shown);
    assert.deepEqual(second.problems, []);
    await second.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a hostile file gives a message and changes nothing', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('region', { name: 'Current hidden state' }).waitFor();
  const before = await hiddenState(page);
  for (const file of ['hostile_huge_shape.npz', 'hostile_truncated.npz']) {
    await page.getByLabel('Import weights').setInputFiles(join(FIXTURES, file));
    await page.getByRole('alert').filter({ hasText: 'could not be imported' }).waitFor();
    assert.deepEqual(await hiddenState(page), before);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  assert.deepEqual(problems, []);
  await context.close();
});
