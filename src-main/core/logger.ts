/** Where the core writes what happened. Every line passes through scrubSecrets first. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

// Lower layers (HTTP clients, platform answers) may echo credentials in URLs or bodies; these
// patterns catch the shapes they take so a stray secret never reaches a log file.
const SECRET_PATTERNS: RegExp[] = [
  /((?:access|refresh|id)_token|client_secret|code_verifier|code|token|password|passphrase)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /(Basic\s+)[A-Za-z0-9+/=]+/gi,
];

export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const pattern of SECRET_PATTERNS) {
    scrubbed = scrubbed.replace(pattern, (_match, name: string, sep?: string) =>
      typeof sep === 'string' ? `${name}${sep}[redacted]` : `${name}[redacted]`,
    );
  }
  return scrubbed;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A logger writing scrubbed lines to a sink (stderr by default). */
export function createLogger(
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const write = (level: string, message: string) =>
    sink(scrubSecrets(`${new Date().toISOString()} ${level} ${message}`));
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, error) =>
      write('error', error === undefined ? message : `${message}: ${describe(error)}`),
  };
}
