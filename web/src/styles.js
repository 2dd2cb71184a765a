// Widget CSS. Every selector is scoped under .kvg-root with kvg- prefixed
// class names so it neither leaks into nor depends on the host page.
// Theme colours come from CSS custom properties set on the root element.
// System fonts only: the widget never fetches fonts or images.

export const STYLE_ID = 'kvg-styles';

export const CSS = `
.kvg-root{--kvg-primary:#0b5fff;--kvg-on-primary:#fff;--kvg-accent:#0b5fff;--kvg-ink:#1a1a1a;--kvg-muted:#545b66;--kvg-bubble:#f1f3f6;--kvg-border:#767676;
position:fixed;right:20px;bottom:20px;z-index:2147483000;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",Arial,sans-serif;font-size:15px;line-height:1.45;color:var(--kvg-ink);text-align:left;letter-spacing:normal}
.kvg-root :is(div,section,header,form,p,h2,ul,li,span,a,button,input,label,strong,em,svg){margin:0;padding:0;border:0;background:none;box-shadow:none;float:none;width:auto;height:auto;min-width:0;max-width:none;min-height:0;font:inherit;color:inherit;text-transform:none;text-decoration:none;text-shadow:none;letter-spacing:normal;vertical-align:baseline;transform:none;position:static}
.kvg-root.kvg-left{right:auto;left:20px}
.kvg-root strong{font-weight:700}
.kvg-root em{font-style:italic}
.kvg-root *,.kvg-root *::before,.kvg-root *::after{box-sizing:border-box}
.kvg-root .kvg-sr-only{position:absolute!important;width:1px!important;height:1px!important;padding:0!important;margin:-1px!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.kvg-root button{font:inherit;cursor:pointer;margin:0}
.kvg-root button:disabled{cursor:default}
.kvg-root :focus{outline:none}
.kvg-root :focus-visible{outline:3px solid var(--kvg-accent);outline-offset:2px}
.kvg-root .kvg-launcher{display:flex;align-items:center;gap:8px;min-height:56px;padding:0 20px 0 16px;border:2px solid var(--kvg-on-primary);border-radius:28px;background:var(--kvg-primary);color:var(--kvg-on-primary);font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.28);transition:transform .15s ease}
.kvg-root .kvg-launcher:hover{transform:translateY(-1px)}
.kvg-root .kvg-launcher:focus-visible{outline:3px solid var(--kvg-accent);outline-offset:3px;box-shadow:0 0 0 3px #fff,0 4px 14px rgba(0,0,0,.28)}
.kvg-root .kvg-launcher svg,.kvg-root .kvg-icon-btn svg,.kvg-root .kvg-send svg{width:24px;height:24px;flex:none;fill:currentColor}
.kvg-root .kvg-panel{position:absolute;right:0;bottom:72px;width:380px;height:min(600px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid #c4c8cf;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;animation:kvg-in .18s ease-out}
.kvg-root.kvg-left .kvg-panel{right:auto;left:0}
.kvg-root .kvg-panel[hidden]{display:none}
@keyframes kvg-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
.kvg-root .kvg-header{display:flex;align-items:center;gap:6px;padding:10px 8px 10px 16px;background:var(--kvg-primary);color:var(--kvg-on-primary)}
.kvg-root .kvg-heading{flex:1;min-width:0}
.kvg-root .kvg-title{margin:0;padding:0;font-size:17px;font-weight:700;line-height:1.25;color:inherit;font-family:inherit}
.kvg-root .kvg-status{margin:2px 0 0;font-size:13px;line-height:1.3;color:inherit}
.kvg-root .kvg-status::before{content:"";display:inline-block;width:8px;height:8px;margin-right:6px;border-radius:50%;background:currentColor;opacity:.55;vertical-align:1px}
.kvg-root .kvg-status.kvg-online::before{opacity:1}
.kvg-root .kvg-icon-btn{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;padding:0;border:0;border-radius:8px;background:transparent;color:inherit}
.kvg-root .kvg-icon-btn:hover{background:rgba(127,127,127,.25)}
.kvg-root .kvg-header :focus-visible{outline-color:var(--kvg-on-primary);outline-offset:-3px}
.kvg-root .kvg-log{flex:1;overflow-y:auto;padding:14px 12px;display:flex;flex-direction:column;gap:10px;background:#fff;overscroll-behavior:contain}
.kvg-root .kvg-log:focus-visible{outline-offset:-3px}
.kvg-root .kvg-msg{display:flex;flex-direction:column;max-width:88%;flex:none}
.kvg-root .kvg-msg-bot{align-self:flex-start}
.kvg-root .kvg-msg-user{align-self:flex-end;align-items:flex-end}
.kvg-root .kvg-msg-system{align-self:center;max-width:95%}
.kvg-root .kvg-bubble{padding:9px 13px;border-radius:14px;overflow-wrap:anywhere;word-break:break-word}
.kvg-root .kvg-msg-bot .kvg-bubble{background:var(--kvg-bubble);color:var(--kvg-ink);border-bottom-left-radius:4px}
.kvg-root .kvg-msg-user .kvg-bubble{background:var(--kvg-primary);color:var(--kvg-on-primary);border-bottom-right-radius:4px;white-space:pre-wrap}
.kvg-root .kvg-msg-system .kvg-bubble{background:#fff;color:var(--kvg-muted);border:1px dashed var(--kvg-border);font-size:14px;text-align:center}
.kvg-root .kvg-line{margin:0;padding:0}
.kvg-root .kvg-gap{height:.6em}
.kvg-root .kvg-list{margin:.2em 0;padding:0 0 0 1.2em;list-style:disc}
.kvg-root .kvg-list li{margin:.15em 0;padding:0}
.kvg-root .kvg-link{color:var(--kvg-accent);text-decoration:underline;text-underline-offset:2px}
.kvg-root .kvg-msg-user .kvg-link{color:inherit}
.kvg-root .kvg-links{display:flex;flex-direction:column;gap:4px;margin-top:6px}
.kvg-root .kvg-quick{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.kvg-root .kvg-qr{min-height:36px;padding:6px 12px;border:1.5px solid var(--kvg-accent);border-radius:18px;background:#fff;color:var(--kvg-accent);font-size:14px;font-weight:600;text-align:left}
.kvg-root .kvg-qr:hover:not(:disabled){background:var(--kvg-accent);color:#fff}
.kvg-root .kvg-qr:disabled{border-color:#c4c8cf;color:#545b66;background:#f6f7f9}
.kvg-root .kvg-feedback{align-items:center}.kvg-root .kvg-feedback-label{font-size:13px;color:#545b66;margin-right:4px}
.kvg-root .kvg-qr[aria-pressed=true]{border-color:var(--kvg-accent);color:var(--kvg-accent);font-weight:700}
.kvg-root .kvg-typing{display:flex;align-items:center;gap:8px;padding:4px 16px 8px;color:var(--kvg-muted);font-size:13px}
.kvg-root .kvg-typing[hidden]{display:none}
.kvg-root .kvg-dots{display:inline-flex;gap:4px;padding:8px 10px;border-radius:12px;background:var(--kvg-bubble)}
.kvg-root .kvg-dots span{width:7px;height:7px;border-radius:50%;background:#545b66;animation:kvg-bounce 1.2s infinite ease-in-out}
.kvg-root .kvg-dots span:nth-child(2){animation-delay:.15s}
.kvg-root .kvg-dots span:nth-child(3){animation-delay:.3s}
@keyframes kvg-bounce{0%,80%,100%{transform:translateY(0);opacity:.5}40%{transform:translateY(-4px);opacity:1}}
.kvg-root .kvg-form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #d5d8dd;background:#fff}
.kvg-root .kvg-input{flex:1;min-width:0;min-height:44px;margin:0;padding:8px 12px;border:1.5px solid var(--kvg-border);border-radius:22px;background:#fff;color:var(--kvg-ink);font:inherit;font-size:16px}
.kvg-root .kvg-input::placeholder{color:#5d636e;opacity:1}
.kvg-root .kvg-input:focus-visible{outline:3px solid var(--kvg-accent);outline-offset:1px;border-color:var(--kvg-accent)}
.kvg-root .kvg-send{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;padding:0;border:0;border-radius:50%;background:var(--kvg-primary);color:var(--kvg-on-primary)}
.kvg-root .kvg-footnote{margin:0;padding:0 12px 8px;background:#fff;color:var(--kvg-muted);font-size:12px;text-align:center}
@media (max-width:480px){
.kvg-root{right:12px;bottom:12px}
.kvg-root.kvg-left{left:12px}
.kvg-root .kvg-panel,.kvg-root.kvg-left .kvg-panel{position:fixed;inset:0;width:100%;height:100%;height:100dvh;border:0;border-radius:0}
.kvg-root.kvg-open .kvg-launcher{display:none}
.kvg-root .kvg-msg{max-width:92%}
}
@media (prefers-reduced-motion:reduce){
.kvg-root *,.kvg-root *::before,.kvg-root *::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}
.kvg-root .kvg-dots span{opacity:.8}
}
@media (forced-colors:active){
.kvg-root .kvg-bubble,.kvg-root .kvg-qr,.kvg-root .kvg-launcher,.kvg-root .kvg-send{border:1px solid CanvasText}
}
`;
