/**
 * A pasted serve-mode link, checked: only Switchboard's own kind of link (http on this computer,
 * carrying `#key=`) is followed, so the field cannot send the page anywhere else.
 */
export function parseNewLink(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'http:' || !loopback || !/(?:^#|&)key=[^&]+/.test(url.hash)) return null;
  return url;
}

/**
 * Opens the pasted link. On this same page only the fragment differs, which a browser would not
 * reload for: the page reloads itself so it spends the link for a new session at start-up.
 */
export function openNewLink(
  url: URL,
  location: Pick<Location, 'origin' | 'pathname' | 'assign' | 'reload'>,
  history: Pick<History, 'replaceState'>,
): void {
  if (url.origin === location.origin && url.pathname === location.pathname) {
    history.replaceState(null, '', url.href);
    location.reload();
  } else location.assign(url.href);
}
