import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// `npm ci --omit=dev && npm start` must start: everything the server imports at run time, and esbuild,
// which npm start builds it with, must be a dependency, not a devDependency. esbuild's metafile lists
// every package the bundle leaves for Node to import (the same options as scripts/start.mjs).
const packageName = (path: string) =>
  path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] ?? path);

describe('a production install', () => {
  it('has every package the server imports, and esbuild, in dependencies', async () => {
    const result = await build({
      entryPoints: { main: 'src/server/main.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outdir: 'unused',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imported = new Set<string>();
    for (const output of Object.values(result.metafile.outputs))
      for (const i of output.imports)
        if (i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path))
          imported.add(packageName(i.path));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const runtime = new Set(Object.keys(pkg.dependencies));
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !runtime.has(name))).toEqual([]);
    expect(runtime.has('esbuild')).toBe(true);
  });
});
