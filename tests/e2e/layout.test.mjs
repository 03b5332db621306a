// What the first screen shows, measured: at 390×844 the step bar and the top of the
// diagram are inside the first screen, the diagram fits the width (the last input is
// drawn, not cut off) and nothing overflows sideways; at 1280×720 and 1920×1080 the
// diagram is at least half the viewport wide and wholly visible without scrolling; the
// step buttons never wrap. Also: steps not yet computed are faded and stepping fills the
// next one, return_sequences drops the time axis from the output shape on the diagram,
// a first visit plays the example through,
// and Korean text breaks between words. Screenshots of the first screen of every size
// and language go to target/screenshots/first-screen-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { useServerAndBrowser, openPage, SCREENSHOTS } from './harness.mjs';

const env = useServerAndBrowser();

const SIZES = [
  { width: 390, height: 844, name: '390' },
  { width: 1280, height: 720, name: '1280' },
  { width: 1920, height: 1080, name: '1920' },
];

/** Boxes (page coordinates at scroll 0) of the parts the first screen is about. */
async function measure(page) {
  return page.evaluate(() => {
    window.scrollTo(0, 0);
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    const svg = document.querySelector('.diagram-svg');
    const inputs = [...document.querySelectorAll('.diagram-svg .io-input')].map(box);
    const lastInput = [...document.querySelectorAll('.diagram-svg .io-input')].at(-1)?.textContent.trim();
    const buttons = [...document.querySelectorAll('.step-buttons button')].map((b) => ({
      ...box(b),
      lineHeight: parseFloat(getComputedStyle(b).lineHeight) || parseFloat(getComputedStyle(b).fontSize) * 1.4,
    }));
    return {
      viewport: { width: innerWidth, height: innerHeight },
      scrollWidth: document.documentElement.scrollWidth,
      stepper: box(document.querySelector('.stepper')),
      diagram: box(svg),
      container: box(document.querySelector('.diagram')),
      controls: box(document.querySelector('.controls')),
      inputs,
      lastInput,
      buttons,
    };
  });
}

async function firstScreen(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `first-screen-${name}.png`) });
}

for (const size of SIZES) {
  for (const lang of ['en', 'ko']) {
    test(`${size.name}×${size.height} ${lang}: the step bar and the diagram lead the first screen`, async () => {
      const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=${lang}`, size);
      await page.locator('.diagram-svg .cell').first().waitFor();
      // Let the size observer lay the diagram out at its measured width.
      await page.waitForTimeout(300);
      const m = await measure(page);
      await firstScreen(page, `${size.name}-${lang}`);

      assert.ok(m.scrollWidth <= m.viewport.width, `sideways overflow: ${m.scrollWidth} > ${m.viewport.width}`);
      assert.ok(m.stepper.top >= 0 && m.stepper.bottom <= m.viewport.height, `step bar outside the first screen: ${JSON.stringify(m.stepper)}`);
      assert.ok(m.diagram.right <= m.container.right + 1, `diagram wider than its box: ${m.diagram.right} > ${m.container.right}`);
      // Every shown input (x₁ … x₁₀) is inside the viewport's width: nothing is cut off.
      assert.ok(m.inputs.length >= 4, `${m.inputs.length} inputs drawn`);
      assert.equal(m.lastInput, 'x10', 'the last input drawn is x10');
      for (const input of m.inputs) {
        assert.ok(input.left >= 0 && input.right <= m.viewport.width, `an input is cut off: ${JSON.stringify(input)}`);
      }
      if (size.width < 600) {
        assert.ok(m.diagram.top + 80 <= m.viewport.height, `the top of the diagram is below the first screen: ${m.diagram.top}`);
      } else {
        assert.ok(m.diagram.width >= m.viewport.width / 2, `diagram ${m.diagram.width} px wide in ${m.viewport.width}`);
        assert.ok(m.diagram.top >= 0 && m.diagram.bottom <= m.viewport.height, `diagram not wholly visible: ${JSON.stringify(m.diagram)}`);
        // The model settings are beside the diagram, not the page's first column.
        assert.ok(m.controls.left >= m.diagram.right, `the settings come before the diagram: ${JSON.stringify(m.controls)}`);
      }
      // The step buttons sit on one line, each on one line of text.
      const tops = new Set(m.buttons.map((b) => Math.round(b.top)));
      assert.equal(tops.size, 1, `step buttons on ${tops.size} lines`);
      for (const b of m.buttons) {
        assert.ok(b.height < 2 * b.lineHeight + 12, `a step button wraps: ${JSON.stringify(b)}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('the loop unrolls: later steps are faded, stepping fills the next cell and draws the arrows into it', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.locator('.step').filter({ hasText: 't = 1 ' }).waitFor();
  const pendingAt = (t) => page.locator(`.diagram-svg .cell[data-layer="0"][data-timestep="${t}"]`).getAttribute('class');
  assert.doesNotMatch(await pendingAt(0), /pending/);
  assert.match(await pendingAt(1), /pending/);
  assert.match(await pendingAt(9), /pending/);
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.locator('.step').filter({ hasText: 't = 2 ' }).waitFor();
  assert.doesNotMatch(await pendingAt(1), /pending/);
  assert.match(await pendingAt(2), /pending/);
  // The input and the recurrent arrow into the new cell carry the value.
  assert.equal(await page.locator('.diagram-svg .arrow-live').count(), 2);
  // No motion for those who asked for none.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const animation = await page.locator('.diagram-svg .arrow-live').first().evaluate((el) => getComputedStyle(el).animationName);
  assert.equal(animation, 'none');
  // The key explains the colours.
  await page.getByText('value of h: −1 blue, 0 white, +1 red').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('return_sequences on the diagram: the output shape keeps or drops the time axis', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('return-sequences');
  const outputLabel = page.locator('.diagram-svg .row-labels text').filter({ hasText: 'output' });
  await outputLabel.filter({ hasText: /\(\d+, \d+, \d+\)/ }).waitFor();
  const withTime = await outputLabel.textContent();
  const outputs = await page.locator('.diagram-svg .io-output').count();
  await page.locator('.rs-toggle input').first().uncheck();
  await outputLabel.filter({ hasText: /^output\s*\(\d+, \d+\)$/ }).waitFor();
  const withoutTime = await outputLabel.textContent();
  assert.notEqual(withTime, withoutTime);
  assert.ok(outputs > 1);
  assert.equal(await page.locator('.diagram-svg .io-output').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a first visit plays the example through once; a later visit does not', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`, undefined, { firstVisit: true });
  await page.locator('.step').filter({ hasText: /^t = ([3-9]|10) / }).waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => localStorage.getItem('unrolled.intro')), 'played');
  await page.reload();
  await page.locator('.diagram-svg .cell').first().waitFor();
  const step = await page.locator('.step').innerText();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.step').innerText(), step, 'the second visit moved on its own');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Korean text breaks between words', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=ko`);
  await page.locator('.diagram-svg .cell').first().waitFor();
  const wordBreak = await page.locator('.tagline').evaluate((el) => getComputedStyle(el).wordBreak);
  assert.equal(wordBreak, 'keep-all');
  assert.deepEqual(problems, []);
  await context.close();
});
