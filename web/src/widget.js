// The Korea Visa Guide chat widget: launcher button + chat panel talking to
// Rasa's socket.io channel (events session_request / session_confirm /
// user_uttered / bot_uttered). No innerHTML anywhere: all DOM is built with
// createElement / createTextNode.
import { io } from 'socket.io-client';
import { renderMessage } from './render.js';
import {
  normaliseBotMessage,
  isEmptyMessage,
  isFactualAnswer,
  answerId,
  feedbackPayload,
  FEEDBACK_CHOICES,
  givenFeedback,
} from './messages.js';
import { Persistence } from './storage.js';
import { buildTheme } from './colors.js';
import { CSS, STYLE_ID } from './styles.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm2 5v2h12V9H6zm0 4v2h8v-2H6z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z',
  send: 'M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z',
  restart: 'M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z',
};

export const DEFAULTS = {
  serverUrl: 'http://localhost:5005',
  socketPath: '/socket.io/',
  title: 'Korea Visa Guide',
  primaryColor: '#0b5fff',
  placeholder: 'Ask about Korean visas…',
  launcherLabel: 'Ask about visas',
  initialPayload: '',
  greeting: '',
  footnote: 'General information, not legal advice.',
  position: 'right',
  open: false,
  transports: ['websocket'],
  replyTimeoutMs: 15000,
  noAnswerText:
    'No answer yet. The assistant may be busy or offline; please wait a moment or try again.',
  storageNamespace: '',
  container: null,
};

let instanceCount = 0;

function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}

function el(tag, className, attrs = {}, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  if (text !== undefined) node.appendChild(document.createTextNode(text));
  return node;
}

function injectStyles() {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  (document.head || document.documentElement).appendChild(style);
}

export class KoreaVisaGuideWidget {
  constructor(options = {}) {
    this.opts = { ...DEFAULTS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== null && v !== '') this.opts[k] = v;
    this.opts.serverUrl = String(this.opts.serverUrl).replace(/\/+$/, '');
    // socket.io reads a URL path as a namespace: a Rasa behind a path prefix
    // (https://host/rasa) is reached at the origin with path /rasa/socket.io/.
    try {
      const url = new URL(this.opts.serverUrl, window.location.href);
      if (url.pathname !== '/' && !options.socketPath) {
        this.opts.socketPath = `${url.pathname.replace(/\/+$/, '')}/socket.io/`;
      }
      this.socketOrigin = url.origin;
    } catch (_) {
      this.socketOrigin = this.opts.serverUrl;
    }
    if (typeof this.opts.transports === 'string') {
      this.opts.transports = this.opts.transports.split(',').map((t) => t.trim()).filter(Boolean);
    }
    this.uid = `kvg-${(instanceCount += 1)}`;
    this.store = new Persistence(this.opts.storageNamespace || `kvg:${this.opts.serverUrl}`);
    this.sessionId = this.store.sessionId();
    this.history = this.store.loadHistory(this.sessionId);
    this.queue = [];
    this.socket = null;
    this.confirmed = false;
    this.everConnected = false;
    this.replyTimer = null;
    this.initialSent = false;
    this.isOpen = false;

    injectStyles();
    this.build();
    this.renderHistory();
    const reopen = this.store.get('open', 'session') === '1';
    if (this.opts.open === true || this.opts.open === 'true' || reopen) this.open({ focus: false });
    else if (this.history.length) this.connect();
  }

  // ---------------------------------------------------------------- DOM
  build() {
    const { title } = this.opts;
    const theme = buildTheme(this.opts.primaryColor);
    const root = el('div', `kvg-root${this.opts.position === 'left' ? ' kvg-left' : ''}`, {
      'data-kvg-widget': '',
    });
    root.style.setProperty('--kvg-primary', theme.primary);
    root.style.setProperty('--kvg-on-primary', theme.onPrimary);
    root.style.setProperty('--kvg-accent', theme.accent);

    const panelId = `${this.uid}-panel`;
    const titleId = `${this.uid}-title`;
    const inputId = `${this.uid}-input`;

    const launcher = el('button', 'kvg-launcher', {
      type: 'button',
      // The accessible name starts with the visible text (WCAG 2.5.3 label in name).
      'aria-label': `${this.opts.launcherLabel}: ${title} chat`,
      'aria-expanded': 'false',
      'aria-controls': panelId,
    });
    launcher.appendChild(icon('chat'));
    launcher.appendChild(el('span', 'kvg-launcher-text', {}, this.opts.launcherLabel));
    launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));

    const panel = el('section', 'kvg-panel', {
      id: panelId,
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': titleId,
      hidden: true,
    });

    const header = el('div', 'kvg-header');
    const heading = el('div', 'kvg-heading');
    heading.appendChild(el('h2', 'kvg-title', { id: titleId }, title));
    const status = el('p', 'kvg-status', { role: 'status' }, 'Offline');
    heading.appendChild(status);
    header.appendChild(heading);
    const restart = el('button', 'kvg-icon-btn kvg-restart', {
      type: 'button',
      'aria-label': 'Start a new conversation',
      title: 'Start a new conversation',
    });
    restart.appendChild(icon('restart'));
    restart.addEventListener('click', () => this.restart());
    header.appendChild(restart);
    const closeBtn = el('button', 'kvg-icon-btn kvg-close', {
      type: 'button',
      'aria-label': 'Close chat',
      title: 'Close chat',
    });
    closeBtn.appendChild(icon('close'));
    closeBtn.addEventListener('click', () => this.close());
    header.appendChild(closeBtn);

    const log = el('div', 'kvg-log', {
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-label': `Conversation with ${title}`,
      tabindex: '0',
    });

    const typing = el('div', 'kvg-typing', { hidden: true });
    const dots = el('span', 'kvg-dots', { 'aria-hidden': 'true' });
    for (let i = 0; i < 3; i += 1) dots.appendChild(el('span'));
    typing.appendChild(dots);
    typing.appendChild(el('span', '', {}, `${title} is typing…`));

    const form = el('form', 'kvg-form', { 'aria-label': 'Send a message', novalidate: true });
    form.appendChild(el('label', 'kvg-sr-only', { for: inputId }, 'Your message'));
    const input = el('input', 'kvg-input', {
      id: inputId,
      type: 'text',
      name: 'message',
      autocomplete: 'off',
      maxlength: '1000',
      enterkeyhint: 'send',
      placeholder: this.opts.placeholder,
      'aria-label': 'Your message',
    });
    form.appendChild(input);
    const send = el('button', 'kvg-send', { type: 'submit', 'aria-label': 'Send message', title: 'Send message' });
    send.appendChild(icon('send'));
    form.appendChild(send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) {
        input.focus();
        return;
      }
      input.value = '';
      this.send(text);
      input.focus();
    });

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);
    if (this.opts.footnote) panel.appendChild(el('p', 'kvg-footnote', {}, this.opts.footnote));
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });

    root.appendChild(panel);
    root.appendChild(launcher);
    (this.opts.container || document.body).appendChild(root);
    Object.assign(this, { root, launcher, panel, status, log, typing, form, input });
  }

  setStatus(text, online = false) {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.classList.toggle('kvg-online', online);
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  disableQuickReplies() {
    for (const b of this.log.querySelectorAll('.kvg-qr')) b.disabled = true;
  }

  appendMessage(msg, { interactive = true } = {}) {
    const role = msg.role === 'user' ? 'user' : msg.role === 'system' ? 'system' : 'bot';
    const wrap = el('div', `kvg-msg kvg-msg-${role}`);
    const who = role === 'user' ? 'You' : role === 'bot' ? this.opts.title : 'Notice';
    const bubble = el('div', 'kvg-bubble');
    bubble.appendChild(el('span', 'kvg-sr-only', {}, `${who}: `));
    if (role === 'bot') {
      renderMessage(document, bubble, msg.text || '');
    } else {
      // User and system text is shown exactly as typed.
      bubble.appendChild(document.createTextNode(msg.text || ''));
    }
    if (role === 'bot' && Array.isArray(msg.links) && msg.links.length) {
      const links = el('div', 'kvg-links');
      renderMessage(
        document,
        links,
        msg.links.map((l) => (l.text && l.text !== l.href ? `[${l.text.replace(/[[\]]/g, '')}](${l.href})` : l.href)).join('\n'),
      );
      bubble.appendChild(links);
    }
    if (msg.text || (msg.links && msg.links.length)) wrap.appendChild(bubble);
    if (role === 'bot' && Array.isArray(msg.quickReplies) && msg.quickReplies.length) {
      const group = el('div', 'kvg-quick', { role: 'group', 'aria-label': 'Suggested replies' });
      for (const qr of msg.quickReplies) {
        const b = el('button', 'kvg-qr', { type: 'button' }, qr.title);
        b.disabled = !interactive;
        b.addEventListener('click', () => {
          if (b.disabled) return;
          this.send(qr.payload, { display: qr.title });
          this.input.focus();
        });
        group.appendChild(b);
      }
      wrap.appendChild(group);
    }
    if (isFactualAnswer(msg)) wrap.appendChild(this.feedbackButtons(msg, interactive));
    this.log.appendChild(wrap);
    this.scrollToEnd();
    return wrap;
  }

  /**
   * "Was this helpful?" with two labelled buttons under the answer `msg` (its history entry). The choice is
   * stored in the conversation, naming the answer, and kept in the entry, so a reload shows it pressed.
   */
  feedbackButtons(msg, interactive) {
    const group = el('div', 'kvg-quick kvg-feedback', { role: 'group', 'aria-label': 'Was this answer helpful?' });
    group.appendChild(el('span', 'kvg-feedback-label', { 'aria-hidden': 'true' }, 'Was this helpful?'));
    const id = answerId(msg.text);
    const given = givenFeedback(msg);
    for (const [value, title] of FEEDBACK_CHOICES) {
      const b = el('button', 'kvg-qr', { type: 'button', 'aria-pressed': String(value === given) }, title);
      // like the quick replies: only the latest answer takes feedback, and only once
      b.disabled = !interactive || Boolean(given);
      b.addEventListener('click', () => {
        if (b.disabled) return;
        for (const other of group.querySelectorAll('button')) other.disabled = true;
        b.setAttribute('aria-pressed', 'true');
        msg.feedback = value;
        this.store.saveHistory(this.sessionId, this.history);
        this.queue.push(feedbackPayload(value, id));
        this.connect();
        this.flush();
        this.input.focus(); // the pressed button is disabled now: keep the keyboard in the widget
      });
      group.appendChild(b);
    }
    return group;
  }

  renderHistory() {
    const last = this.history.length - 1;
    this.history.forEach((msg, i) => this.appendMessage(msg, { interactive: i === last && msg.role === 'bot' }));
    if (!this.history.length && this.opts.greeting) {
      this.appendMessage({ role: 'bot', text: this.opts.greeting, quickReplies: [], links: [] });
    }
  }

  /** Add `msg` to the stored history; returns its entry (feedback on it is recorded there). */
  remember(msg) {
    const { role, text, quickReplies, links } = msg;
    const entry = { role, text, quickReplies, links, ts: Date.now() };
    this.history.push(entry);
    this.store.saveHistory(this.sessionId, this.history);
    return entry;
  }

  showTyping() {
    this.typing.hidden = false;
    clearTimeout(this.replyTimer);
    this.replyTimer = setTimeout(() => {
      this.hideTyping();
      this.appendMessage({ role: 'system', text: this.opts.noAnswerText });
    }, Number(this.opts.replyTimeoutMs) || 15000);
    this.scrollToEnd();
  }

  hideTyping() {
    clearTimeout(this.replyTimer);
    this.replyTimer = null;
    this.typing.hidden = true;
  }

  // ------------------------------------------------------------ open/close
  open({ focus = true } = {}) {
    if (!this.isOpen) {
      this.isOpen = true;
      this.panel.hidden = false;
      this.root.classList.add('kvg-open');
      this.launcher.setAttribute('aria-expanded', 'true');
      this.store.set('open', '1', 'session');
      this.scrollToEnd();
    }
    this.connect();
    if (focus) this.input.focus();
  }

  close() {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.classList.remove('kvg-open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.store.set('open', null, 'session');
    this.launcher.focus();
  }

  // ------------------------------------------------------------- socket.io
  connect() {
    if (this.socket) return;
    this.setStatus('Connecting…');
    const socket = io(this.socketOrigin, {
      path: this.opts.socketPath,
      transports: this.opts.transports,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      timeout: 10000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.confirmed = false;
      socket.emit('session_request', { session_id: this.sessionId });
    });
    socket.on('session_confirm', (data) => this.onSessionConfirm(data));
    socket.on('bot_uttered', (data) => this.onBotUttered(data));
    socket.on('disconnect', () => {
      this.confirmed = false;
      this.setStatus('Reconnecting…');
    });
    socket.on('connect_error', () => {
      this.confirmed = false;
      this.setStatus(this.everConnected ? 'Reconnecting…' : 'Connecting…');
      if (!socket.active) {
        // The server refused the connection (e.g. middleware): retry later.
        setTimeout(() => {
          if (this.socket === socket && !socket.connected) socket.connect();
        }, 4000);
      }
    });
    socket.io.on('reconnect_attempt', () => this.setStatus('Reconnecting…'));
  }

  onSessionConfirm(data) {
    const id = typeof data === 'string' ? data : data && data.session_id;
    if (id && id !== this.sessionId) {
      // Adopt the id chosen by the server and keep the rendered history.
      this.store.clearHistory(this.sessionId);
      this.sessionId = String(id);
      this.store.setSessionId(this.sessionId);
      this.store.saveHistory(this.sessionId, this.history);
    }
    this.confirmed = true;
    this.everConnected = true;
    this.setStatus('Connected', true);
    if (!this.initialSent && this.opts.initialPayload && this.history.length === 0 && this.queue.length === 0) {
      this.initialSent = true;
      this.send(this.opts.initialPayload, { silent: true });
      return;
    }
    this.flush();
  }

  onBotUttered(data) {
    const msg = normaliseBotMessage(data);
    if (msg.custom !== undefined) {
      this.root.dispatchEvent(new CustomEvent('korea-visa-guide:custom', { bubbles: true, detail: msg.custom }));
      if (msg.custom && msg.custom.forgotten === true) {
        // "forget me": the server deleted the conversation, so the browser keeps no copy either
        this.store.clearHistory(this.sessionId);
        this.history = [];
        return;
      }
    }
    if (isEmptyMessage(msg)) return;
    this.hideTyping();
    this.disableQuickReplies();
    this.appendMessage(this.remember(msg));
  }

  flush() {
    while (this.queue.length && this.socket && this.socket.connected && this.confirmed) {
      const message = this.queue.shift();
      this.socket.emit('user_uttered', { message, session_id: this.sessionId });
    }
  }

  /** Send `payload` to Rasa; `display` is what the user sees (e.g. a button title). */
  send(payload, { display, silent = false } = {}) {
    const message = String(payload ?? '').trim();
    if (!message) return;
    this.disableQuickReplies();
    if (!silent) {
      const msg = { role: 'user', text: display || message };
      this.appendMessage(msg);
      this.remember(msg);
    }
    this.queue.push(message);
    this.showTyping();
    this.connect();
    this.flush();
  }

  /** Forget this conversation and start a fresh Rasa session. */
  restart() {
    this.hideTyping();
    this.store.clearHistory(this.sessionId);
    this.sessionId = this.store.resetSessionId();
    this.history = [];
    this.queue = [];
    this.initialSent = false;
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    this.renderHistory();
    if (this.socket) {
      // A new socket id leaves the old session's room.
      this.socket.disconnect();
      this.socket.connect();
    } else {
      this.connect();
    }
    this.input.focus();
  }

  destroy() {
    this.hideTyping();
    if (this.socket) this.socket.close();
    this.socket = null;
    this.root.remove();
  }
}
