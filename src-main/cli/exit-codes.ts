/**
 * The `switchboard` command's exit codes. Stable: scripts and cron jobs test them, so a code
 * never changes meaning; new situations get new numbers.
 */
export const EXIT = {
  ok: 0,
  /** `status`: at least one account needs the creator. */
  needsAttention: 1,
  /** Bad arguments, an unknown command, or a `--data @file` that cannot be read. */
  usage: 2,
  /** Switchboard is not running, or its local API (the health and metrics server) is off. */
  appUnreachable: 3,
  /** No tool key, or the key is invalid or revoked. */
  keyInvalid: 4,
  /** The account is unknown, ambiguous, or not allowed to this key (or this right). */
  accountRefused: 5,
  /** The account needs the creator (sign in again, a platform problem): the reason is on stderr. */
  accountNeedsCreator: 6,
  /** The platform failed or refused the call. */
  platformError: 7,
  /** `exec`: the command after `--` could not be started (as a shell says 127). */
  commandNotFound: 127,
} as const;

/** A failure with its exit code and one plain sentence for stderr (never a token). */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
