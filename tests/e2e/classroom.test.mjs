// The classroom end to end: the keyboard steps from anywhere (even after clicking a step
// button), presenting mode (big type, the diagram across the screen, a large step counter,
// a floating step bar; Esc leaves; `present=1` in a link, with `hide=`; 1280×720, 1920×1080
// and 150 % browser zoom), the "?" overlay of keys, and the frameless `embed=1` view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useServerAndBrowser, openPage, returningVisitor, screenshot, SCREENSHOTS } from './harness.mjs';
import { assertAccessible } from './axe.mjs';

const env = useServerAndBrowser();

async function screenshotPath(name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

const step = (page) => page.locator('.step').first().innerText();
async function stepIs(page, t, of = 10) {
  await page.waitForFunction(
    ([want]) => document.querySelector('.step')?.innerText.startsWith(want),
    [`t = ${t} `],
    { timeout: 5000 },
  ).catch(async () => assert.fail(`expected t = ${t} of ${of}, the page shows "${await step(page)}"`));
}

/** Computed font size (px) of the first element matching `selector`. */
const fontSize = (page, selector) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('the keyboard steps after clicking a step button: → PageDown PageUp ← Home End, Space plays', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.getByRole('button', { name: 'Next step' }).click();
  await stepIs(page, 2);
  // Focus stays on the button: the page-wide handler still steps.
  await page.keyboard.press('ArrowRight');
  await stepIs(page, 3);
  await page.keyboard.press('PageDown');
  await stepIs(page, 4);
  await page.keyboard.press('PageUp');
  await stepIs(page, 3);
  await page.keyboard.press('ArrowLeft');
  await stepIs(page, 2);
  await page.keyboard.press('End');
  await stepIs(page, 10);
  await page.keyboard.press('Home');
  await stepIs(page, 1);
  // Space on the step bar plays and pauses.
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();
  // From a diagram cell too: the cell does not swallow the keys.
  await page.keyboard.press('Home');
  await stepIs(page, 1);
  await page.locator('.diagram .cell').first().focus();
  await page.keyboard.press('PageDown');
  await stepIs(page, 2);
  await page.keyboard.press('ArrowRight');
  await stepIs(page, 3);
  // A number field keeps its keys.
  const units = page.getByRole('spinbutton', { name: 'Timesteps' });
  await units.focus();
  const before = await step(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Home');
  assert.equal(await step(page), before, 'keys typed in a field do not step');
  // Visible focus ring on a focused button.
  await page.getByRole('button', { name: 'Next step' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await page.getByRole('button', { name: 'Next step' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"?" lists the keys in both languages; Escape closes the list', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=ko`);
  await page.getByRole('button', { name: '다음 시점' }).waitFor();
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: '단축키' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /PageDown/);
  await assertAccessible(page, 'keys overlay');
  await screenshot(page, 'classroom-keys-ko');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height, scale, name] of [[1280, 720, 1, '1280'], [1920, 1080, 1, '1920'], [853, 480, 1.5, 'zoom150']]) {
  test(`presenting mode at ${name}: big type, the diagram across the screen, the step counter and bar; Esc leaves`, async () => {
    const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    await returningVisitor(context);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${env.server.url}?lang=en`);
    await page.getByRole('button', { name: 'Next step' }).waitFor();
    const normal = await fontSize(page, '.app');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await page.locator('.app.presenting').waitFor();
    const big = await fontSize(page, '.app');
    assert.ok(big >= 1.4 * normal, `body text ${big}px is not 1.4 × ${normal}px`);
    const diagram = await page.locator('.diagram').first().boundingBox();
    console.log(`# presenting at ${name}: body text ${big} px (normal ${normal} px, ${(big / normal).toFixed(2)}×), diagram ${diagram.width.toFixed(0)} of ${width} px`);
    assert.ok(diagram.width >= 0.9 * width, `diagram ${diagram.width}px of ${width}px`);
    assert.equal(await page.getByRole('spinbutton', { name: 'Timesteps' }).count(), 0, 'the controls are hidden');
    const bar = page.getByRole('toolbar', { name: 'Step bar' });
    await bar.getByRole('button', { name: 'Next step' }).click();
    await bar.getByRole('button', { name: 'Next step' }).click();
    assert.match(await page.locator('.present-step').innerText(), /t = 3 \/ 10/);
    assert.match(page.url(), /present=1/);
    await page.keyboard.press('PageDown');
    assert.match(await page.locator('.present-step').innerText(), /t = 4 \/ 10/);
    // Nothing runs off the side.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
    // What the room sees: the viewport, the floating bar at its foot.
    await page.screenshot({ path: await screenshotPath(`classroom-present-${name}`) });
    if (name === '1280') await assertAccessible(page, 'presenting mode');
    await page.keyboard.press('Escape');
    await page.locator('.app.presenting').waitFor({ state: 'detached' });
    await page.getByRole('spinbutton', { name: 'Timesteps' }).waitFor();
    assert.doesNotMatch(page.url(), /present=1/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a link with present=1 and hide= opens presenting in Korean, charts hidden', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=ko`);
  await page.getByRole('button', { name: '다음 시점' }).waitFor();
  const fragment = new URL(page.url()).hash.slice(1);
  await page.goto(`${env.server.url}?lang=ko#${fragment}&present=1&hide=charts`);
  await page.reload();
  await page.locator('.app.presenting').waitFor();
  assert.equal(await page.locator('.charts').count(), 0, 'hide=charts still holds');
  await page.getByRole('toolbar', { name: '시점 이동' }).waitFor();
  await screenshot(page, 'classroom-present-ko-1280');
  await page.getByRole('button', { name: '발표 끝내기' }).click();
  await page.locator('.app.presenting').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed=1: no header, the diagram and the step bar only', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en#embed=1`, { width: 800, height: 450 });
  await page.locator('.app.embedded').waitFor();
  assert.equal(await page.locator('header').count(), 0);
  await page.locator('.diagram').waitFor();
  await page.getByRole('button', { name: 'Next step' }).click();
  await stepIs(page, 2);
  assert.equal(await page.getByRole('spinbutton').count(), 0, 'no form');
  assert.equal(await page.locator('.charts').count(), 0, 'no charts');
  await screenshot(page, 'classroom-embed');
  await assertAccessible(page, 'embed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every chart says what it shows, and gives its data as a table on request', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.getByRole('button', { name: 'Next step' }).click();
  const figures = page.locator('.charts figure');
  assert.equal(await figures.count(), 3);
  assert.match(await figures.nth(0).locator('.chart-summary').innerText(), /8 units over 10 steps\. At t = 2 the highest is h\[\d\] = /);
  assert.match(await figures.nth(1).locator('.chart-summary').innerText(), /: from -?\d\.\d{3} to -?\d\.\d{3} \(negative blue, 0 white, positive red\)/);
  assert.match(await figures.nth(2).locator('.chart-summary').innerText(), /At t = 2, \d+% of the units are saturated/);
  assert.equal(await figures.nth(0).locator('table').count(), 0, 'the table is built only on request');
  await figures.nth(0).getByText('Data table').click();
  const table = figures.nth(0).locator('table');
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 10);
  assert.deepEqual((await table.locator('thead th').allInnerTexts()).slice(0, 3), ['t', 'h[0]', 'h[1]']);
  // The same numbers as the page's current hidden state, at t = 2.
  const row = await table.locator('tbody tr').nth(1).locator('td').allInnerTexts();
  const shown = await page.getByRole('region', { name: 'Current hidden state' }).locator('.num').allInnerTexts();
  row.forEach((v, i) => assert.ok(Math.abs(Number(v) - Number(shown[i])) <= 5e-4 + 1e-6, `h[${i}]: table ${v}, page ${shown[i]}`));
  await assertAccessible(page, 'chart data table');
  assert.deepEqual(problems, []);
  await context.close();
});
