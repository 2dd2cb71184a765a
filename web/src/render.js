// Safe "markdown-lite" renderer for chat messages.
//
// Message text is NEVER parsed as HTML: it is split into tokens by
// `parseMessage` (pure, DOM-free, unit-tested) and `renderMessage` builds the
// DOM with createElement/createTextNode only, so any HTML in a message is
// shown as literal text.
//
// Supported: http(s) URLs -> links, [label](https://...) links,
// **bold** / __bold__ -> <strong>, _italic_ / *italic* -> <em>,
// newlines -> separate lines, "- ", "• " or "* " at line start -> list items.

const URL_RE = /https?:\/\/[^\s<>"'`]+/y;
const MD_LINK_RE = /\[([^\][\n]{1,300})\]\((https?:\/\/[^\s()<>"'`]+(?:\([^\s()<>"'`]*\)[^\s()<>"'`]*)*)\)/y;
const BULLET_RE = /^\s*[-*\u2022]\s+(.*)$/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Returns the URL if it is a safe absolute http(s) URL, otherwise null. */
export function safeUrl(candidate) {
  try {
    const url = new URL(candidate);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch (_) {
    /* not a URL */
  }
  return null;
}

// Trim punctuation that usually ends a sentence rather than the URL itself.
function trimUrl(raw) {
  let url = raw;
  for (;;) {
    const last = url.charAt(url.length - 1);
    if (/[.,;:!?'"*_]/.test(last)) {
      url = url.slice(0, -1);
    } else if (last === ')' || last === ']' || last === '}') {
      const open = { ')': '(', ']': '[', '}': '{' }[last];
      const opens = url.split(open).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) url = url.slice(0, -1);
      else break;
    } else {
      break;
    }
  }
  return url;
}

function isWordChar(ch) {
  return ch !== '' && ch !== undefined && WORD_CHAR.test(ch);
}

// Try to read an emphasis span starting at `i` with delimiter `delim`.
function readEmphasis(text, i, delim) {
  if (!text.startsWith(delim, i)) return null;
  const start = i + delim.length;
  const first = text.charAt(start);
  if (first === '' || /\s/.test(first) || text.startsWith(delim.charAt(0), start)) return null;
  // Underscore/asterisk emphasis must not start inside a word (snake_case, 2*3*4).
  if (isWordChar(text.charAt(i - 1))) return null;
  let j = start;
  while (j < text.length) {
    const k = text.indexOf(delim, j);
    if (k === -1 || text.slice(start, k).includes('\n')) return null;
    const before = text.charAt(k - 1);
    const after = text.charAt(k + delim.length);
    if (k > start && !/\s/.test(before) && !isWordChar(after) && after !== delim.charAt(0)) {
      return { inner: text.slice(start, k), end: k + delim.length };
    }
    j = k + 1;
  }
  return null;
}

/**
 * Parse inline markup of one line into tokens:
 * {type:'text', text} | {type:'strong', children} | {type:'em', children} |
 * {type:'link', href, text}
 */
export function parseInline(text, depth = 0) {
  const tokens = [];
  let buf = '';
  const flush = () => {
    if (buf) tokens.push({ type: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '[') {
      MD_LINK_RE.lastIndex = i;
      const m = MD_LINK_RE.exec(text);
      const href = m && safeUrl(m[2]);
      if (m && href) {
        flush();
        tokens.push({ type: 'link', href, text: m[1] });
        i = MD_LINK_RE.lastIndex;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && !isWordChar(text.charAt(i - 1))) {
      URL_RE.lastIndex = i;
      const m = URL_RE.exec(text);
      if (m) {
        const raw = trimUrl(m[0]);
        const href = safeUrl(raw);
        if (href) {
          flush();
          tokens.push({ type: 'link', href, text: raw });
          i += raw.length;
          continue;
        }
      }
    }
    if ((ch === '*' || ch === '_') && depth < 4) {
      const double = ch + ch;
      let span = readEmphasis(text, i, double);
      let type = 'strong';
      if (!span) {
        span = readEmphasis(text, i, ch);
        type = 'em';
      }
      if (span) {
        flush();
        tokens.push({ type, children: parseInline(span.inner, depth + 1) });
        i = span.end;
        continue;
      }
    }
    buf += ch;
    i += 1;
  }
  flush();
  return tokens;
}

/**
 * Parse a whole message into blocks:
 * {type:'line', inline:[...]} | {type:'list', items:[[...inline], ...]} | {type:'gap'}
 */
export function parseMessage(text) {
  const source = String(text ?? '').replace(/\r\n?/g, '\n');
  const blocks = [];
  let list = null;
  for (const line of source.split('\n')) {
    const bullet = BULLET_RE.exec(line);
    if (bullet && bullet[1].trim() !== '') {
      if (!list) {
        list = { type: 'list', items: [] };
        blocks.push(list);
      }
      list.items.push(parseInline(bullet[1].trim()));
      continue;
    }
    list = null;
    if (line.trim() === '') {
      // Collapse runs of blank lines into one gap; no leading gap.
      if (blocks.length && blocks[blocks.length - 1].type !== 'gap') blocks.push({ type: 'gap' });
      continue;
    }
    blocks.push({ type: 'line', inline: parseInline(line.trim()) });
  }
  while (blocks.length && blocks[blocks.length - 1].type === 'gap') blocks.pop();
  return blocks;
}

/** Plain text of inline tokens (used for labels and tests). */
export function inlineText(tokens) {
  return tokens
    .map((t) => (t.type === 'text' || t.type === 'link' ? t.text : inlineText(t.children)))
    .join('');
}

function appendInline(doc, parent, tokens, opts) {
  for (const token of tokens) {
    if (token.type === 'text') {
      parent.appendChild(doc.createTextNode(token.text));
    } else if (token.type === 'strong' || token.type === 'em') {
      const el = doc.createElement(token.type);
      appendInline(doc, el, token.children, opts);
      parent.appendChild(el);
    } else if (token.type === 'link') {
      const a = doc.createElement('a');
      a.setAttribute('href', token.href);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
      a.className = `${opts.prefix}link`;
      a.appendChild(doc.createTextNode(token.text));
      const hint = doc.createElement('span');
      hint.className = `${opts.prefix}sr-only`;
      hint.appendChild(doc.createTextNode(' (opens in a new tab)'));
      a.appendChild(hint);
      parent.appendChild(a);
    }
  }
}

/**
 * Build DOM nodes for `text` and append them to `container`.
 * Uses only createElement / createTextNode / setAttribute / appendChild.
 */
export function renderMessage(doc, container, text, opts = {}) {
  const o = { prefix: 'kvg-', ...opts };
  for (const block of parseMessage(text)) {
    if (block.type === 'gap') {
      const gap = doc.createElement('div');
      gap.className = `${o.prefix}gap`;
      gap.setAttribute('aria-hidden', 'true');
      container.appendChild(gap);
    } else if (block.type === 'line') {
      const p = doc.createElement('p');
      p.className = `${o.prefix}line`;
      appendInline(doc, p, block.inline, o);
      container.appendChild(p);
    } else {
      const ul = doc.createElement('ul');
      ul.className = `${o.prefix}list`;
      for (const item of block.items) {
        const li = doc.createElement('li');
        appendInline(doc, li, item, o);
        ul.appendChild(li);
      }
      container.appendChild(ul);
    }
  }
  return container;
}
