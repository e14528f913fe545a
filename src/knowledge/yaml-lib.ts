import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

/**
 * The `yaml` library, loaded on first use rather than at start: js-yaml reads the knowledge, and `yaml`
 * is needed only to point at a problem (a line and column) or for the maintainers' page, so a start
 * with valid knowledge never uses it, and importing it cost 60–85 ms of CPU (bench/PERFORMANCE.md).
 * Synchronous (require), as its callers are.
 */
export function yamlLib(): typeof Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return lib;
}
