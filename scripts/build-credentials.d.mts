export class BuildCredentialsError extends Error {}
export function checkBuildCredentials(raw: string | undefined | null): string | null;
