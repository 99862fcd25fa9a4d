/**
 * A small tmpfs to put a sidecar's database on, then fill it up or remount it read-only, as a
 * full or failing disk would. Mounting needs root (or CAP_SYS_ADMIN), as in this sandbox and CI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A mounted tmpfs and its controls. */
export interface SmallDisk {
  path: string;
  /** Writes a filler file taking every free byte. */
  fill(): void;
  /** Removes the filler. */
  free(): void;
  remount(mode: 'ro' | 'rw'): void;
  /** Unmounts and removes the mount point. */
  cleanup(): void;
}

/** Mounts a `sizeMb` tmpfs on a fresh temp directory. */
export function mountSmallDisk(sizeMb = 16): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'oaw-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', path]);
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    throw new Error(
      `the disk-failure suite mounts a tmpfs and needs root (CAP_SYS_ADMIN): ${String(error)}`,
    );
  }
  const filler = join(path, 'filler');
  return {
    path,
    fill() {
      const { bavail, bsize } = statfsSync(path);
      writeFileSync(filler, Buffer.alloc(bavail * bsize));
    },
    free: () => rmSync(filler, { force: true }),
    remount: (mode) => execFileSync('mount', ['-o', `remount,${mode}`, path]),
    cleanup() {
      execFileSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
