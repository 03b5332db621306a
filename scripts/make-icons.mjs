// Draws the app icons of the web app manifest from the SVGs in static/ with the system
// Chromium (through the end-to-end tests' playwright-core), so no image tool is needed:
//   static/icon-192.png, static/icon-512.png      from favicon.svg (rounded, transparent corners)
//   static/icon-maskable-512.png, static/apple-touch-icon.png   from icon-maskable.svg
//     (full bleed; the cells inside the central 80 % that launchers may crop to)
// Run after changing an icon SVG:  node scripts/make-icons.mjs
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const require = createRequire(new URL('tests/e2e/package.json', root));
const { chromium } = require('playwright-core');

const ICONS = [
  ['favicon.svg', 'icon-192.png', 192],
  ['favicon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
  ['icon-maskable.svg', 'apple-touch-icon.png', 180],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  for (const [source, target, size] of ICONS) {
    const svg = await readFile(new URL(`static/${source}`, root), 'utf8');
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">
      <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: new URL(`static/${target}`, root).pathname, omitBackground: true });
    await page.close();
    console.log(`static/${target}: ${size}×${size} from ${source}`);
  }
} finally {
  await browser.close();
}
