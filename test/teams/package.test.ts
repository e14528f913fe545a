import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillManifest, MANIFEST_TEMPLATE, validateManifest } from '../../adapters/teams/manifest.js';
import { packageTeamsApp } from '../../adapters/teams/package.js';
import { decodePng, pngSize } from '../../adapters/teams/png.js';
import { readZip } from './unzip.js';

const ENV = {
  TEAMS_APP_ID: '3b2f6a9e-1c4d-4e8f-a0b1-c2d3e4f5a6b7',
  MicrosoftAppId: '0f4c4c2e-6f1a-4b7e-9a51-3c2b1d0e9f8a',
  TEAMS_WEBSITE_URL: 'https://example.org/whocommissions',
  TEAMS_PRIVACY_URL: 'https://example.org/whocommissions/privacy',
  TEAMS_TERMS_URL: 'https://example.org/whocommissions/terms',
};

describe('npm run package:teams', () => {
  let dir: string;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'teams-package-'));
    const { zipPath } = await packageTeamsApp({ env: ENV, outFile: join(dir, 'app.zip') });
    entries = readZip(await readFile(zipPath));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a flat zip with manifest.json and the two icons at its root', () => {
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('puts in a manifest that validates against the Teams 1.22 schema, with the ids filled in', async () => {
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8'));
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({ manifestVersion: '1.22', id: ENV.TEAMS_APP_ID });
    expect(manifest.bots[0].botId).toBe(ENV.MicrosoftAppId);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'help',
      'examples',
      'as of',
    ]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('puts in a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    expect(pngSize(entries.get('color.png') as Buffer)).toEqual({ width: 192, height: 192 });
    const outline = decodePng(entries.get('outline.png') as Buffer);
    expect({ width: outline.width, height: outline.height }).toEqual({ width: 32, height: 32 });
    const visible = new Set<string>();
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      if (outline.pixels[i + 3] === 0) transparent++;
      else visible.add(outline.pixels.subarray(i, i + 3).join(','));
    }
    expect([...visible]).toEqual(['255,255,255']);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
  });

  it('refuses a malformed schema field, listing what is wrong', async () => {
    const manifest = fillManifest(await readFile(MANIFEST_TEMPLATE, 'utf8'), ENV);
    delete manifest.accentColor;
    expect((await validateManifest(manifest)).join('\n')).toContain(
      "must have required property 'accentColor'",
    );
  });
});

describe('filling manifest.json', () => {
  it('names every missing or malformed value at once', async () => {
    const template = await readFile(MANIFEST_TEMPLATE, 'utf8');
    const fill = () =>
      fillManifest(template, {
        ...ENV,
        TEAMS_APP_ID: undefined,
        MicrosoftAppId: 'my-bot',
        TEAMS_PRIVACY_URL: 'http://x',
      });
    expect(fill).toThrow(/TEAMS_APP_ID is not set; it should be a GUID/);
    expect(fill).toThrow(/MicrosoftAppId is "my-bot"; it should be a GUID/);
    expect(fill).toThrow(/TEAMS_PRIVACY_URL is "http:\/\/x"; it should be an https:\/\/ URL/);
  });

  it('escapes values so they cannot break the JSON', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a manifest placeholder, not a template.
    const manifest = fillManifest('{"a": "${{TEAMS_WEBSITE_URL}}"}', {
      TEAMS_WEBSITE_URL: 'https://x.org/"}',
    });
    expect(manifest).toEqual({ a: 'https://x.org/"}' });
  });

  it('fails from the command line with the reason and exit code 1 when the ids are not set', async () => {
    const script = join(import.meta.dirname, '../../adapters/teams/package.ts');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('TEAMS_APP_ID is not set'),
    });
  });
});
