export function readBuildInfo(): { version: string; commit: string };
export function buildInfoDefines(): Record<string, string>;
