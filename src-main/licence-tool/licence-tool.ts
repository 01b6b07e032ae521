import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TIERS, isTier } from '../../src-shared/tiers';
import { rawPublicKey, signLicence, verifyLicence } from '../core/plans/licence-key';

/** The environment variable holding `<key id>:<PKCS#8 private key, base64url>`. */
export const PRIVATE_KEY_ENV = 'SWITCHBOARD_LICENCE_PRIVATE_KEY';
const DAY_MS = 86_400_000;

export interface ToolIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  now(): number;
}

const USAGE = `Switchboard licence keys, for the app's publisher.

  npm run licence:keygen -- --kid <id> --out <file>
      Makes an Ed25519 key pair. The private key goes into <file> (mode 600; keep it in your
      secret store, never in the repository); the public key is printed for the build.
  npm run licence:issue -- --plan <${TIERS.join('|')}> --holder <name> [--days 365]
      Signs a licence with the private key in ${PRIVATE_KEY_ENV} and prints it.
`;

class UsageError extends Error {}

function readPrivateKey(env: NodeJS.ProcessEnv): { kid: string; key: KeyObject } {
  const value = env[PRIVATE_KEY_ENV]?.trim();
  const split = value?.indexOf(':') ?? -1;
  if (!value || split < 1)
    throw new UsageError(
      `Set ${PRIVATE_KEY_ENV} to the contents of the file licence:keygen wrote.`,
    );
  try {
    const der = Buffer.from(value.slice(split + 1), 'base64url');
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return { kid: value.slice(0, split), key };
  } catch {
    throw new UsageError(`${PRIVATE_KEY_ENV} is not an Ed25519 private key from licence:keygen.`);
  }
}

function keygen(args: string[], io: ToolIo): void {
  const { values } = parseArgs({
    args,
    options: { kid: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.kid || !/^[A-Za-z0-9._-]{1,64}$/.test(values.kid))
    throw new UsageError('Name the key with --kid (letters, digits, . _ -; up to 64).');
  if (!values.out) throw new UsageError('Say where the private key goes with --out <file>.');
  const pair = generateKeyPairSync('ed25519');
  const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url');
  // wx: never overwrite an existing private key.
  writeFileSync(values.out, `${values.kid}:${der}\n`, { mode: 0o600, flag: 'wx' });
  const publicKey = rawPublicKey(pair.publicKey);
  io.out(
    `Private key written to ${values.out}; put its contents in ${PRIVATE_KEY_ENV} to issue.\n`,
  );
  io.out(`Build with: SWITCHBOARD_BUILD_LICENCE_KEYS='{"${values.kid}":"${publicKey}"}'\n`);
}

function issue(args: string[], io: ToolIo): void {
  const { values } = parseArgs({
    args,
    options: {
      plan: { type: 'string' },
      holder: { type: 'string' },
      days: { type: 'string', default: '365' },
    },
    strict: true,
  });
  if (!values.plan || !isTier(values.plan))
    throw new UsageError(`Choose --plan from ${TIERS.join(', ')}.`);
  const holder = values.holder?.trim();
  if (!holder || holder.length > 200)
    throw new UsageError('Name the holder with --holder (up to 200 characters).');
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new UsageError('--days must be a whole number from 1 to 3650.');
  const { kid, key } = readPrivateKey(io.env);
  const issuedAt = io.now();
  const licence = signLicence(
    {
      kid,
      plan: values.plan,
      holder,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(issuedAt + days * DAY_MS).toISOString(),
    },
    key,
  );
  // Checked the way the app checks it, with the public half of the same key.
  const ring = new Map([[kid, createPublicKey(key)]]);
  if (!verifyLicence(licence, ring, issuedAt).ok) throw new Error('the new key did not verify');
  io.out(`${licence}\n`);
}

/** Runs one command; returns the exit code. Messages never include the private key. */
export function runLicenceTool(argv: string[], io: ToolIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'keygen') keygen(rest, io);
    else if (command === 'issue') issue(rest, io);
    else {
      io.out(USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.out(`licence ${command}: ${message}\n`);
    return error instanceof UsageError || (error as NodeJS.ErrnoException).code ? 2 : 1;
  }
}
