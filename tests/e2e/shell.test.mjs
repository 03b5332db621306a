// The app loads from the release build, renders, steps and switches language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openPage, screenshot } from './harness.mjs';

const env = useServerAndBrowser();

test('the page renders the app with its title and description', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  assert.match(await page.title(), /Unrolled/);
  assert.match(await page.locator('.tagline').innerText(), /hidden state/);
  await screenshot(page, 'shell-1280');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the stepper steps and the language switch translates', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url, { width: 390, height: 844 });
  await page.getByRole('button', { name: 'Next step' }).click();
  assert.equal(await page.locator('.step').innerText(), 't = 2 of 10');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.getByRole('button', { name: '다음 시점' }).waitFor();
  assert.equal(await page.locator('.app').getAttribute('lang'), 'ko');
  assert.equal(await page.locator('.step').innerText(), 't = 2 / 10');
  await screenshot(page, 'shell-390-ko');
  assert.deepEqual(problems, []);
  await context.close();
});
