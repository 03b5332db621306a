// Offline after one visit, and a new build picked up: the release site registers a service
// worker that caches every file of the build; with the browser offline, a reload shows the
// app and stepping works without a single request reaching the server. A rebuilt site with
// different content is downloaded in the background, announced, and served on the next load.
// The site can be installed (web app manifest, icons).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, appendFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, serveDist, launch, openPage, screenshot } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
let site;
let server;
let browser;

before(async () => {
  // A copy of dist/ that the update test can rebuild.
  site = mkdtempSync(join(tmpdir(), 'unrolled-offline-'));
  cpSync(DIST, site, { recursive: true });
  server = await serveDist(site);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Waits until the page is controlled by an activated service worker. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
}

async function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

test('offline after one visit: a reload shows the app and stepping works', async () => {
  const { page, problems, context } = await openPage(browser, `${server.url}?lang=en`);
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  await controlled(page);
  const version = readFileSync(join(site, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]+)'/)[1];
  assert.deepEqual(await cacheNames(page), [`unrolled-${version}`]);

  await context.setOffline(true);
  const seen = server.requests.length;
  await page.reload();
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  assert.equal(await page.locator('.step').innerText(), 't = 3 of 10');
  // A preset and a new page opened offline work too.
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('quiz');
  await page.getByRole('region', { name: 'Model summary' }).getByText(/Total params: 529,441/).waitFor();
  const second = await context.newPage();
  await second.goto(`${server.url}?lang=ko`);
  await second.getByRole('button', { name: '다음 시점' }).waitFor();
  await screenshot(second, 'offline-ko');
  assert.deepEqual(server.requests.slice(seen), [], 'nothing reached the server while offline');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the site can be installed: manifest, icons and theme colour', async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');
  // Chromium lists every reason; "in-incognito" is the test browser's context, not the site.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  assert.deepEqual(errors, [], 'Chromium finds nothing in the site that stops installing');
  assert.equal(await page.locator('meta[name="theme-color"]').getAttribute('content'), '#2458a6');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a rebuilt site is picked up in the background, announced, and served on the next load', async () => {
  const { page, problems, context } = await openPage(browser, `${server.url}?lang=en`);
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  await controlled(page);
  const [before] = await cacheNames(page);

  // A new build: one static file changes, and build-site.sh's last step runs again.
  const marker = `/* rebuilt ${Date.now()} */`;
  appendFileSync(join(site, 'static', 'style.css'), `\n${marker}\n`);
  execFileSync('bash', [join(ROOT, 'scripts/write-sw.sh'), site], { stdio: 'pipe' });

  // The next load runs the cached build, downloads the new one and says so.
  await page.reload();
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.unrolledUpdate === 'ready', null, { timeout: 30_000 });
  const note = page.getByRole('status').filter({ hasText: 'A new version of Unrolled has been downloaded' });
  await note.waitFor();
  await note.getByRole('button', { name: 'Reload now' }).waitFor();
  await screenshot(page, 'offline-update-notice');
  const [after] = await cacheNames(page);
  assert.notEqual(after, before, 'the new build has its own cache, and the old one is gone');

  // The load after that is the new build, offline too.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Unrolled' }).waitFor();
  const css = await page.evaluate(() => fetch('static/style.css').then((r) => r.text()));
  assert.ok(css.includes(marker), 'the new build is served');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.unrolledVersion), after.replace('unrolled-', ''));
  assert.deepEqual(problems, []);
  await context.close();
});
