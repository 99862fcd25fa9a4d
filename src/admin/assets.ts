/**
 * The admin UI's two static files: our stylesheet and the small live-update script. Read once at
 * start, served with a year-long immutable cache; their URLs carry a content hash, so a new
 * release is fetched at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One served file. */
export interface Asset {
  body: Buffer;
  type: string;
  /** URL with the content hash as its version query. */
  url: string;
}

/** Files by their public name. */
export type Assets = ReadonlyMap<string, Asset>;

const SOURCES: ReadonlyArray<[name: string, file: string, type: string]> = [
  ['admin.css', 'admin.css', 'text/css; charset=utf-8'],
  // Written in the JavaScript subset of TypeScript (type-checked, no type syntax), served as is.
  ['admin.js', 'admin-live.ts', 'text/javascript; charset=utf-8'],
];

/** Loads the assets from `src/public`. */
export function loadAssets(): Assets {
  const assets = new Map<string, Asset>();
  for (const [name, file, type] of SOURCES) {
    const body = readFileSync(fileURLToPath(new URL(`../public/${file}`, import.meta.url)));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    assets.set(name, { body, type, url: `/whatsapp/static/${name}?v=${hash}` });
  }
  return assets;
}
