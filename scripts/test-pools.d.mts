export const NEEDS_ISOLATION: readonly RegExp[];
export function splitUnitFiles(root: string): { shared: string[]; isolated: string[] };
