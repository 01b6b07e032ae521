/** What the browser shows after the platform sends the creator back to Switchboard. */
export interface CallbackPage {
  status: number;
  ok: boolean;
  title: string;
  message: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Headers for every listener answer: nothing to load, nothing to leak through a Referer. */
export const CALLBACK_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** A small self-contained page; everything echoed is escaped, and it never holds a token. */
export function renderCallbackPage(page: CallbackPage): string {
  const accent = page.ok ? '#1a7f37' : '#b42318';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — Switchboard</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1f2328}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002;border-top:6px solid ${accent}}
h1{font-size:1.4rem;margin:0 0 .5rem}@media (prefers-color-scheme:dark){body{background:#111418;color:#e6e8eb}main{background:#1c2128}}</style>
</head><body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></main></body></html>`;
}
