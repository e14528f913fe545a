import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, drawColorIcon, drawOutlineIcon } from '../../adapters/teams/icons.js';
import { decodePng, encodePng, pngSize } from '../../adapters/teams/png.js';

describe('the Teams icons', () => {
  it('committed in appPackage/ are exactly what icons.ts draws', async () => {
    const color = decodePng(await readFile(join(APP_PACKAGE_DIR, 'color.png')));
    const outline = decodePng(await readFile(join(APP_PACKAGE_DIR, 'outline.png')));
    expect(Buffer.from(color.pixels).equals(Buffer.from(drawColorIcon().pixels))).toBe(true);
    expect(Buffer.from(outline.pixels).equals(Buffer.from(drawOutlineIcon().pixels))).toBe(true);
  });

  it('round-trip through the PNG encoder with their sizes in the header', () => {
    const png = encodePng(drawOutlineIcon());
    expect(pngSize(png)).toEqual({ width: 32, height: 32 });
    expect(decodePng(png).pixels).toEqual(drawOutlineIcon().pixels);
  });

  it('reject a file that is not a PNG when reading its size', () => {
    expect(() => pngSize(Buffer.from('GIF89a and some more bytes to pass'))).toThrow(/not a PNG/);
  });
});
