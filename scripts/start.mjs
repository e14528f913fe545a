// npm start. Runs the server from a build of the TypeScript (dist/, made with esbuild), because
// Node loading the TypeScript through tsx costs more at every start than building once. The build is
// made at the first start and again whenever a file it was built from is newer, so `npm ci && npm
// start` needs no other step. esbuild is a runtime dependency for this reason: a production install
// (`npm ci --omit=dev`) builds and starts too, and nothing is downloaded or built at install time.
// If building fails (a read-only folder), the server runs through tsx, which only a full install has.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const CURRENT = join(DIST, 'current.json');
const ENTRY = 'src/server/main.ts';

/** The build's entry file when every input is older than the build; otherwise undefined. */
function freshBuild() {
  if (!existsSync(CURRENT)) return undefined;
  const { dir, inputs, builtAt } = JSON.parse(readFileSync(CURRENT, 'utf8'));
  for (const input of inputs) {
    try {
      if (statSync(join(ROOT, input)).mtimeMs > builtAt) return undefined;
    } catch {
      return undefined;
    }
  }
  const entry = join(DIST, dir, 'main.mjs');
  return existsSync(entry) ? entry : undefined;
}

/**
 * Each file's own `import.meta.url` stands for where its source is, so the paths it resolves against
 * it (../knowledge/, ./public/) still point into the source tree from the bundle in dist/.
 */
const sourceUrls = (outdir) => ({
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const rel = relative(outdir, args.path).split(sep).join('/');
      const source = readFileSync(args.path, 'utf8');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
});

async function build() {
  const esbuild = await import('esbuild');
  const dir = `build-${Date.now()}-${process.pid}`;
  const outdir = join(DIST, dir);
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: ENTRY },
    bundle: true,
    // Lazily imported parts (a platform's SDK, Redis, PostgreSQL) stay lazy: their own files.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrls(outdir)],
  });
  const inputs = [...Object.keys(result.metafile.inputs), 'package.json', 'scripts/start.mjs'];
  mkdirSync(DIST, { recursive: true });
  // Written aside and renamed: a start running at the same time reads the old build or the new one.
  writeFileSync(`${CURRENT}.${process.pid}`, JSON.stringify({ dir, inputs, builtAt: started }));
  renameSync(`${CURRENT}.${process.pid}`, CURRENT);
  // Older builds go once nothing can still be starting from them (a server loads its parts at start).
  for (const old of readdirSync(DIST)) {
    const path = join(DIST, old);
    if (old.startsWith('build-') && old !== dir && statSync(path).mtimeMs < Date.now() - 3_600_000)
      rmSync(path, { recursive: true, force: true });
  }
  return join(outdir, 'main.mjs');
}

// V8 lets garbage pile up in the old generation to several times the live heap before a full
// collection: the server's resident memory went 137 -> 295-348 MiB over 30,000 questions, none of it
// live. A 25 % margin keeps it flat (133 -> 193-194 MiB) for no CPU measurable per request
// (bench/PERFORMANCE.md, 6 December 2026, doors2). Set here, not on the command line, because V8
// reads it at every full collection, and a V8 that no longer knows it only prints a line.
setFlagsFromString('--heap-growing-percent=25');

let entry = freshBuild();
if (!entry) {
  try {
    entry = await build();
  } catch (error) {
    process.stderr.write(
      `whocommissions: could not build dist/ (${error instanceof Error ? error.message : String(error)}); running the TypeScript through tsx instead\n`,
    );
  }
}
if (entry) await import(pathToFileURL(entry).href);
else {
  const { register } = await import('tsx/esm/api').catch((error) => {
    process.stderr.write(
      `whocommissions cannot start: dist/ could not be built and tsx is not installed (${error.code ?? error}). Make the folder writable so npm start can build dist/, or install the development dependencies (npm ci without --omit=dev).\n`,
    );
    process.exit(1);
  });
  register();
  await import(pathToFileURL(join(ROOT, ENTRY)).href);
}
