// Real-browser tests of the widget on the demo page, against a live Rasa.
// Needs PAGE_URL (the demo page served by web/serve.py, whose data-server-url
// points at a running Rasa with the socketio channel). Without PAGE_URL every
// test here is skipped. Run: PAGE_URL=http://localhost:8080/ node --test web/tests/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PAGE_URL,
  ANSWER_TIMEOUT,
  openBrowser,
  loadDemo,
  widget,
  waitConnected,
  waitForAnswer,
  ask,
  messageCount,
  runAxe,
  readTracker,
} from './_browser.mjs';
import { answerId, isFactualAnswer } from '../src/messages.js';

const skip = PAGE_URL ? false : 'PAGE_URL is not set (demo page served by web/serve.py with a running Rasa)';
const T = { timeout: 4 * ANSWER_TIMEOUT };
// Test output goes under results/ (git-ignored); the README's picture is a committed copy in docs/images/.
const SCREENSHOT = process.env.SCREENSHOT_PATH
  || fileURLToPath(new URL('../../results/browser/widget-phone.png', import.meta.url));

const TOP_TIER_QUESTION = 'what is the top tier visa?';
const isTopTierFact = (t) => /top[- ]tier/i.test(t) && /(announced|in force)/i.test(t) && /\b202[45]\b/.test(t);

function assertClean(b) {
  assert.deepEqual(b.problems.pageErrors, [], 'no JavaScript errors in the page');
  assert.deepEqual(b.problems.outside, [], 'no requests outside the demo server and Rasa');
}

/** Find enabled quick replies; if the conversation has none, ask for some. */
async function enabledQuickReplies(page) {
  const qr = page.locator('.kvg-log .kvg-qr:not([disabled])');
  if ((await qr.count()) > 0) return qr;
  for (const prompt of ['what can you do?', 'hello']) {
    const n = await ask(page, prompt);
    await waitForAnswer(page, n);
    if ((await qr.count()) > 0) return qr;
  }
  return qr;
}

describe('chat widget on the demo page (real Chromium + live Rasa)', { skip }, () => {
  let b;
  let w;

  before(async () => {
    b = await openBrowser();
    w = await loadDemo(b);
  });
  after(async () => {
    if (b) await b.close();
  });

  test('launcher opens an accessible chat panel that connects to Rasa', T, async () => {
    assert.equal(await w.launcher.evaluate((el) => el.tagName), 'BUTTON');
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await w.panel.isHidden(), true);
    await w.launcher.click();
    assert.equal(await w.panel.isVisible(), true);
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
    assert.equal(await w.log.getAttribute('role'), 'log');
    assert.equal(await w.log.getAttribute('aria-live'), 'polite');
    assert.equal(await b.page.evaluate(() => document.activeElement?.classList.contains('kvg-input')), true);
    await waitConnected(b.page);
  });

  test('answers "what is the top tier visa?" with a catalogue fact', T, async () => {
    const n = await ask(b.page, TOP_TIER_QUESTION);
    assert.equal(await w.userMessages.last().innerText().then((t) => t.includes(TOP_TIER_QUESTION)), true);
    const answer = await waitForAnswer(b.page, n, { accept: isTopTierFact });
    assert.match(answer, /top[- ]tier/i);
    assert.match(answer, /announced|in force/i);
    assert.match(answer, /\b202[45]\b/);
  });

  test('a quick reply sends its payload, shows its title and gets an answer', T, async () => {
    const qr = await enabledQuickReplies(b.page);
    assert.ok((await qr.count()) > 0, 'the assistant offered quick replies');
    const button = qr.first();
    const title = (await button.innerText()).trim();
    const groupCount = await b.page.locator('.kvg-log .kvg-qr').count();
    const n = await messageCount(b.page);
    await button.click();
    await b.page.waitForFunction((k) => document.querySelectorAll('.kvg-log .kvg-msg').length > k, n);
    assert.equal((await w.userMessages.last().innerText()).replace(/^You:\s*/, '').trim(), title);
    // Buttons of older messages are disabled.
    const stillEnabled = await b.page.locator('.kvg-log .kvg-qr').evaluateAll(
      (els, k) => els.slice(0, k).filter((e) => !e.disabled).length,
      groupCount,
    );
    assert.equal(stillEnabled, 0);
    const answer = await waitForAnswer(b.page, n + 1);
    assert.ok(answer.trim().length > 0);
    assert.doesNotMatch(answer, /No answer yet/);
  });

  test('the conversation survives a page reload', T, async () => {
    const sessionBefore = await b.page.evaluate(() =>
      Object.entries(localStorage).find(([k]) => k.endsWith(':session_id'))?.[1],
    );
    const textBefore = await w.log.innerText();
    assert.ok(sessionBefore, 'session id persisted in localStorage');
    await b.page.reload({ waitUntil: 'load' });
    await b.page.waitForSelector('.kvg-root .kvg-launcher');
    w = widget(b.page);
    if (await w.panel.isHidden()) await w.launcher.click();
    const textAfter = await w.log.innerText();
    assert.ok(textAfter.includes(TOP_TIER_QUESTION), 'earlier question re-rendered');
    assert.equal(textAfter, textBefore);
    const sessionAfter = await b.page.evaluate(() =>
      Object.entries(localStorage).find(([k]) => k.endsWith(':session_id'))?.[1],
    );
    assert.equal(sessionAfter, sessionBefore);
    await waitConnected(b.page);
    // The same Rasa session still answers.
    const n = await ask(b.page, TOP_TIER_QUESTION);
    await waitForAnswer(b.page, n, { accept: isTopTierFact });
  });

  test('HTML in messages is shown as literal text (no XSS)', T, async () => {
    const xss = '<img src=x onerror="window.__xss=1">';
    const bold = '<b>bold</b>';
    // Whatever the assistant answers (if anything) must be rendered safely too.
    const n1 = await ask(b.page, xss);
    await waitForAnswer(b.page, n1, { timeout: 20000 }).catch(() => {});
    const n2 = await ask(b.page, bold);
    await waitForAnswer(b.page, n2, { timeout: 20000 }).catch(() => {});
    const users = await w.userMessages.allInnerTexts();
    assert.ok(users.some((t) => t.includes(xss)), 'img markup shown literally');
    assert.ok(users.some((t) => t.includes(bold)), 'b markup shown literally');
    assert.equal(await b.page.locator('.kvg-root img').count(), 0);
    assert.equal(await b.page.locator('.kvg-log b').count(), 0);
    assert.equal(await b.page.evaluate(() => typeof window.__xss), 'undefined');
    // Still literal after re-rendering from storage.
    await b.page.reload({ waitUntil: 'load' });
    await b.page.waitForSelector('.kvg-root .kvg-launcher');
    assert.ok((await b.page.locator('.kvg-log').innerText()).includes(xss));
    assert.equal(await b.page.locator('.kvg-root img').count(), 0);
    assert.equal(await b.page.evaluate(() => typeof window.__xss), 'undefined');
  });

  test('reconnects after the connection drops and keeps answering', T, async () => {
    if (await w.panel.isHidden()) await w.launcher.click();
    await waitConnected(b.page);
    await b.page.evaluate(() => window.KoreaVisaGuide.instances[0].socket.io.engine.close());
    await b.page.waitForFunction(() => document.querySelector('.kvg-status')?.textContent === 'Reconnecting…');
    await waitConnected(b.page);
    const n = await ask(b.page, TOP_TIER_QUESTION);
    await waitForAnswer(b.page, n, { accept: isTopTierFact });
    assertClean(b);
  });

  test('"forget me" deletes the conversation and the copy the widget keeps in localStorage', T, async () => {
    if (await w.panel.isHidden()) await w.launcher.click();
    await waitConnected(b.page);
    const storedHistory = () => b.page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.includes(':history:') && localStorage.getItem(k) !== '[]'));
    const asked = await ask(b.page, TOP_TIER_QUESTION);
    await waitForAnswer(b.page, asked, { accept: isTopTierFact });
    assert.notDeepEqual(await storedHistory(), [], 'the widget keeps the conversation before "forget me"');
    const n = await ask(b.page, 'forget me');
    await waitForAnswer(b.page, n, { accept: (t) => /deleted this conversation/i.test(t) });
    // the server's { custom: { forgotten: true } } message comes right after the confirmation
    await b.page.waitForFunction(
      () => !Object.keys(localStorage).some((k) => k.includes(':history:') && localStorage.getItem(k) !== '[]'),
      null, { timeout: 15000 });
    assertClean(b);
  });

  test('"Start a new conversation" forgets the history and starts a new session', T, async () => {
    const sessionKey = () =>
      b.page.evaluate(() => Object.entries(localStorage).find(([k]) => k.endsWith(':session_id'))?.[1]);
    const before = await sessionKey();
    await b.page.getByRole('button', { name: 'Start a new conversation' }).click();
    assert.notEqual(await sessionKey(), before);
    assert.ok(!(await w.log.innerText()).includes(TOP_TIER_QUESTION));
    const oldHistory = await b.page.evaluate((id) => Object.keys(localStorage).filter((k) => k.endsWith(`:history:${id}`)), before);
    assert.deepEqual(oldHistory, [], 'old history removed from localStorage');
    await waitConnected(b.page);
    const n = await ask(b.page, TOP_TIER_QUESTION);
    await waitForAnswer(b.page, n, { accept: isTopTierFact });
    assertClean(b);
  });
});

describe('keyboard-only use', { skip }, () => {
  test('Tab to launcher, Enter opens, type, Enter sends, Escape closes', T, async () => {
    const b = await openBrowser();
    try {
      const w = await loadDemo(b);
      const { page } = b;
      let onLauncher = false;
      for (let i = 0; i < 30 && !onLauncher; i += 1) {
        await page.keyboard.press('Tab');
        onLauncher = await page.evaluate(() => document.activeElement?.classList.contains('kvg-launcher'));
      }
      assert.ok(onLauncher, 'launcher reachable with Tab');
      const outline = await w.launcher.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'visible focus style on the launcher');
      await page.keyboard.press('Enter');
      assert.equal(await w.panel.isVisible(), true);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('kvg-input')), true);
      await waitConnected(page);
      const n = await messageCount(page);
      await page.keyboard.type(TOP_TIER_QUESTION);
      await page.keyboard.press('Enter');
      const answer = await waitForAnswer(page, n + 1, { accept: isTopTierFact });
      assert.ok(isTopTierFact(answer));
      assert.ok((await w.userMessages.last().innerText()).includes(TOP_TIER_QUESTION));
      // Tab reaches the send button; every control has an accessible name.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Send message');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Escape');
      assert.equal(await w.panel.isHidden(), true);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('kvg-launcher')), true);
      assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
      // Enter re-opens with the conversation intact.
      await page.keyboard.press('Enter');
      assert.equal(await w.panel.isVisible(), true);
      assert.ok((await w.log.innerText()).includes(TOP_TIER_QUESTION));
      assertClean(b);
    } finally {
      await b.close();
    }
  });
});

/** The user events of the tracker with intent `feedback`, once the turn is saved (it is, soon after the reply). */
async function storedFeedback(page, senderId, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const tracker = await readTracker(page, senderId);
    const feedback = tracker.events.filter((e) => e.event === 'user' && e.parse_data?.intent?.name === 'feedback');
    if (feedback.length || Date.now() > deadline) return { tracker, feedback };
    await page.waitForTimeout(300);
  }
}

const entityValues = (event) => Object.fromEntries((event.parse_data?.entities || []).map((e) => [e.entity, e.value]));

describe('feedback on an answer', { skip }, () => {
  test('"Helpful" pressed from the keyboard is stored in the conversation, naming the answer, and kept after a reload', T, async () => {
    const b = await openBrowser();
    try {
      const w = await loadDemo(b);
      const { page } = b;
      await w.launcher.click();
      await waitConnected(page);
      const n = await ask(page, TOP_TIER_QUESTION);
      await waitForAnswer(page, n, { accept: isTopTierFact });
      const feedbackGroup = () => page.getByRole('group', { name: 'Was this answer helpful?' }).last();
      const buttons = () => ({
        helpful: feedbackGroup().getByRole('button', { name: 'Helpful', exact: true }),
        notHelpful: feedbackGroup().getByRole('button', { name: 'Not helpful', exact: true }),
      });
      let { helpful, notHelpful } = buttons();
      assert.equal(await helpful.isEnabled(), true, 'the latest answer takes feedback');
      assert.equal(await helpful.getAttribute('aria-pressed'), 'false');

      // Keyboard only: from the message box (focused after sending), Shift+Tab back to "Helpful".
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('kvg-input')), true);
      let onHelpful = false;
      for (let i = 0; i < 10 && !onHelpful; i += 1) {
        await page.keyboard.press('Shift+Tab');
        onHelpful = await helpful.evaluate((el) => el === document.activeElement);
      }
      assert.ok(onHelpful, '"Helpful" is reachable with Shift+Tab from the message box');
      const beforeThanks = await messageCount(page);
      await page.keyboard.press('Enter');

      // (a) pressed, and neither button takes a second choice
      assert.equal(await helpful.getAttribute('aria-pressed'), 'true');
      assert.equal(await notHelpful.getAttribute('aria-pressed'), 'false');
      assert.equal(await helpful.isDisabled(), true);
      assert.equal(await notHelpful.isDisabled(), true);
      await waitForAnswer(page, beforeThanks, { accept: (t) => /thank you for the feedback/i.test(t) });

      // (b) the real tracker holds a feedback event naming the answer the widget showed
      const { sessionId, shown } = await page.evaluate(() => {
        const widget = window.KoreaVisaGuide.instances[0];
        return { sessionId: widget.sessionId, shown: widget.history.map(({ role, text }) => ({ role, text })) };
      });
      const rated = shown.filter(isFactualAnswer).at(-1);
      assert.ok(rated && isTopTierFact(rated.text), 'the widget kept the answer');
      const { tracker, feedback } = await storedFeedback(page, sessionId);
      assert.equal(feedback.length, 1, `one feedback event in ${JSON.stringify(tracker.events.map((e) => e.event))}`);
      assert.deepEqual(entityValues(feedback[0]), { feedback: 'helpful', answer_id: answerId(rated.text) });
      const answered = tracker.events.slice(0, tracker.events.indexOf(feedback[0]))
        .filter((e) => e.event === 'bot' && isFactualAnswer({ role: 'bot', text: e.text }));
      assert.equal(answerId(answered.at(-1)?.text), answerId(rated.text), 'the id names the answer Rasa stored');

      // (c) after a reload the choice is still shown and the pair stays disabled
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('.kvg-root .kvg-launcher');
      if (await widget(page).panel.isHidden()) await widget(page).launcher.click();
      ({ helpful, notHelpful } = buttons());
      assert.equal(await helpful.getAttribute('aria-pressed'), 'true', 'the choice survives the reload');
      assert.equal(await notHelpful.getAttribute('aria-pressed'), 'false');
      assert.equal(await helpful.isDisabled(), true);
      assert.equal(await notHelpful.isDisabled(), true);
      assertClean(b);
    } finally {
      await b.close();
    }
  });
});

describe('accessibility and small screens', { skip }, () => {
  test('axe-core finds no serious or critical violations with the widget open', T, async () => {
    const b = await openBrowser();
    try {
      const w = await loadDemo(b);
      await w.launcher.click();
      await waitConnected(b.page);
      const n = await ask(b.page, TOP_TIER_QUESTION);
      await waitForAnswer(b.page, n, { accept: isTopTierFact });
      await enabledQuickReplies(b.page);
      const violations = await runAxe(b.page);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `serious/critical axe violations:\n${JSON.stringify(bad, null, 2)}`);
      if (violations.length) console.log('# axe (minor/moderate):', violations.map((v) => `${v.id}(${v.impact})`).join(', '));
      assertClean(b);
    } finally {
      await b.close();
    }
  });

  test('390x844 phone: full-width panel, reduced motion respected, screenshot saved', T, async () => {
    const b = await openBrowser({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
    });
    try {
      const w = await loadDemo(b);
      await w.launcher.click();
      const box = await w.panel.boundingBox();
      assert.equal(Math.round(box.width), 390, 'panel is full width on a phone');
      assert.equal(await w.panel.evaluate((el) => getComputedStyle(el).animationName), 'none');
      await waitConnected(b.page);
      const n = await ask(b.page, TOP_TIER_QUESTION);
      await waitForAnswer(b.page, n, { accept: isTopTierFact });
      const violations = await runAxe(b.page);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `serious/critical axe violations on phone:\n${JSON.stringify(bad, null, 2)}`);
      await b.page.locator('.kvg-input').blur();
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await b.page.screenshot({ path: SCREENSHOT });
      assertClean(b);
    } finally {
      await b.close();
    }
  });

  test('shows "No answer yet..." when the server does not answer within the timeout', T, async () => {
    const b = await openBrowser();
    try {
      await loadDemo(b);
      const page = b.page;
      // A second widget pointed at a closed port, with a short reply timeout.
      await page.evaluate(() => {
        window.KoreaVisaGuide.instances[0].destroy();
        window.KoreaVisaGuide.init({
          serverUrl: 'http://127.0.0.1:9',
          storageNamespace: 'kvg-timeout-test',
          replyTimeoutMs: 1500,
          open: true,
        });
      });
      b.allowOrigin('http://127.0.0.1:9');
      await page.locator('.kvg-input').fill('anyone there?');
      await page.locator('.kvg-input').press('Enter');
      await page.waitForSelector('.kvg-typing:not([hidden])');
      await page.waitForSelector('.kvg-msg-system', { timeout: 10000 });
      assert.match(await page.locator('.kvg-msg-system').innerText(), /No answer yet/);
      assert.equal(await page.locator('.kvg-typing').isHidden(), true);
      assert.match(await page.locator('.kvg-status').innerText(), /Connecting|Reconnecting/);
      assert.deepEqual(b.problems.pageErrors, []);
    } finally {
      await b.close();
    }
  });
});
