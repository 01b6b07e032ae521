import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../../src-shared/settings';
import { ensureDataDir } from '../core/data-folder';
import { createOriginTable } from '../core/net/origin-table';
import { rawKeyProtector } from '../core/vault/key-protectors';
import { demoCredentialsEnv, startFakePlatforms } from '../demo/fake-platforms';
import { demoLicence } from './demo-licence';
import { startDemoRelay, withoutRelayed } from './demo-relay';
import { runServe } from './run-serve';

/** The demo's own vault key, kept beside its vault so a demo folder can be opened again. */
const DEMO_KEY_FILE = 'demo-vault.key';
/** The simulated platforms' own memory of sign-ins (delete it to make them forget every one). */
const DEMO_PLATFORMS_DIR = 'demo-platforms';

function demoKey(dataDir: string): string {
  const file = join(dataDir, DEMO_KEY_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const key = randomBytes(32).toString('hex');
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/**
 * Demo mode: serve mode pointed at simulated platforms through the origin table, with the
 * simulators' developer apps as credentials and a throwaway vault key — so a newcomer connects
 * accounts of every platform with no credentials and no passphrase. Nothing in the core knows.
 */
runServe(async (flags, log) => {
  const dataDir = flags.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
  // The key file goes in first, so the folder must be ours before anything is written.
  ensureDataDir(dataDir, { log, existing: flags.dataDir === null ? 'keep' : 'warn' });
  // The simulated platforms remember their sign-ins here, so a restart finds accounts healthy.
  const fakes = await startFakePlatforms({ stateDir: join(dataDir, DEMO_PLATFORMS_DIR) });
  const licence = demoLicence();
  // Instagram (both paths) and TikTok sign in through the relay, as in a published build.
  const relay = await startDemoRelay(fakes, log);
  const registerPorts = (ports: Settings['redirectPorts']) => {
    fakes.instagram.registerRedirect(`http://127.0.0.1:${ports.instagram}/callback`);
    fakes.facebook.registerRedirect(`http://127.0.0.1:${ports.facebook}/callback`);
    fakes.x.registerRedirect(`http://127.0.0.1:${ports.x}/callback`);
  };
  return {
    mode: 'demo',
    dataDir,
    existingDataDir: 'keep',
    keyProtector: rawKeyProtector(demoKey(dataDir)),
    origins: createOriginTable(fakes.origins),
    env: withoutRelayed(demoCredentialsEnv()),
    buildCredentials: relay.buildCredentials,
    licenceKeys: licence.keys,
    notes: [
      'Demo mode: simulated YouTube, Instagram, TikTok and X run on this computer; nothing real is connected.',
      `Instagram and TikTok sign in through a relay at ${relay.url}, as a published build does.`,
      `Demo data: ${dataDir}`,
      `Demo licence key (Pro, works in this demo run only; enter it in Settings → Plan): ${licence.key}`,
    ],
    async started(core) {
      // The simulated platforms accept the redirect ports Settings names, as a registered app would.
      const current = await core.dispatch('settings.get', {});
      if (current.ok) registerPorts(SettingsSchema.parse(current.value).redirectPorts);
      core.subscribe(({ event, payload }) => {
        if (event === 'settings.changed')
          registerPorts(SettingsSchema.parse(payload).redirectPorts);
      });
    },
    stopped: async () => {
      await relay.close();
      await fakes.close();
    },
  };
});
