import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

// The built `switchboard` command (dist/cli) against demo mode: an account connected and a key
// made through the page, then token, api and status from a terminal.
const CLI = fileURLToPath(new URL('../../dist/cli/switchboard.mjs', import.meta.url));
const INIT = 'v2/post/publish/inbox/video/init/';

describe('the switchboard command against demo mode', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  let port: number;

  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end();
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    dataDir = tempDir();
    demo = await startDemo(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    await page.goto(demo.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  it('connects TikTok and makes a key in the page', async () => {
    const consent = await signInThroughTab(context, page, 'Connect TikTok');
    await page
      .getByRole('region', { name: 'TikTok', exact: true })
      .getByRole('listitem')
      .first()
      .waitFor();
    await consent.close();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const tools = page.getByRole('region', { name: 'Tools' });
    const apiStatus = tools.getByTestId('tools-api-status').filter({ hasText: '/v1/' });
    await apiStatus.waitFor();
    port = Number(
      /http:\/\/127\.0\.0\.1:(\d+)\/v1\//.exec((await apiStatus.textContent()) ?? '')?.[1],
    );
    await tools.getByLabel('Tool name').fill('terminal');
    await tools.getByRole('button', { name: 'Create key' }).click();
    const key = (await tools.getByTestId('tool-key-value').textContent()) ?? '';
    expect(key).toMatch(/^sbk_/);
    env = {
      PATH: process.env.PATH,
      SWITCHBOARD_API: `http://127.0.0.1:${port}`,
      SWITCHBOARD_TOOL_KEY: key,
    };
  });

  it('prints one token, posts through the proxy (counted), and says all is well', async () => {
    const listed = await run(['accounts', '--json']);
    expect(listed.code).toBe(0);
    const [tiktok] = JSON.parse(listed.stdout) as { id: string; handle: string }[];
    const token = await run(['token', `tiktok:@${tiktok!.handle.replace(/^@/, '')}`]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^\S+\n$/);
    const body = JSON.stringify({
      source_info: {
        source: 'FILE_UPLOAD',
        video_size: 1000,
        chunk_size: 1000,
        total_chunk_count: 1,
      },
    });
    const posted = await run(['api', tiktok!.id, INIT, '--data', body]);
    expect(posted.stderr).toBe('');
    expect(posted.code).toBe(0);
    const usage = await httpRequest(port, {
      path: '/v1/accounts',
      headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${env.SWITCHBOARD_TOOL_KEY}` },
    });
    expect(JSON.parse(usage.body).accounts[0].usage.postsToday).toBe(1);
    const status = await run(['status']);
    expect(status).toMatchObject({ code: 0, stdout: '1 healthy\n' });
    expect(status.stdout + posted.stdout).not.toContain(token.stdout.trim());
  });
});
