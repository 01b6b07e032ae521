export const UNIT_INCLUDE: string[];
export const NEEDS_ISOLATION: readonly RegExp[];
export function isolatedUnitFiles(root: string): string[];
