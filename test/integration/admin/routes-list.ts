/** Every route the admin routers serve, read from the routers themselves, so none is missed. */
import type { AdminUi } from '../../../src/admin/index.ts';

/** One route with its parameters filled in. */
export interface RouteCase {
  method: 'GET' | 'POST';
  path: string;
}

/** Reachable without a session. */
export const PUBLIC_PATHS = [
  '/whatsapp/login',
  '/whatsapp/setup',
  '/whatsapp/sso',
  '/whatsapp/csrf-token',
  '/whatsapp/static/:name',
];

/** Every (method, path) of the admin routers, params filled with harmless values. */
export function adminRoutes(admin: AdminUi): Array<RouteCase & { template: string }> {
  const cases: Array<RouteCase & { template: string }> = [];
  for (const router of admin.routers) {
    for (const layer of router.stack) {
      for (const method of layer.methods) {
        if (method !== 'GET' && method !== 'POST') continue;
        const template = String(layer.path);
        const path = template
          .replace(':jid', encodeURIComponent('919811122233@s.whatsapp.net'))
          .replace(':name', 'admin.css');
        cases.push({ method, path, template });
      }
    }
  }
  return cases;
}
