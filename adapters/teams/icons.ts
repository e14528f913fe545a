/**
 * Draws the app's two Teams icons (an organisation chart: who sits above whom) and writes them to
 * appPackage/. Run `npx tsx adapters/teams/icons.ts` after changing the drawing; the PNGs are committed.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { encodePng, type Rgba } from './png.js';

export const ACCENT = '#005EB8';
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

type Point = readonly [number, number];

/** The chart in unit coordinates: one body above, two below, joined by connectors. */
const NODES: readonly Point[] = [
  [0.5, 0.2],
  [0.18, 0.8],
  [0.82, 0.8],
];
const NODE_RADIUS = 0.14;
const CONNECTORS: readonly (readonly [Point, Point])[] = [
  [
    [0.5, 0.2],
    [0.5, 0.5],
  ],
  [
    [0.18, 0.5],
    [0.82, 0.5],
  ],
  [
    [0.18, 0.5],
    [0.18, 0.8],
  ],
  [
    [0.82, 0.5],
    [0.82, 0.8],
  ],
];
const CONNECTOR_HALF_WIDTH = 0.04;

/** Squared distances throughout: this runs for every subsample, and sqrt is the slow part. */
function squaredDistanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  const ex = x - (ax + t * dx);
  const ey = y - (ay + t * dy);
  return ex * ex + ey * ey;
}

function insideChart(x: number, y: number): boolean {
  for (const [cx, cy] of NODES) {
    if ((x - cx) ** 2 + (y - cy) ** 2 <= NODE_RADIUS ** 2) return true;
  }
  for (const [a, b] of CONNECTORS) {
    if (squaredDistanceToSegment(x, y, a, b) <= CONNECTOR_HALF_WIDTH ** 2) return true;
  }
  return false;
}

const SUBSAMPLES = 4;

/** Fraction of each pixel the chart covers (4×4 supersampling for smooth edges), with the chart scaled into `scale` of the canvas. */
function coverage(size: number, scale: number): Float64Array {
  const out = new Float64Array(size * size);
  const margin = (1 - scale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SUBSAMPLES) / size - margin) / scale;
          const y = ((py + (sy + 0.5) / SUBSAMPLES) / size - margin) / scale;
          if (insideChart(x, y)) hits++;
        }
      }
      out[py * size + px] = hits / (SUBSAMPLES * SUBSAMPLES);
    }
  }
  return out;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 192×192: a white chart on the accent colour, opaque. */
export function drawColorIcon(): Rgba {
  const size = COLOR_SIZE;
  const cover = coverage(size, 0.62);
  const [r, g, b] = hexToRgb(ACCENT);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    pixels[i * 4] = Math.round(r + (255 - r) * c);
    pixels[i * 4 + 1] = Math.round(g + (255 - g) * c);
    pixels[i * 4 + 2] = Math.round(b + (255 - b) * c);
    pixels[i * 4 + 3] = 255;
  });
  return { width: size, height: size, pixels };
}

/** 32×32: the same chart in white on transparent, as Teams requires of outline icons. */
export function drawOutlineIcon(): Rgba {
  const size = OUTLINE_SIZE;
  const cover = coverage(size, 0.94);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    const alpha = Math.round(255 * c);
    // Fully transparent pixels are stored as 0,0,0,0; every visible pixel is pure white.
    if (alpha > 0) pixels.set([255, 255, 255, alpha], i * 4);
  });
  return { width: size, height: size, pixels };
}

export const APP_PACKAGE_DIR = fileURLToPath(new URL('./appPackage/', import.meta.url));

async function main(): Promise<void> {
  await writeFile(`${APP_PACKAGE_DIR}color.png`, encodePng(drawColorIcon()));
  await writeFile(`${APP_PACKAGE_DIR}outline.png`, encodePng(drawOutlineIcon()));
  console.log(`Wrote color.png and outline.png to ${APP_PACKAGE_DIR}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
