// Normalise what Rasa's socket.io channel emits as `bot_uttered` into a small,
// storable shape: {role:'bot', text, quickReplies:[{title,payload}], links:[{href,text}], custom}
import { safeUrl } from './render.js';

function str(value, max = 4000) {
  if (typeof value === 'string') return value.slice(0, max);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function normaliseButtons(list) {
  if (!Array.isArray(list)) return [];
  const out = [];
  for (const b of list) {
    if (!b || typeof b !== 'object') continue;
    const title = str(b.title, 200).trim();
    const payload = str(b.payload ?? b.title, 2000);
    if (title && payload) out.push({ title, payload });
  }
  return out.slice(0, 12);
}

function linkFrom(src, text) {
  const href = safeUrl(str(src, 2000));
  return href ? { href, text: str(text, 200).trim() || href } : null;
}

export function normaliseBotMessage(data) {
  const msg = { role: 'bot', text: '', quickReplies: [], links: [] };
  if (typeof data === 'string') {
    msg.text = str(data);
    return msg;
  }
  if (!data || typeof data !== 'object') return msg;

  msg.text = str(data.text);
  msg.quickReplies = normaliseButtons(data.quick_replies).concat(normaliseButtons(data.buttons));

  const att = data.attachment;
  if (att && typeof att === 'object') {
    const payload = att.payload && typeof att.payload === 'object' ? att.payload : {};
    if (att.type === 'image') {
      // Images are shown as links: the widget never loads outside resources by itself.
      const link = linkFrom(payload.src || payload.url, payload.title || 'View image');
      if (link) msg.links.push(link);
    } else if (att.type === 'template' && payload.elements) {
      const elements = Array.isArray(payload.elements) ? payload.elements : [payload.elements];
      const lines = [];
      for (const el of elements) {
        if (!el || typeof el !== 'object') continue;
        if (el.title) lines.push(`**${str(el.title, 300)}**`);
        if (el.subtitle) lines.push(str(el.subtitle, 1000));
        const buttons = Array.isArray(el.buttons) ? el.buttons : [];
        for (const b of buttons) {
          if (b && b.type === 'web_url') {
            const link = linkFrom(b.url, b.title);
            if (link) msg.links.push(link);
          }
        }
        msg.quickReplies.push(...normaliseButtons(buttons.filter((b) => b && b.type !== 'web_url')));
      }
      msg.text = [msg.text, ...lines].filter(Boolean).join('\n');
    } else {
      const link = linkFrom(payload.src || payload.url || att.url, payload.title || att.title || 'Open attachment');
      if (link) msg.links.push(link);
    }
  }

  if (data.custom !== undefined) {
    msg.custom = data.custom;
    if (!msg.text && data.custom && typeof data.custom === 'object') msg.text = str(data.custom.text);
  }
  return msg;
}

/** True when a normalised message has nothing to display. */
export function isEmptyMessage(msg) {
  return !msg.text && msg.quickReplies.length === 0 && msg.links.length === 0;
}

// Factual answers end with a "Sources: ..." line or the "Not legal advice" line; the widget offers a helpful /
// not helpful pair under them.
const SOURCES_LINE = /^(?:Sources?: |Not legal advice\b)/m;

/** True for a bot message that is a sourced, factual answer. */
export function isFactualAnswer(msg) {
  return Boolean(msg) && msg.role === 'bot' && SOURCES_LINE.test(msg.text || '');
}

/** A short id for an answer: FNV-1a (32 bit) of its text, so the same text in the tracker gives the same id. */
export function answerId(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(String(text || ''))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `a${hash.toString(16).padStart(8, '0')}`;
}

/** The feedback choices under an answer: [value, button title]. */
export const FEEDBACK_CHOICES = [['helpful', 'Helpful'], ['not_helpful', 'Not helpful']];

/** The feedback kept with a stored answer ('helpful' or 'not_helpful'), or '' when none (or an unknown value). */
export function givenFeedback(entry) {
  const value = entry && entry.feedback;
  return FEEDBACK_CHOICES.some(([known]) => known === value) ? value : '';
}

/** The payload that stores feedback on an answer in the conversation (intent `feedback` in domain.yml). */
export function feedbackPayload(value, id) {
  return `/feedback${JSON.stringify({ feedback: value, answer_id: id })}`;
}
