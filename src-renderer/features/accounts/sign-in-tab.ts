/** Only web pages may be opened as a sign-in page (never `javascript:` or a local file). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A tab opened during the click, so popup blockers allow it, and pointed at the sign-in later. */
export interface SignInTab {
  go(url: string): void;
  close(): void;
}

/**
 * Serve and demo mode: main cannot open a browser where the creator sits, so the page opens the
 * sign-in itself. Must be called synchronously inside the click handler.
 */
export function openSignInTab(): SignInTab | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  try {
    tab.document.title = 'Opening the sign-in page…';
    tab.document.body.textContent = 'Opening the sign-in page…';
  } catch {
    // Not ours to write into: it still navigates below.
  }
  return {
    go(url) {
      if (!isWebUrl(url)) {
        tab.close();
        return;
      }
      // The platform's page must not reach back into Switchboard's window.
      tab.opener = null;
      tab.location.replace(url);
    },
    close: () => tab.close(),
  };
}
