import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** nhsuk-frontend's built files: its stylesheet and its assets (icons, logos). */
export const NHSUK_DIR = join(
  dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')),
  'dist',
  'nhsuk',
);

let styles: string | undefined;
/**
 * NHS.UK frontend's styles without their @font-face rules: those fetch the Frutiger typeface from
 * assets.nhs.uk on every page load (a request to a third party from an NHS network, and errors
 * offline), and the package does not ship the font. The styles' own fallback, Arial, is used instead.
 * Every page the server makes uses this one copy.
 */
export function nhsukStyles(): string {
  styles ??= readFileSync(join(NHSUK_DIR, 'nhsuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
  return styles;
}
