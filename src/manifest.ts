import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';

const MANIFEST_URL = new URL('../plugin.manifest.json', import.meta.url);
const SCHEMA_URL = new URL('../schemas/plugin-manifest.schema.json', import.meta.url);

/** Reads and parses a JSON file next to the sources. */
function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

/**
 * Validates a manifest object against the JSON Schema kept in the repo; returns the problems in
 * words (empty when valid).
 */
export function manifestProblems(manifest: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(readJson(SCHEMA_URL) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/**
 * Loads `plugin.manifest.json` (SPEC §11) and checks it against its schema. Boot fails on an invalid
 * manifest: the host relies on it to wire webhooks, menus and SSO.
 */
export function loadManifest(): Record<string, unknown> {
  const manifest = readJson(MANIFEST_URL);
  const problems = manifestProblems(manifest);
  if (problems.length > 0) {
    throw new Error(`plugin.manifest.json is invalid: ${problems.join('; ')}`);
  }
  return manifest as Record<string, unknown>;
}
