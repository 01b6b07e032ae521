import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const SCRIPT = fileURLToPath(
  new URL('../../resources/examples/post-through-switchboard.sh', import.meta.url),
);

describe('the example tool script', () => {
  let t: ToolsHarness;
  beforeAll(async () => {
    t = await startToolsHarness(['x']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('lists accounts, takes a token and calls the platform through the proxy', async () => {
    const { key } = await t.createKey({ name: 'example-script' });
    const { stdout } = await promisify(execFile)('sh', [SCRIPT], {
      env: {
        PATH: process.env.PATH,
        SWITCHBOARD_TOOL_KEY: key,
        SWITCHBOARD_API: `http://127.0.0.1:${t.port}/v1`,
      },
    });
    expect(stdout).toContain(`using account ${t.accounts.x} (x)`);
    expect(stdout).toContain('got a fresh access token');
    expect(stdout).toMatch(/"username":/);
    for (const token of t.fakes.x.tokens.issuedTokens) expect(stdout).not.toContain(token);
  });
});
