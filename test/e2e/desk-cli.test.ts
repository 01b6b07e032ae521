import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = (name: string) => fileURLToPath(new URL(`../../dist/serve/${name}`, import.meta.url));

describe('--help on every command line', () => {
  for (const name of ['cli.mjs', 'demo.mjs'])
    it(`${name} prints its options and exits 0, starting nothing`, () => {
      for (const flag of ['--help', '-h']) {
        const run = spawnSync(process.execPath, [cli(name), flag], {
          encoding: 'utf8',
          timeout: 20_000,
          env: { ...process.env, SWITCHBOARD_VAULT_PASSPHRASE: '' },
        });
        expect(run.status).toBe(0);
        for (const option of ['--port', '--metrics-port', '--data-dir', '--help'])
          expect(run.stdout).toContain(option);
        expect(run.stdout).not.toContain('ready at');
      }
    });
});
