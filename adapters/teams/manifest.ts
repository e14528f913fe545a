import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { GUID } from './config.js';

export const MANIFEST_TEMPLATE = fileURLToPath(new URL('../../manifest.json', import.meta.url));
export const MANIFEST_VERSION = '1.22';

const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** What each placeholder must look like, and where a person finds the value. */
const RULES: Record<string, { test: RegExp; expect: string }> = {
  TEAMS_APP_ID: {
    test: GUID,
    expect:
      'a GUID that identifies the Teams app (make one with `node -e "console.log(crypto.randomUUID())"` and keep it)',
  },
  MicrosoftAppId: {
    test: GUID,
    expect: "a GUID: the Microsoft App ID from the Azure Bot's Configuration page",
  },
};
const HTTPS = { test: /^https:\/\/\S+$/, expect: 'an https:// URL' };

export type ManifestEnv = Record<string, string | undefined>;

/**
 * Fills every ${{NAME}} in the template from env[NAME]. Throws one error listing every missing
 * or malformed value, so a person fixes them all in one go.
 */
export function fillManifest(template: string, env: ManifestEnv): Record<string, unknown> {
  const names = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
  const problems: string[] = [];
  for (const name of names) {
    const value = env[name]?.trim();
    const rule = RULES[name] ?? (name.endsWith('_URL') ? HTTPS : undefined);
    if (!value) problems.push(`${name} is not set; it should be ${rule?.expect ?? 'set'}.`);
    else if (rule && !rule.test.test(value))
      problems.push(`${name} is "${value}"; it should be ${rule.expect}.`);
  }
  if (problems.length > 0) {
    throw new Error(`Cannot fill manifest.json:\n  ${problems.join('\n  ')}`);
  }
  // JSON-escape each value so a quote or backslash cannot break the document.
  const filled = template.replace(PLACEHOLDER, (_, name: string) =>
    JSON.stringify((env[name] as string).trim()).slice(1, -1),
  );
  return JSON.parse(filled) as Record<string, unknown>;
}

/** The schema bundled in @microsoft/app-manifest, read from disk so validation never touches the network. */
async function bundledSchema(manifestVersion: string): Promise<object> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const file = join(packageDir, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  const raw = await readFile(file, 'utf8');
  // The published schemas contain \a and \v escapes that JSON does not allow; the package cleans them the same way.
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

/** Schema errors as readable lines; empty when the manifest is valid for Teams schema 1.22. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    return [
      `manifestVersion is ${JSON.stringify(manifest.manifestVersion)}; this package targets ${MANIFEST_VERSION}.`,
    ];
  }
  const schema = await bundledSchema(MANIFEST_VERSION);
  // biome-ignore lint/suspicious/noExplicitAny: the library types its schema parameter per manifest version.
  return AppManifestUtils.validateAgainstSchema(manifest as any, schema as any);
}
