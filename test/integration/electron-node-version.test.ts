import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

// The Node versions README.md and package.json promise, held against this Node and the tooling.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const readme = readFileSync(`${root}README.md`, 'utf8');
const nodeOf = (dir: string) =>
  JSON.parse(readFileSync(`${root}node_modules/${dir}/package.json`, 'utf8')).engines?.node;
const checkNode = (minimum: string) =>
  spawnSync(process.execPath, ['scripts/check-node.mjs', minimum, 'building-installers'], {
    cwd: root,
    encoding: 'utf8',
  });

describe('Node versions, per use', () => {
  it('engines names the Node that installs, tests and serves, and this Node satisfies it', () => {
    expect(pkg.engines.node).toBe('>=20.19');
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 20 || (major === 20 && minor >= 19)).toBe(true);
    expect(readme).toMatch(/`npm install`, `npm test`, serve and demo mode\s*\|\s*20\.19\+/);
  });

  it("says installers need Node 22.12, which is what Electron's tooling declares", () => {
    for (const tool of ['@electron/rebuild', '@electron/get'])
      expect(nodeOf(tool), tool).toBe('>=22.12.0');
    expect(readme).toMatch(/building installers \(`npm run dist`\)[^|]*\|\s*22\.12\+/);
    expect(pkg.scripts.dist).toMatch(
      /^node scripts\/check-node\.mjs 22\.12 building-installers && /,
    );
  });

  it('npm run dist stops with one sentence on an older Node, and goes on on a newer one', () => {
    const refused = checkNode('99.0');
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toMatch(
      /^Node \S+ is too old for building installers: it needs Node 99\.0 or newer/,
    );
    expect(checkNode('20.19').status).toBe(0);
  });
});
