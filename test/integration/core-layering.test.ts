import { Linter } from 'eslint';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layering rule is generated from CORE_LAYERS; lint a one-line probe file in each layer that
// imports each other layer, with the project's real config blocks (type-aware rules left out:
// the probe files do not exist on disk).
const root = resolve(import.meta.dirname, '../..');
// Loaded by URL: the config is plain JavaScript without type declarations.
const { default: config, CORE_LAYERS } = (await import(
  pathToFileURL(resolve(root, 'eslint.config.js')).href
)) as { default: Linter.Config[]; CORE_LAYERS: string[] };
const blocks = config.filter(
  (block) => block.rules?.['no-restricted-imports'] && !block.languageOptions,
);
const linter = new Linter({ cwd: root });

const FOLDERS = CORE_LAYERS.filter((layer) => layer !== 'top' && layer !== 'base');
/** How a file of one layer names a module of another. */
const specifier = (from: string, to: string) => {
  const prefix = from === 'top' || from === 'base' ? './' : '../';
  if (to === 'top') return `${prefix}app`;
  if (to === 'base') return `${prefix}logger`;
  return `${prefix}${to}/some-module`;
};
/** A probe file of a layer: top is named like a contract handler, base like any core root file. */
const probeFileOf = (layer: string) =>
  layer === 'top'
    ? resolve(root, 'src-main/core/api-probe.ts')
    : resolve(root, 'src-main/core', layer === 'base' ? '' : layer, 'probe.ts');

function layeringErrors(from: string, to: string): string[] {
  const messages = linter.verify(
    `import { thing } from '${specifier(from, to)}';\nexport const probe = thing;\n`,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...blocks],
    { filename: probeFileOf(from) },
  );
  return messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('core layering (lint)', () => {
  it('lists every folder of src-main/core once, top to bottom', () => {
    expect(new Set(CORE_LAYERS).size).toBe(CORE_LAYERS.length);
    expect(FOLDERS).toEqual(
      expect.arrayContaining(['connect', 'oauth', 'platforms', 'vault', 'net']),
    );
    expect(FOLDERS.indexOf('connect')).toBeLessThan(FOLDERS.indexOf('platforms'));
    expect(FOLDERS.indexOf('platforms')).toBeLessThan(FOLDERS.indexOf('oauth'));
  });

  for (const [i, from] of CORE_LAYERS.entries()) {
    it(`${from}: imports of layers below pass, of layers above fail`, () => {
      for (const [j, to] of CORE_LAYERS.entries()) {
        if (i === j) continue;
        const errors = layeringErrors(from, to);
        if (j > i) expect(errors, `${from} -> ${to}`).toEqual([]);
        else {
          expect(errors, `${from} -> ${to}`).toHaveLength(1);
          expect(errors[0]).toContain('no-restricted-imports');
        }
      }
    });
  }

  it('still keeps Electron out of every layer', () => {
    for (const layer of CORE_LAYERS) {
      const messages = linter.verify(
        `import { app } from 'electron';\nexport const probe = app;\n`,
        [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...blocks],
        { filename: probeFileOf(layer) },
      );
      expect(
        messages.map((m) => m.ruleId),
        layer,
      ).toEqual(['no-restricted-imports']);
    }
  });
});
