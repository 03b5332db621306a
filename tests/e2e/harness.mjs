// Shared by the end-to-end tests: serves dist/ on loopback and drives the system Chromium
// through playwright-core. No browser is downloaded.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = resolve(process.env.UNROLLED_DIST ?? new URL('../../dist', import.meta.url).pathname);
export const SCREENSHOTS = resolve(
  process.env.UNROLLED_SCREENSHOTS ?? new URL('../../target/screenshots', import.meta.url).pathname,
);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ (or another site folder) on 127.0.0.1 at a free port.
 * Returns { url, close, requests }: `requests` lists every path asked for, in order.
 */
export async function serveDist(root = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

/** Launches headless Chromium with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Makes every page of `context` a returning visitor's: the first visit's play-through
 * (which moves the step on its own for a few seconds) has already happened. Tests that
 * look at the first visit pass `{ firstVisit: true }` to openPage instead.
 */
export async function returningVisitor(context) {
  await context.addInitScript(() => {
    try { localStorage.setItem('unrolled.intro', 'played'); } catch { /* no storage */ }
  });
}

/**
 * Opens a page that records console errors and uncaught exceptions (a Rust panic in the
 * app surfaces as one). `problems` is checked at the end of each test.
 */
export async function openPage(browser, url, viewport = { width: 1280, height: 720 }, { firstVisit = false } = {}) {
  const context = await browser.newContext({ viewport });
  if (!firstVisit) await returningVisitor(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  return { page, problems, context };
}

/** Saves a screenshot under target/screenshots/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Serves dist/ and launches Chromium before a test file's tests, and stops both after.
 * Returns an object whose `server` and `browser` are set once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
