import { DEFAULT_METRICS_PORT } from '../../src-shared/settings';

const COMMON = `
The tool key comes from SWITCHBOARD_TOOL_KEY or --key-file <file> (never an argument: every
process can read those). Switchboard's local API is SWITCHBOARD_API, default
http://127.0.0.1:${DEFAULT_METRICS_PORT} (the health and metrics server).`;

export const EXIT_HELP = `Exit codes: 0 done · 1 (status) an account needs you · 2 bad arguments or --data file ·
3 Switchboard not running or its local API off · 4 no key, or key invalid or revoked ·
5 account unknown, ambiguous or not allowed to this key · 6 the account needs you (reason on
stderr) · 7 the platform failed or refused · exec: the command's own status (128+n when killed
by signal n; 127 when it cannot be started).`;

export const HELP: Record<string, string> = {
  main: `switchboard — use the accounts Switchboard keeps alive from scripts

Usage: switchboard <command> [options]

Commands:
  token <account>     print a fresh access token
  exec --account <account> -- <command> [args…]
                      run a command with a fresh token in its environment
  api <account> <path>
                      one call to the platform through Switchboard's proxy
  accounts            the accounts this key may use
  status              the one-line summary; exits 1 when an account needs you

<account> is an account id, its label, or platform:@handle (e.g. x:@mychannel).
Run switchboard <command> --help for its options.
${COMMON}

${EXIT_HELP}
`,
  token: `Usage: switchboard token <account> [--min-validity SECONDS] [--json] [--key-file FILE]

Prints the access token and a newline, nothing else. Switchboard refreshes it first when it
would expire within --min-validity seconds (default 300, at most 1800).
--json prints {"accessToken","expiresAt","scopes"} instead.
${COMMON}`,
  exec: `Usage: switchboard exec --account <account> [--env NAME] [--account … --env …] -- <command> [args…]

Runs <command> with a fresh access token in its environment (default variable
SWITCHBOARD_ACCESS_TOKEN; give each further --account its own --env). Standard input, output
and error pass through, signals are forwarded, and switchboard exits with the command's status.
The command does not receive SWITCHBOARD_TOOL_KEY. --min-validity SECONDS as for token.
${COMMON}`,
  api: `Usage: switchboard api <account> <path> [-X METHOD] [-H 'Name: value']… [--data @file|-|text]

Sends one call through Switchboard's proxy to the account's platform (the path is the
platform's own, e.g. 2/users/me) and streams the answer to stdout. With --data the method
defaults to POST and the type to application/json; @file sends a file, - sends standard input.
${COMMON}`,
  accounts: `Usage: switchboard accounts [--json]

Lists the accounts this key may use: id, platform, handle, label, status, re-auth date.
${COMMON}`,
  status: `Usage: switchboard status [--json]

Prints the summary the tray shows ("3 healthy · 1 needs you") and each account that needs you.
Exits 0 when none does and 1 when one does.
${COMMON}`,
};
