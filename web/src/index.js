// Entry point of the bundle dist/korea-visa-guide.js.
//
// One-tag embedding:
//   <script src=".../korea-visa-guide.js" data-server-url="http://localhost:5005"
//           data-title="Korea Visa Guide" data-primary-color="#0b5fff" defer></script>
// or programmatic: window.KoreaVisaGuide.init({ serverUrl, title, primaryColor, ... })
import { KoreaVisaGuideWidget, DEFAULTS } from './widget.js';

const VERSION = '0.1.0';
const script = typeof document !== 'undefined' ? document.currentScript : null;

// data-* attribute -> option name (data-server-url -> serverUrl)
function optionsFromScript(tag) {
  const opts = {};
  if (!tag) return opts;
  for (const key of Object.keys(DEFAULTS)) {
    if (key === 'container') continue;
    const attr = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (tag.hasAttribute(attr)) opts[key] = tag.getAttribute(attr);
  }
  if (opts.replyTimeoutMs) opts.replyTimeoutMs = Number(opts.replyTimeoutMs);
  return opts;
}

const instances = [];

function init(options = {}) {
  const start = () => {
    const widget = new KoreaVisaGuideWidget(options);
    instances.push(widget);
    return widget;
  };
  if (document.body) return start();
  // Called from <head> without defer: wait for <body>.
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(start()), { once: true });
  });
}

const api = { init, version: VERSION, instances, Widget: KoreaVisaGuideWidget };
if (typeof window !== 'undefined') {
  window.KoreaVisaGuide = Object.assign(window.KoreaVisaGuide || {}, api);
  if (script && script.hasAttribute('data-server-url') && script.getAttribute('data-auto-init') !== 'false') {
    init(optionsFromScript(script));
  }
}

export default api;
