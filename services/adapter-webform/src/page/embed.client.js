// The embeddable snippet: `<script src="https://omni.example.com/channels/webform/default/embed.js" async></script>`
// puts the form in an iframe right after the script tag. The form page itself decides
// where it may be framed (CSP frame-ancestors from the account's allowedOrigins), and it
// reports its height so the frame grows with it instead of scrolling.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const base = script.src.replace(/\/embed\.js(\?.*)?$/, '');
  const origin = new URL(base).origin;
  const params = new URLSearchParams({ embed: '1' });
  const lang = script.getAttribute('data-lang');
  if (lang) params.set('lang', lang);
  const frame = document.createElement('iframe');
  frame.src = `${base}?${params}`;
  frame.title = script.getAttribute('data-title') || document.title || 'Contact form';
  frame.style.cssText = 'display:block;width:100%;min-height:40rem;border:0;';
  window.addEventListener('message', (e) => {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    const data = e.data;
    if (data && data.type === 'omni-webform:height' && typeof data.height === 'number') {
      frame.style.minHeight = '0';
      frame.style.height = `${Math.min(Math.max(data.height, 200), 5000)}px`;
    }
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
