// Accessibility checked, not hoped for: axe-core audits every view a class sees (the main
// view in English and Korean, a deep bidirectional model, the quiz with its worked answer,
// the tour, the training view, the phone layout) and fails on any serious or critical
// violation, listing each with the element it found.
import { test } from 'node:test';
import { useServerAndBrowser, openPage, screenshot } from './harness.mjs';
import { assertAccessible } from './axe.mjs';

const env = useServerAndBrowser();
const PHONE = { width: 390, height: 844 };

/** Opens the page in `lang`, waits for the app, runs `prepare`, then audits it. */
async function audit(name, { lang = 'en', viewport, prepare } = {}) {
  const { page, problems, context } = await openPage(env.browser, `${env.server.url}?lang=${lang}`, viewport);
  await page.locator('.summary').waitFor();
  if (prepare) await prepare(page);
  try {
    await assertAccessible(page, name);
  } finally {
    await screenshot(page, `a11y-${name}`);
    await context.close();
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

async function quizAnswered(page) {
  await page.getByRole('button', { name: 'Parameter quiz' }).click();
  await page.getByRole('textbox', { name: 'Your answer' }).fill('12');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByRole('region', { name: 'Worked answer' }).waitFor();
}

test('main view, English and Korean', async () => {
  await audit('main-en');
  await audit('main-ko', { lang: 'ko' });
});

test('a deep bidirectional model, stepped to the middle', async () => {
  await audit('deep-bidirectional', {
    prepare: async (page) => {
      await page.getByRole('combobox', { name: 'Preset' }).selectOption('deep-bidirectional');
      await page.getByRole('region', { name: 'Model summary' }).getByText(/Total params:/).waitFor();
      await page.getByRole('button', { name: 'Next step' }).click();
    },
  });
});

test('the quiz with a worked answer', async () => {
  await audit('quiz', { prepare: quizAnswered });
});

test('the tour, on its first and its fifth step', async () => {
  await audit('tour', {
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Guided tour' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Step 1 of 10').waitFor();
      await assertAccessible(page, 'tour step 1');
      for (let step = 2; step <= 5; step += 1) await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText('Step 5 of 10').waitFor();
    },
  });
});

test('the training view, after a few batches', async () => {
  await audit('training', {
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Train', pressed: false }).click();
      const panel = page.getByRole('region', { name: 'Training' });
      await panel.waitFor();
      for (let i = 0; i < 3; i += 1) await panel.getByRole('button', { name: 'Step one batch' }).click();
      await panel.getByRole('status').first().getByText(/batch 3 of/).waitFor();
    },
  });
});

test('the phone layout (390 px): main view and quiz', async () => {
  await audit('phone-main', { viewport: PHONE });
  await audit('phone-quiz-ko', {
    lang: 'ko',
    viewport: PHONE,
    prepare: async (page) => {
      await page.getByRole('button', { name: '점검 퀴즈' }).click();
      await page.getByRole('heading', { name: '점검 퀴즈' }).waitFor();
    },
  });
});
