import { lazy } from 'react';

/*
 * Screens a creator opens now and then, kept out of the first bundle: Overview and Accounts (the
 * first screens) parse and run without them. Each loader is kept so `warmScreens` and React.lazy
 * share one request.
 */
const loadSettings = () => import('./features/settings/SettingsView');
const loadHealth = () => import('./features/health/HealthView');
const loadAbout = () => import('./features/about/AboutPanel');

export const SettingsView = lazy(() =>
  loadSettings().then((module) => ({ default: module.SettingsView })),
);
export const HealthView = lazy(() =>
  loadHealth().then((module) => ({ default: module.HealthView })),
);
export const AboutPanel = lazy(() =>
  loadAbout().then((module) => ({ default: module.AboutPanel })),
);

/** How long after start-up the other screens are fetched: after the first screen's lists. */
const WARM_AFTER_MS = 1_500;

/**
 * Fetches the other screens a while after start-up, when the page is idle, so opening one later
 * shows it at once rather than "Loading…" (compiling them during the first screen's load would
 * cost it the time the split saves). A failed fetch is left to React.lazy to retry on open.
 * Returns the cancel, for an unmount before then.
 */
export function warmScreens(): () => void {
  const warm = () => {
    for (const load of [loadSettings, loadHealth, loadAbout]) load().catch(() => undefined);
  };
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2_000 });
    else warm();
  }, WARM_AFTER_MS);
  return () => clearTimeout(timer);
}
