// Persistence of the Rasa session id and of the rendered conversation.
// localStorage may be unavailable (privacy mode, sandboxed iframes): every
// access is guarded and the widget then simply works without persistence.

const MAX_HISTORY = 200;

function store(kind) {
  try {
    const s = kind === 'session' ? window.sessionStorage : window.localStorage;
    const probe = '__kvg_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch (_) {
    return null;
  }
}

export function newSessionId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Persistence {
  constructor(namespace) {
    this.ns = namespace;
    this.local = store('local');
    this.session = store('session');
  }

  get(key, kind = 'local') {
    const s = kind === 'local' ? this.local : this.session;
    try {
      return s ? s.getItem(`${this.ns}:${key}`) : null;
    } catch (_) {
      return null;
    }
  }

  set(key, value, kind = 'local') {
    const s = kind === 'local' ? this.local : this.session;
    try {
      if (!s) return;
      if (value === null || value === undefined) s.removeItem(`${this.ns}:${key}`);
      else s.setItem(`${this.ns}:${key}`, value);
    } catch (_) {
      /* quota exceeded or storage disabled: ignore */
    }
  }

  /** The persisted Rasa session id, created when missing. */
  sessionId() {
    let id = this.get('session_id');
    if (!id || !/^[A-Za-z0-9_-]{8,128}$/.test(id)) {
      id = newSessionId();
      this.set('session_id', id);
    }
    return id;
  }

  resetSessionId() {
    const id = newSessionId();
    this.set('session_id', id);
    return id;
  }

  setSessionId(id) {
    this.set('session_id', id);
  }

  loadHistory(sessionId) {
    const raw = this.get(`history:${sessionId}`);
    if (!raw) return [];
    try {
      const items = JSON.parse(raw);
      return Array.isArray(items) ? items.filter((m) => m && typeof m === 'object') : [];
    } catch (_) {
      return [];
    }
  }

  saveHistory(sessionId, items) {
    this.set(`history:${sessionId}`, JSON.stringify(items.slice(-MAX_HISTORY)));
  }

  clearHistory(sessionId) {
    this.set(`history:${sessionId}`, null);
  }
}
