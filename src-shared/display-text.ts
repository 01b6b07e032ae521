/**
 * Characters that must never reach a name a creator reads: C0 and C1 controls and DEL (NUL, ESC,
 * CR/LF split tray menus, notifications and webhook lines), the line and paragraph separators,
 * and the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which
 * reverse or reorder the text around them (a name can then read as something it is not).
 */
export const UNSAFE_DISPLAY_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_EVERYWHERE = new RegExp(UNSAFE_DISPLAY_CHAR.source, 'gu');

/**
 * Longest profile strings kept, in code points. The longest any platform allows is YouTube's
 * 100-character channel name; handles are at most 30 characters plus an `@` on every platform.
 */
export const PROFILE_TEXT_LIMITS = { displayName: 100, handle: 50 } as const;

/**
 * `value` without unsafe characters, trimmed, and cut to `max` code points (never inside a
 * surrogate pair; a cut ends in `…`); null when nothing is left.
 */
export function cleanDisplayText(value: string | null, max: number): string | null {
  if (value === null) return null;
  const points = Array.from(value.replace(UNSAFE_EVERYWHERE, '').trim());
  if (points.length === 0) return null;
  if (points.length <= max) return points.join('');
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
