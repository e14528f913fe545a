/**
 * `npm run package:teams`: fills manifest.json, validates it offline against the Teams 1.22 schema,
 * checks the icons' pixel sizes and writes build/whocommissions-teams.zip for upload to Teams.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { APP_PACKAGE_DIR, COLOR_SIZE, OUTLINE_SIZE } from './icons.js';
import { fillManifest, MANIFEST_TEMPLATE, type ManifestEnv, validateManifest } from './manifest.js';
import { pngSize } from './png.js';

export const DEFAULT_ZIP = fileURLToPath(new URL('../../build/whocommissions-teams.zip', import.meta.url));

const ICONS = [
  { file: 'color.png', size: COLOR_SIZE },
  { file: 'outline.png', size: OUTLINE_SIZE },
] as const;

export interface PackageOptions {
  env: ManifestEnv;
  outFile?: string;
  /** Defaults to the repository's manifest.json and adapters/teams/appPackage/. */
  manifestPath?: string;
  iconsDir?: string;
}

async function readIcon(dir: string, file: string, size: number): Promise<Buffer> {
  const path = join(dir, file);
  const png = await readFile(path);
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size) {
    throw new Error(
      `${path} is ${actual.width}×${actual.height}; Teams needs ${size}×${size}. Redraw it with \`npx tsx adapters/teams/icons.ts\`.`,
    );
  }
  return png;
}

/** Builds the app package and returns where it was written. Throws with every problem it found. */
export async function packageTeamsApp(
  options: PackageOptions,
): Promise<{ zipPath: string; manifest: object }> {
  const outFile = options.outFile ?? DEFAULT_ZIP;
  const iconsDir = options.iconsDir ?? APP_PACKAGE_DIR;
  const manifest = fillManifest(
    await readFile(options.manifestPath ?? MANIFEST_TEMPLATE, 'utf8'),
    options.env,
  );
  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new Error(
      `The filled manifest does not match the Teams ${manifest.manifestVersion} schema:\n  ${errors.join('\n  ')}`,
    );
  }
  const icons = await Promise.all(ICONS.map(({ file, size }) => readIcon(iconsDir, file, size)));

  // A fixed timestamp keeps the zip byte-for-byte the same for the same inputs.
  const entry = { mtime: new Date('2000-01-01T00:00:00Z') };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', entry);
  for (const [i, { file }] of ICONS.entries()) zip.addBuffer(icons[i] as Buffer, file, entry);
  zip.end();
  await mkdir(dirname(outFile), { recursive: true });
  await finished(zip.outputStream.pipe(createWriteStream(outFile)));
  return { zipPath: outFile, manifest };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { zipPath } = await packageTeamsApp({ env: process.env });
    console.log(
      `Teams app package written to ${zipPath}. Upload it in Teams: Apps → Manage your apps → Upload an app.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
