// Shared helpers for the real-browser tests (not a test file itself).
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core: no browser
// is ever downloaded. Each launch gets a fresh, temporary user-data-dir.
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const PAGE_URL = process.env.PAGE_URL || '';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ANSWER_TIMEOUT = Number(process.env.ANSWER_TIMEOUT_MS || 60000);
export const RASA_TOKEN = process.env.RASA_AUTH_TOKEN || '';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launch Chromium with a fresh user-data-dir and return {context, page, close}.
 * `contextOptions` are Playwright browser-context options (viewport, reducedMotion, ...).
 */
export async function openBrowser(contextOptions = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kvg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = { pageErrors: [], outside: [] };
  const allowed = new Set([new URL(PAGE_URL).origin]);
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!allowed.has(url.origin)) problems.outside.push(req.url());
  });
  return {
    context,
    page,
    problems,
    /** Origins the page may talk to: the demo server and the Rasa server. */
    allowOrigin(origin) {
      allowed.add(origin);
      problems.outside = problems.outside.filter((u) => new URL(u).origin !== origin);
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The Rasa server that the page's script tag points at (no trailing slash). */
export async function rasaUrl(page) {
  const url = await page.getAttribute('script[data-server-url]', 'data-server-url');
  return new URL(url).href.replace(/\/+$/, '');
}

/** Origin of the Rasa server that the page's script tag points at. */
export async function rasaOrigin(page) {
  return new URL(await rasaUrl(page)).origin;
}

/**
 * The conversation of `senderId` as Rasa's tracker store holds it, read by this test process (not the page)
 * over Rasa's HTTP API with the token in RASA_AUTH_TOKEN (tests/browser passes the test server's token).
 */
export async function readTracker(page, senderId) {
  if (!RASA_TOKEN) throw new Error('RASA_AUTH_TOKEN is not set: the token of the Rasa behind PAGE_URL');
  const url = `${await rasaUrl(page)}/conversations/${encodeURIComponent(senderId)}/tracker`
    + `?token=${encodeURIComponent(RASA_TOKEN)}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET /conversations/…/tracker: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Load the demo page and return the widget's main locators. */
export async function loadDemo(b) {
  await b.page.goto(PAGE_URL, { waitUntil: 'load' });
  b.allowOrigin(await rasaOrigin(b.page));
  const page = b.page;
  await page.waitForSelector('.kvg-root .kvg-launcher');
  return widget(page);
}

export function widget(page) {
  return {
    launcher: page.locator('.kvg-launcher'),
    panel: page.locator('.kvg-panel'),
    log: page.locator('.kvg-log'),
    input: page.locator('.kvg-input'),
    status: page.locator('.kvg-status'),
    userMessages: page.locator('.kvg-msg-user'),
    botMessages: page.locator('.kvg-msg-bot'),
  };
}

/** Wait until the widget reports a confirmed Rasa session. */
export async function waitConnected(page, timeout = ANSWER_TIMEOUT) {
  await page.waitForFunction(() => document.querySelector('.kvg-status')?.textContent === 'Connected', null, {
    timeout,
  });
}

/** Number of messages currently in the log. */
export async function messageCount(page) {
  return page.locator('.kvg-log .kvg-msg').count();
}

/**
 * Wait for the bot's answer that follows message number `after` (a log index):
 * resolves with the joined text of all bot messages after it, once `accept(text)`
 * holds and no reply has arrived for `settleMs`.
 */
export async function waitForAnswer(page, after, { accept = (t) => t.trim().length > 0, timeout = ANSWER_TIMEOUT, settleMs = 700 } = {}) {
  const deadline = Date.now() + timeout;
  let last = '';
  let stableSince = 0;
  while (Date.now() < deadline) {
    const text = await page.evaluate((n) => {
      const msgs = [...document.querySelectorAll('.kvg-log .kvg-msg')].slice(n);
      return msgs
        .filter((m) => m.classList.contains('kvg-msg-bot'))
        .map((m) => m.innerText)
        .join('\n');
    }, after);
    if (text !== last) {
      last = text;
      stableSince = Date.now();
    } else if (accept(text) && Date.now() - stableSince >= settleMs) {
      return text;
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`no accepted bot answer within ${timeout} ms; bot text after message ${after}: ${JSON.stringify(last)}`);
}

/** Type a message into the open widget, press Enter and return the log index before it. */
export async function ask(page, text) {
  const before = await messageCount(page);
  await page.locator('.kvg-input').fill(text);
  await page.locator('.kvg-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.kvg-log .kvg-msg').length > n, before);
  return before;
}

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Run axe-core in the page and return its violations. */
export async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}
