/**
 * Renders the admin pages from `src/views` (SPEC §7.2): EJS templates compiled once, rendered
 * synchronously (so the error handler can use them too), with the locals every page needs: CSP
 * nonce, CSRF token, signed-in user, flash message, asset URLs, navigation.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type ejsModule from 'ejs';
import type { Context } from 'koa';
import type { Assets } from './assets.ts';
import { nonceOf } from './csp.ts';
import { csrfTokenFor } from './guard.ts';
import { currentUser, takeFlash } from './session.ts';

const VIEWS_DIR = fileURLToPath(new URL('../views/', import.meta.url));

const require = createRequire(import.meta.url);
let ejs: typeof ejsModule | null = null;

/**
 * EJS, loaded with the first page rendered rather than at boot (it stays out of the idle resident
 * set of a sidecar nobody browses). `require`, not `import()`, because pages render synchronously.
 */
function loadEjs(): typeof ejsModule {
  ejs ??= require('ejs') as typeof ejsModule;
  return ejs;
}

/** Navigation entries: [key, label, path]. */
export const NAV: ReadonlyArray<[string, string, string]> = [
  ['dashboard', 'Dashboard', '/whatsapp'],
  ['pairing', 'Pairing', '/whatsapp/pairing'],
  ['settings', 'Settings', '/whatsapp/settings'],
  ['recipients', 'Recipients', '/whatsapp/recipients'],
  ['compose', 'Compose', '/whatsapp/compose'],
  ['activity', 'Activity', '/whatsapp/activity'],
  ['stats', 'Stats', '/whatsapp/stats'],
];

/** A page renderer. */
export interface Views {
  /** Renders `view` as the response body. */
  page(ctx: Context, view: string, title: string, data?: Record<string, unknown>): void;
}

/** Formats a time for pages: `2026-01-02 10:11:12 UTC`, or a dash. */
export function showTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const value = typeof date === 'string' ? new Date(date) : date;
  return `${value.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** Builds the renderer. */
export function createViews(assets: Assets): Views {
  const compiled = new Map<string, ejsModule.TemplateFunction>();
  const template = (view: string) => {
    let fn = compiled.get(view);
    if (!fn) {
      const filename = `${VIEWS_DIR}${view}.ejs`;
      fn = loadEjs().compile(readFileSync(filename, 'utf8'), {
        filename,
        async: false,
        strict: true,
        localsName: 'it',
      });
      compiled.set(view, fn);
    }
    return fn;
  };
  const assetUrl = (name: string) => assets.get(name)?.url ?? '';
  return {
    page(ctx, view, title, data = {}) {
      const user = currentUser(ctx);
      const locals = {
        title,
        nav: NAV,
        active: view,
        user,
        csrf: csrfTokenFor(ctx),
        nonce: nonceOf(ctx),
        flash: takeFlash(ctx),
        css: assetUrl('admin.css'),
        js: assetUrl('admin.js'),
        showTime,
        ...data,
      };
      ctx.type = 'html';
      ctx.body = template(view)(locals);
    },
  };
}
