// Unit tests of the widget logic that need no server and no browser:
// the safe markdown-lite renderer, bot message normalisation and the
// contrast-safe theme. Run: node --test web/tests/render.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseMessage, parseInline, renderMessage, safeUrl, inlineText } from '../src/render.js';
import {
  normaliseBotMessage,
  isEmptyMessage,
  isFactualAnswer,
  answerId,
  feedbackPayload,
  FEEDBACK_CHOICES,
  givenFeedback,
} from '../src/messages.js';
import { buildTheme, contrast, parseHex } from '../src/colors.js';

// --- a minimal DOM that forbids every HTML-parsing entry point -------------
class FakeNode {
  constructor(doc) {
    this.ownerDocument = doc;
    this.childNodes = [];
  }
  appendChild(child) {
    this.childNodes.push(child);
    child.parentNode = this;
    return child;
  }
  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
}
class FakeText extends FakeNode {
  constructor(doc, data) {
    super(doc);
    this.nodeType = 3;
    this.data = String(data);
  }
  get textContent() {
    return this.data;
  }
}
class FakeElement extends FakeNode {
  constructor(doc, tag) {
    super(doc);
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
  }
  setAttribute(name, value) {
    if (/^on/i.test(name)) throw new Error(`event handler attribute set: ${name}`);
    this.attributes.set(name, String(value));
  }
  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  set className(v) {
    this.attributes.set('class', v);
  }
  get className() {
    return this.getAttribute('class') || '';
  }
  set innerHTML(_) {
    throw new Error('innerHTML must never be used');
  }
  insertAdjacentHTML() {
    throw new Error('insertAdjacentHTML must never be used');
  }
  querySelectorAll(tag) {
    const out = [];
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === 1) {
          if (c.tagName === tag.toUpperCase()) out.push(c);
          walk(c);
        }
      }
    };
    walk(this);
    return out;
  }
}
class FakeDocument {
  constructor() {
    this.created = [];
  }
  createElement(tag) {
    const e = new FakeElement(this, tag);
    this.created.push(e.tagName);
    return e;
  }
  createTextNode(text) {
    return new FakeText(this, text);
  }
  write() {
    throw new Error('document.write must never be used');
  }
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function html(node) {
  if (node.nodeType === 3) return esc(node.data);
  const tag = node.tagName.toLowerCase();
  const attrs = [...node.attributes]
    .filter(([k]) => k !== 'class')
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  return `<${tag}${attrs}>${node.childNodes.map(html).join('')}</${tag}>`;
}
function render(text) {
  const doc = new FakeDocument();
  const root = doc.createElement('div');
  renderMessage(doc, root, text);
  return { doc, root, out: root.childNodes.map(html).join('') };
}
const SR = '<span> (opens in a new tab)</span>';

// --- renderer ----------------------------------------------------------------
test('plain text becomes one line', () => {
  assert.equal(render('Hello there').out, '<p>Hello there</p>');
});

test('HTML in messages is literal text, never markup', () => {
  const evil = '<img src=x onerror="window.__xss=1"> and <b>bold</b> <script>alert(1)</script>';
  const { doc, root, out } = render(evil);
  assert.equal(root.textContent, evil);
  assert.deepEqual(doc.created, ['DIV', 'P']);
  assert.ok(out.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'));
  assert.ok(out.includes('&lt;b&gt;bold&lt;/b&gt;'));
  assert.equal(root.querySelectorAll('img').length, 0);
  assert.equal(root.querySelectorAll('b').length, 0);
  assert.equal(root.querySelectorAll('script').length, 0);
});

test('entities are not decoded', () => {
  assert.equal(render('&lt;b&gt; &amp;').root.textContent, '&lt;b&gt; &amp;');
});

test('**bold** and _italic_ become strong/em', () => {
  assert.equal(render('The **Top-Tier visa** is _new_.').out, '<p>The <strong>Top-Tier visa</strong> is <em>new</em>.</p>');
  assert.equal(render('__also bold__ and *also italic*').out, '<p><strong>also bold</strong> and <em>also italic</em></p>');
  assert.equal(render('**bold with _italic_ inside**').out, '<p><strong>bold with <em>italic</em> inside</strong></p>');
});

test('markup inside emphasis stays literal', () => {
  const { root, out } = render('**<img src=x onerror=alert(1)>**');
  assert.equal(out, '<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong></p>');
  assert.equal(root.querySelectorAll('img').length, 0);
});

test('underscores and asterisks inside words are not emphasis', () => {
  assert.equal(render('snake_case_name and 2*3*4').out, '<p>snake_case_name and 2*3*4</p>');
  assert.equal(render('** not bold ** and _ nope _').out, '<p>** not bold ** and _ nope _</p>');
  assert.equal(render('unclosed **bold').out, '<p>unclosed **bold</p>');
});

test('http(s) URLs become safe links opening in a new tab', () => {
  const { root, out } = render('See https://www.hikorea.go.kr/info.pt?x=1&y=2.');
  assert.equal(
    out,
    `<p>See <a href="https://www.hikorea.go.kr/info.pt?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">https://www.hikorea.go.kr/info.pt?x=1&amp;y=2${SR}</a>.</p>`,
  );
  const [a] = root.querySelectorAll('a');
  assert.equal(a.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(a.getAttribute('target'), '_blank');
});

test('URL trailing punctuation and parentheses', () => {
  const r = render('(see https://example.org/a_(b)) or http://example.com/x_y, then go');
  const links = r.root.querySelectorAll('a').map((a) => a.getAttribute('href'));
  assert.deepEqual(links, ['https://example.org/a_(b)', 'http://example.com/x_y']);
  assert.ok(r.root.textContent.startsWith('(see https://example.org/a_(b)'));
});

test('markdown links [label](url) with safe schemes only', () => {
  const { out } = render('Apply on [HiKorea](https://www.hikorea.go.kr) today');
  assert.equal(out, `<p>Apply on <a href="https://www.hikorea.go.kr/" target="_blank" rel="noopener noreferrer">HiKorea${SR}</a> today</p>`);
  const bad = render('[click](javascript:alert(1)) and [x](data:text/html,hi)');
  assert.equal(bad.root.querySelectorAll('a').length, 0);
  assert.equal(bad.root.textContent, '[click](javascript:alert(1)) and [x](data:text/html,hi)');
});

test('non-http schemes are never linked', () => {
  const { root } = render('javascript:alert(1) data:text/html;base64,xx vbscript:x file:///etc/passwd');
  assert.equal(root.querySelectorAll('a').length, 0);
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('https://x.org'), 'https://x.org/');
});

test('quotes cannot break out of the href attribute', () => {
  const { root } = render('https://example.org/"onmouseover="alert(1)');
  const [a] = root.querySelectorAll('a');
  assert.equal(a.getAttribute('href'), 'https://example.org/');
  assert.equal(root.textContent.replace(' (opens in a new tab)', ''), 'https://example.org/"onmouseover="alert(1)');
});

test('newlines become separate lines and bullets a list', () => {
  const text = 'Benefits:\n- multiple entry\n• family can join\n* up to **5 years**\n\nMore soon.';
  assert.equal(
    render(text).out,
    '<p>Benefits:</p><ul><li>multiple entry</li><li>family can join</li><li>up to <strong>5 years</strong></li></ul>' +
      '<div aria-hidden="true"></div><p>More soon.</p>',
  );
});

test('parseMessage collapses blank lines and trims', () => {
  assert.deepEqual(
    parseMessage('\r\n a \r\n\r\n\r\n b \n\n').map((b) => b.type),
    ['line', 'gap', 'line'],
  );
  assert.deepEqual(parseMessage(''), []);
  assert.deepEqual(parseMessage(null), []);
  assert.equal(inlineText(parseInline('**a** _b_ https://c.d')), 'a b https://c.d');
});

test('deeply nested emphasis terminates', () => {
  const text = '**_'.repeat(50) + 'x' + '_**'.repeat(50);
  assert.ok(render(text).root.textContent.includes('x'));
});

// --- bot message normalisation --------------------------------------------------
test('normalises Rasa text + quick_replies', () => {
  const m = normaliseBotMessage({
    text: 'Pick one',
    quick_replies: [
      { content_type: 'text', title: 'Top-Tier', payload: '/ask_overview{"programme":"top-tier"}' },
      { title: '', payload: 'x' },
      'junk',
    ],
  });
  assert.equal(m.text, 'Pick one');
  assert.deepEqual(m.quickReplies, [{ title: 'Top-Tier', payload: '/ask_overview{"programme":"top-tier"}' }]);
});

test('normalises buttons, image attachments, templates and custom', () => {
  assert.deepEqual(normaliseBotMessage({ text: 'b', buttons: [{ title: 'Yes', payload: '/affirm' }] }).quickReplies, [
    { title: 'Yes', payload: '/affirm' },
  ]);
  const img = normaliseBotMessage({ attachment: { type: 'image', payload: { src: 'https://x.org/a.png' } } });
  assert.deepEqual(img.links, [{ href: 'https://x.org/a.png', text: 'View image' }]);
  const jsImg = normaliseBotMessage({ attachment: { type: 'image', payload: { src: 'javascript:alert(1)' } } });
  assert.ok(isEmptyMessage(jsImg));
  const tpl = normaliseBotMessage({
    attachment: {
      type: 'template',
      payload: {
        template_type: 'generic',
        elements: { title: 'T', subtitle: 'S', buttons: [{ type: 'postback', title: 'Go', payload: '/go' }, { type: 'web_url', title: 'Site', url: 'https://k.org' }] },
      },
    },
  });
  assert.equal(tpl.text, '**T**\nS');
  assert.deepEqual(tpl.quickReplies, [{ title: 'Go', payload: '/go' }]);
  assert.deepEqual(tpl.links, [{ href: 'https://k.org/', text: 'Site' }]);
  const custom = normaliseBotMessage({ custom: { text: 'hi', kind: 'x' } });
  assert.equal(custom.text, 'hi');
  assert.deepEqual(custom.custom, { text: 'hi', kind: 'x' });
  assert.equal(normaliseBotMessage('plain').text, 'plain');
  assert.ok(isEmptyMessage(normaliseBotMessage(null)));
  assert.equal(normaliseBotMessage({ text: { toString: () => '<b>' } }).text, '');
});

// --- theme contrast ------------------------------------------------------------
test('theme colours meet WCAG AA for any primary colour', () => {
  const white = [255, 255, 255];
  const bubble = [241, 243, 246];
  for (const c of ['#0b5fff', '#ffeb3b', '#00ff00', '#777777', '#000000', '#ffffff', '#f0f', 'nonsense', undefined]) {
    const t = buildTheme(c);
    assert.ok(contrast(parseHex(t.onPrimary), parseHex(t.primary)) >= 4.5, `${c}: text on primary`);
    assert.ok(contrast(parseHex(t.accent), white) >= 4.5, `${c}: accent on white`);
    assert.ok(contrast(parseHex(t.accent), bubble) >= 4.5, `${c}: accent on bubble`);
  }
  assert.equal(buildTheme('#0b5fff').primary, '#0b5fff');
});

// --- feedback on factual answers -----------------------------------------------
test('only sourced bot answers get feedback buttons, with an id the insights report can recompute', () => {
  const answer = 'Top-Tier visa: in force.\nSources: Korea Times, 5 Mar 2025 \u2014 \u00fc';
  assert.ok(isFactualAnswer({ role: 'bot', text: answer }));
  assert.ok(!isFactualAnswer({ role: 'bot', text: 'Hello! What would you like to know?' }));
  assert.ok(!isFactualAnswer({ role: 'user', text: answer }));
  assert.ok(!isFactualAnswer({ role: 'bot', text: 'My Sources: none' }));
  assert.ok(isFactualAnswer({ role: 'bot', text: '**D-10**: at least 60 of 190 points (in force; x, 2026)\nNot legal advice: confirm with 1345.' }));
  assert.equal(answerId(answer), 'a6953fd35'); // the same value as tests/insights/test_feedback.py
  assert.notEqual(answerId(answer), answerId(`${answer}.`));
  const payload = feedbackPayload('not_helpful', answerId(answer));
  assert.equal(payload, '/feedback{"feedback":"not_helpful","answer_id":"a6953fd35"}');
});

test('the feedback kept with a stored answer is read back only when it is one of the choices', () => {
  assert.deepEqual(FEEDBACK_CHOICES.map(([value]) => value), ['helpful', 'not_helpful']);
  const answer = { role: 'bot', text: 'Top-Tier visa: in force.\nSources: Korea Times' };
  assert.equal(givenFeedback(answer), '');
  assert.equal(givenFeedback({ ...answer, feedback: 'helpful' }), 'helpful');
  assert.equal(givenFeedback({ ...answer, feedback: 'not_helpful' }), 'not_helpful');
  // the history comes from localStorage, which anything on the page can change
  for (const odd of ['yes', 'Helpful', '', 1, true, null, ['helpful'], { helpful: true }]) {
    assert.equal(givenFeedback({ ...answer, feedback: odd }), '', JSON.stringify(odd));
  }
  assert.equal(givenFeedback(null), '');
  assert.equal(givenFeedback(undefined), '');
});
