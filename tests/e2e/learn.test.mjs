// The learning features end to end: the Korean page shows no English words outside code
// (main view, quiz, tour, an error), the quiz checks answers and loads a question's model,
// its progress survives a reload, and the tour is walked with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openPage, screenshot } from './harness.mjs';

const env = useServerAndBrowser();

// Words allowed on the Korean page: code identifiers, Keras/numpy names and notation.
const ALLOWED = new Set([
  'Unrolled', 'English', 'RNN', 'SimpleRNN', 'Embedding', 'Dense', 'Bidirectional', 'Sequential',
  'tanh', 'relu', 'sigmoid', 'linear', 'softmax', 'concat', 'sum', 'mul', 'ave',
  'None', 'True', 'False', 'NaN', 'JSON', 'Glorot', 'units', 'timesteps', 'vocab', 'np', 'dot',
  'unrolled-cli', 'run', 'model', 'add', 'nn', 'dense', 'embedding', 'bidirectional', 'input_t', 'activation', 'use_bias', 'Output', 'Shape',
  // File formats and library names, written as they are in Korean text too.
  'CSV', 'PNG', 'SVG', 'Keras', 'PyTorch', 'numpy', 'npz',
  // The Keras call that saves a model and the file names it writes (.keras, tf.keras .h5).
  'save', 'keras', 'tf',
]);

/** English words in visible text nodes, outside code, formulas and the summary text. */
async function englishWords(page) {
  const found = await page.evaluate(() => {
    const skip = (el) => el.closest('code, pre, script, style, .summary-scroll, .formula, .vec-name');
    const words = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || skip(el) || !el.checkVisibility()) continue;
      const text = node.textContent;
      for (const word of text.match(/[A-Za-z][A-Za-z_'-]*/g) ?? []) words.push([word, text.trim().slice(0, 80)]);
    }
    return words;
  });
  return found.filter(([word]) => {
    if (word.length === 1 || word.includes('_')) return false; // x, h, t; h_t, input_dim
    return !ALLOWED.has(word);
  });
}

async function assertKorean(page, where) {
  const english = await englishWords(page);
  assert.deepEqual(english, [], `${where}: English words on the Korean page`);
}

test('Korean page: no English words on the main view, in the quiz, in the tour, in an error', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=ko`);
  await page.locator('.summary').waitFor();
  assert.equal(await page.locator('.app').getAttribute('lang'), 'ko');
  await assertKorean(page, 'main view');
  await screenshot(page, 'learn-ko-main');

  await page.getByRole('button', { name: '점검 퀴즈' }).click();
  await page.getByRole('heading', { name: '점검 퀴즈' }).waitFor();
  await assertKorean(page, 'quiz');
  await page.getByRole('textbox', { name: '내 답' }).fill('1000');
  await page.getByRole('button', { name: '채점' }).click();
  await page.getByRole('region', { name: '풀이' }).waitFor();
  assert.match(await page.getByRole('region', { name: '풀이' }).innerText(), /128 × \(100 \+ 128 \+ 1\) = 29,312/);
  await assertKorean(page, 'quiz breakdown');
  await screenshot(page, 'learn-ko-quiz');

  await page.getByRole('button', { name: '둘러보기', exact: true }).click();
  await page.getByRole('dialog').waitFor();
  await page.locator('.tour-target').first().waitFor();
  await assertKorean(page, 'tour');
  await screenshot(page, 'learn-ko-tour');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  // An error typed in English is re-worded when the language switches.
  await page.getByRole('button', { name: 'English' }).click();
  const units = page.getByRole('spinbutton', { name: 'Hidden units, layer 1' });
  await units.fill('0');
  await units.press('Enter');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.match(await alert.innerText(), /at least 1/);
  await page.getByRole('button', { name: '한국어' }).click();
  assert.match(await alert.innerText(), /1 이상이어야 합니다/);
  await assertKorean(page, 'error');
  await screenshot(page, 'learn-ko-error');
  await context.close();
  assert.deepEqual(problems, []);
});

test('the language choice is remembered, and the link overrides it', async () => {
  const { page, problems, context } = await openPage(env.browser, env.server.url);
  await page.locator('.summary').waitFor();
  await page.getByRole('button', { name: '한국어' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'English' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('unrolled.lang')), 'ko');
  await page.goto(`${env.server.url}?lang=en`);
  await page.getByRole('button', { name: '한국어' }).waitFor();
  await context.close();
  assert.deepEqual(problems, []);
});

test('quiz: right and wrong answers, the breakdown, show me, progress after reload', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.locator('.summary').waitFor();
  await page.getByRole('button', { name: 'Parameter quiz' }).click();
  const answer = page.getByRole('textbox', { name: 'Your answer' });
  await answer.fill('529,441');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('Correct!').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Worked answer' }).count(), 0);

  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('heading', { name: 'Question 2' }).waitFor();
  await answer.fill('12');
  await page.getByRole('button', { name: 'Check' }).click();
  const breakdown = page.getByRole('region', { name: 'Worked answer' });
  await breakdown.waitFor();
  const lines = await breakdown.locator('li').allInnerTexts();
  assert.match(lines.join('\n'), /units × \(input \+ units \+ 1\) = \d+ × \(\d+ \+ \d+ \+ 1\)/);
  const total = lines.at(-1).match(/= ([\d,]+)$/)[1];
  await screenshot(page, 'learn-en-quiz-wrong');

  const summary = page.getByRole('region', { name: 'Model summary' });
  const before = await summary.innerText();
  await page.getByRole('button', { name: 'Show me this model' }).click();
  await page.waitForFunction((old) => document.querySelector('.summary-scroll')?.innerText !== old, before);
  assert.match(await summary.innerText(), new RegExp(`Total params: ${total}`));

  await page.reload();
  await page.getByRole('button', { name: 'Parameter quiz' }).click();
  await page.getByRole('heading', { name: 'Question 2' }).waitFor();
  assert.match(await page.locator('.quiz-score').innerText(), /Score 1 \/ 2 · Streak 0/);
  await context.close();
  assert.deepEqual(problems, []);
});

test('tour: walked with the keyboard, each step highlights a panel; Escape closes and it resumes', async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.locator('.summary').waitFor();
  await page.getByRole('button', { name: 'Guided tour' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const titles = [];
  for (let step = 1; step <= 10; step += 1) {
    await dialog.getByText(`Step ${step} of 10`).waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('primary'));
    await page.locator('.tour-target').first().waitFor();
    titles.push(await dialog.getByRole('heading').innerText());
    if (step === 1) await screenshot(page, 'learn-en-tour');
    if (step === 10) {
      assert.equal(await page.locator('.quiz.tour-target').count(), 1, 'the last step points at the quiz');
      await screenshot(page, 'learn-en-tour-quiz');
    }
    await page.keyboard.press('Enter');
  }
  await dialog.waitFor({ state: 'detached' });
  assert.equal(new Set(titles).size, 10);
  assert.equal(await page.locator('.tour-target').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('unrolled.tour')), 'done');

  // Start again, go two steps, close with Escape: the tour resumes there.
  await page.getByRole('button', { name: 'Guided tour' }).click();
  await dialog.getByText('Step 1 of 10').waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('primary'));
  await page.keyboard.press('Enter');
  await dialog.getByText('Step 2 of 10').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('button', { name: 'Guided tour' }).click();
  await dialog.getByText('Step 2 of 10').waitFor();
  await context.close();
  assert.deepEqual(problems, []);
});
