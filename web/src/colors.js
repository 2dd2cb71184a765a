// Colour helpers that keep the configurable theme colour WCAG AA compliant.

export const DEFAULT_PRIMARY = '#0b5fff';

/** Parse "#rgb" or "#rrggbb" into [r, g, b] (0-255); null when invalid. */
export function parseHex(value) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(value ?? '').trim());
  if (!m) return null;
  let hex = m[1];
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

export function toHex(rgb) {
  return `#${rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance. */
export function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1..21). */
export function contrast(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function mix(rgb, target, t) {
  return rgb.map((v, i) => v + (target[i] - v) * t);
}

/** Darken (or lighten on dark backgrounds) `fg` until it reaches `ratio` against `bg`. */
export function ensureContrast(fg, bg, ratio = 4.5) {
  const target = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  let color = fg;
  for (let step = 0; step <= 20 && contrast(color, bg) < ratio; step += 1) {
    color = mix(fg, target, step / 20);
  }
  return color.map((v) => Math.round(v));
}

/**
 * Build the theme from a (possibly too light) brand colour:
 *  - primary: background of launcher, header, user bubbles, send button
 *  - onPrimary: text/icon colour on primary (>= 4.5:1)
 *  - accent: links, focus rings and quick-reply text on white and light grey (>= 4.5:1)
 */
export function buildTheme(primaryColor) {
  const white = [255, 255, 255];
  const ink = [17, 17, 17];
  const bubble = [241, 243, 246];
  let primary = parseHex(primaryColor) || parseHex(DEFAULT_PRIMARY);
  let onPrimary;
  if (contrast(white, primary) >= 4.5) onPrimary = white;
  else if (contrast(ink, primary) >= 4.5) onPrimary = ink;
  else {
    primary = ensureContrast(primary, white, 4.5);
    onPrimary = white;
  }
  const accent = ensureContrast(ensureContrast(primary, white, 4.5), bubble, 4.5);
  return { primary: toHex(primary), onPrimary: toHex(onPrimary), accent: toHex(accent) };
}
