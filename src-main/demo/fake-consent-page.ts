import type { FakeUser } from './fake-users';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:40px}
main{max-width:440px;margin:auto;background:#fff;border-radius:12px;padding:24px 28px;box-shadow:0 2px 10px #0002}
h1{font-size:1.3rem}ul{padding-left:1.2rem}select{width:100%;padding:6px;margin:4px 0 12px}
.buttons{display:flex;gap:12px;margin-top:20px}button{flex:1;padding:10px;font-size:1rem;border-radius:8px;border:1px solid #888;cursor:pointer}
button[value=allow]{background:#1a73e8;color:#fff;border-color:#1a73e8}.note{color:#666;font-size:.85rem}`;

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${content}</main></body></html>`;
}

export interface ConsentPageInput {
  platform: string;
  /** Where the form posts (the authorize path itself). */
  action: string;
  requestId: string;
  clientId: string;
  users: readonly FakeUser[];
  /** Scopes listed as granted no matter what. */
  fixedScopes: readonly string[];
  /** Scopes with a checkbox the user may untick. */
  optionalScopes: readonly string[];
}

/**
 * The simulated sign-in and consent screen: an account picker, the scopes, Allow and Deny. Allow
 * comes first so that pressing Enter (implicit submission) allows, as on the real screens.
 */
export function consentPage(input: ConsentPageInput): string {
  const options = input.users
    .map(
      (user, index) =>
        `<option value="${escapeHtml(user.id)}"${index === 0 ? ' selected' : ''}>${escapeHtml(user.name)} (@${escapeHtml(user.handle)})</option>`,
    )
    .join('');
  const fixed = input.fixedScopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('');
  const optional = input.optionalScopes
    .map(
      (scope) =>
        `<li><label><input type="checkbox" name="scope" value="${escapeHtml(scope)}" checked> ${escapeHtml(scope)}</label></li>`,
    )
    .join('');
  return page(
    `Sign in to ${input.platform} (simulated)`,
    `<h1>Sign in to ${escapeHtml(input.platform)} (simulated)</h1>
<p class="note">A stand-in for ${escapeHtml(input.platform)} running on this computer. No real account is used.</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<label for="user">Account</label>
<select id="user" name="user">${options}</select>
<p><strong>${escapeHtml(input.clientId)}</strong> wants to:</p>
<ul>${fixed}${optional}</ul>
<div class="buttons"><button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></div>
</form>`,
  );
}

/** What the real platforms show when the request itself is wrong: a page, no redirect. */
export function errorPage(platform: string, message: string): string {
  return page(
    `${platform}: error`,
    `<h1>Something went wrong (${escapeHtml(platform)}, simulated)</h1><p role="alert">${escapeHtml(message)}</p>`,
  );
}
