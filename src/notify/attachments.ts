/**
 * Attachment path rules of SPEC §6 (`image_path`, `document_path`). The checks run in OpenAlgo's
 * order, but stricter: the roots are realpath-ed too (a symlinked root cannot widen the allow
 * list), root containment is case-sensitive on a case-sensitive file system, and the file must be
 * a regular file of at most 16 MiB. Rejection reasons are codes, never the path, so callers can log
 * them safely.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, sep } from 'node:path';

/** Largest attachment accepted (WhatsApp's own media limits are higher; this bounds our memory). */
export const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024;

/** Prefixes never served, compared case-insensitively as plain prefixes (so `/etcd` is denied too). */
export const DENY_PREFIXES: readonly string[] = [
  '/etc',
  '/proc',
  '/sys',
  '/root',
  '/var/log',
  'C:\\Windows',
  'C:\\Users\\Default',
];

/** Why a path was refused (logged; never shown to the client). */
export type AttachmentRejection =
  | 'nul_byte'
  | 'parent_segment'
  | 'not_absolute'
  | 'unresolvable'
  | 'denied_prefix'
  | 'outside_roots'
  | 'not_regular_file'
  | 'too_large';

/** The verdict on one path: the resolved real path to send, or why not. */
export type AttachmentVerdict =
  { ok: true; path: string; size: number } | { ok: false; reason: AttachmentRejection };

/** Lower case with `\` as `/`, so the Windows prefixes compare the same way as POSIX ones. */
function comparable(path: string): string {
  return path.replaceAll('\\', '/').toLowerCase();
}

const DENIED = DENY_PREFIXES.map(comparable);

/** True when `path` starts with a deny-listed prefix. */
export function isDeniedPath(path: string): boolean {
  const candidate = comparable(path);
  return DENIED.some((prefix) => candidate.startsWith(prefix));
}

/** True when any `/`- or `\`-separated segment is exactly `..` (`a..b` and `%2e%2e` are names). */
export function hasParentSegment(path: string): boolean {
  return path.replaceAll('\\', '/').split('/').includes('..');
}

/** The real paths of the roots that exist (a missing root allows nothing). */
async function realRoots(roots: readonly string[]): Promise<string[]> {
  const resolved = await Promise.all(roots.map((root) => realpath(root).catch(() => null)));
  return resolved.filter((root): root is string => root !== null);
}

/** True when `path` is a root itself or lies below one (with a separator, so `/a/bc` is not in `/a/b`). */
export function isInsideRoots(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
    return path === root || path.startsWith(prefix);
  });
}

/** The checks that need only the text of the path. */
function lexicalRejection(raw: string): AttachmentRejection | null {
  if (raw.includes('\0')) return 'nul_byte';
  if (hasParentSegment(raw)) return 'parent_segment';
  if (!isAbsolute(raw)) return 'not_absolute';
  if (isDeniedPath(raw)) return 'denied_prefix';
  return null;
}

/**
 * Checks one attachment path against every rule of SPEC §6 and returns the resolved real path to
 * send (so a symlink swapped after the check cannot redirect the send) or the rejection reason.
 * Any file system error is a rejection, never a throw.
 */
export async function checkAttachmentPath(
  raw: string,
  roots: readonly string[],
): Promise<AttachmentVerdict> {
  const lexical = lexicalRejection(raw);
  if (lexical) return { ok: false, reason: lexical };
  let resolved: string;
  try {
    resolved = await realpath(raw);
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
  if (isDeniedPath(resolved)) return { ok: false, reason: 'denied_prefix' };
  if (!isInsideRoots(resolved, await realRoots(roots)))
    return { ok: false, reason: 'outside_roots' };
  try {
    const info = await stat(resolved);
    if (!info.isFile()) return { ok: false, reason: 'not_regular_file' };
    if (info.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too_large' };
    return { ok: true, path: resolved, size: info.size };
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
}
