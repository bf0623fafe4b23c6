import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { BoundedMap } from '../domain/boundedMap.js';
import { MAP_FONT_FAMILY } from './map.js';

/**
 * The map as a PNG (for the announcement's image), rendered by resvg with the DejaVu Sans font shipped in
 * node_modules and no system font: the image is the same on every machine.
 */
const FONT_FOLDER = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(FONT_FOLDER, 'DejaVuSans.ttf'), join(FONT_FOLDER, 'DejaVuSans-Bold.ttf')];

export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: MAP_FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/** A bounded least-recently-used cache of rendered images, keyed by what they show (a trip and its version). */
export class PngCache {
  private readonly entries: BoundedMap<string, Buffer>;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 256) {
    this.entries = new BoundedMap(maxEntries);
  }

  get(key: string, render: () => Buffer | null): Buffer | null {
    const cached = this.entries.get(key);
    if (cached) {
      this.hits += 1;
      // Set again: the most recently used is the last forgotten.
      this.entries.set(key, cached);
      return cached;
    }
    this.misses += 1;
    const image = render();
    if (!image) return null;
    this.entries.set(key, image);
    return image;
  }

  get size(): number {
    return this.entries.size;
  }
}
