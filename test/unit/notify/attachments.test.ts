import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import {
  checkAttachmentPath,
  hasParentSegment,
  isDeniedPath,
  isInsideRoots,
  MAX_ATTACHMENT_BYTES,
} from '../../../src/notify/attachments.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';

describe('notify attachment path rules (real files in temp dirs)', () => {
  let dir: TempDir;
  let root: string;
  let outside: string;

  const touch = (path: string, size = 10) => {
    writeFileSync(path, Buffer.alloc(size, 1));
    return path;
  };
  const check = (path: string, roots: readonly string[] = [root]) =>
    checkAttachmentPath(path, roots);
  const rejected = async (path: string, reason: string, roots?: readonly string[]) =>
    expect(await check(path, roots)).to.deep.equal({ ok: false, reason });

  beforeEach(() => {
    dir = makeTempDir('oaw-attach-');
    root = join(dir.path, 'attachments');
    outside = join(dir.path, 'elsewhere');
    mkdirSync(root);
    mkdirSync(outside);
  });
  afterEach(() => dir.cleanup());

  it('accepts a regular file inside the root, returning its real path and size', async () => {
    const file = touch(join(root, 'chart.png'), 1234);
    expect(await check(file)).to.deep.equal({ ok: true, path: file, size: 1234 });
  });

  it('accepts files in subdirectories and names containing dots', async () => {
    mkdirSync(join(root, 'a..b'));
    const file = touch(join(root, 'a..b', 'x..y.pdf'));
    expect((await check(file)).ok).to.equal(true);
  });

  it('refuses any `..` segment, with / or \\ separators, even when it would land inside', async () => {
    const file = touch(join(root, 'chart.png'));
    await rejected(`${root}/../attachments/chart.png`, 'parent_segment');
    await rejected(`${root}\\..\\attachments/chart.png`, 'parent_segment');
    await rejected(`${file}/..`, 'parent_segment');
  });

  it('does not decode URL-encoded text: %2e%2e is an ordinary name', async () => {
    await rejected(`${root}/%2e%2e/elsewhere/x.pdf`, 'unresolvable');
    mkdirSync(join(root, '%2e%2e'));
    const file = touch(join(root, '%2e%2e', 'x.pdf'));
    expect(await check(file)).to.deep.include({ ok: true, path: file });
  });

  it('refuses relative paths, including Windows-style ones on POSIX', async () => {
    touch(join(root, 'chart.png'));
    await rejected('attachments/chart.png', 'not_absolute');
    await rejected('./chart.png', 'not_absolute');
    await rejected('C:\\data\\chart.png', 'not_absolute');
  });

  it('refuses a NUL byte', async () => {
    await rejected(`${root}/chart.png\0.txt`, 'nul_byte');
  });

  it('refuses deny-listed prefixes case-insensitively, even when a root is configured there', async () => {
    await rejected('/etc/hostname', 'denied_prefix', ['/etc']);
    await rejected('/ETC/hostname', 'denied_prefix', ['/']);
    await rejected('/proc/self/status', 'denied_prefix', ['/proc']);
    await rejected('/sys/kernel/hostname', 'denied_prefix', ['/sys']);
    await rejected('/var/log/syslog', 'denied_prefix', ['/var']);
    await rejected('/root/.bashrc', 'denied_prefix', ['/']);
    expect(isDeniedPath('/etcd/data')).to.equal(true);
    expect(isDeniedPath('/rootfs/x')).to.equal(true);
    expect(isDeniedPath('c:\\windows\\system32\\x.dll')).to.equal(true);
    expect(isDeniedPath('C:/Users/Default/x')).to.equal(true);
    expect(isDeniedPath('/srv/etc/x')).to.equal(false);
  });

  it('refuses a symlink inside the root that points to a deny-listed file', async () => {
    const link = join(root, 'innocent.txt');
    symlinkSync('/etc/passwd', link);
    await rejected(link, 'denied_prefix');
  });

  it('refuses a symlink inside the root that points outside it, through any number of hops', async () => {
    const target = touch(join(outside, 'secret.pdf'));
    symlinkSync(target, join(root, 'hop2.pdf'));
    symlinkSync(join(root, 'hop2.pdf'), join(root, 'hop1.pdf'));
    await rejected(join(root, 'hop1.pdf'), 'outside_roots');
    symlinkSync(outside, join(root, 'dirlink'));
    await rejected(join(root, 'dirlink', 'secret.pdf'), 'outside_roots');
  });

  it('accepts a multi-hop symlink that stays inside the root', async () => {
    const target = touch(join(root, 'real.pdf'));
    symlinkSync(target, join(root, 'b.pdf'));
    symlinkSync(join(root, 'b.pdf'), join(root, 'a.pdf'));
    expect(await check(join(root, 'a.pdf'))).to.deep.include({ ok: true, path: target });
  });

  it('realpaths the roots: a symlinked root allows its target, under either name', async () => {
    const linkedRoot = join(dir.path, 'linked-root');
    symlinkSync(root, linkedRoot);
    const file = touch(join(root, 'x.pdf'));
    expect(await check(join(linkedRoot, 'x.pdf'), [linkedRoot])).to.deep.include({ path: file });
    expect(await check(file, [linkedRoot])).to.deep.include({ ok: true });
  });

  it('refuses a sibling directory that shares the root as a name prefix', async () => {
    mkdirSync(`${root}-evil`);
    await rejected(touch(join(`${root}-evil`, 'x.pdf')), 'outside_roots');
    expect(isInsideRoots(`${root}-evil/x`, [root])).to.equal(false);
    expect(isInsideRoots(`${root}/x`, [root])).to.equal(true);
  });

  it('compares roots case-sensitively on POSIX', async () => {
    const upper = join(dir.path, 'Attachments');
    mkdirSync(upper);
    await rejected(touch(join(upper, 'x.pdf')), 'outside_roots');
  });

  it('ignores roots that do not exist', async () => {
    const file = touch(join(root, 'x.pdf'));
    await rejected(file, 'outside_roots', [join(dir.path, 'missing')]);
    expect((await check(file, [join(dir.path, 'missing'), root])).ok).to.equal(true);
  });

  it('refuses a missing file, a directory and the root itself (not regular files)', async () => {
    await rejected(join(root, 'missing.pdf'), 'unresolvable');
    mkdirSync(join(root, 'folder'));
    await rejected(join(root, 'folder'), 'not_regular_file');
    await rejected(root, 'not_regular_file');
  });

  it('refuses a FIFO and a socket inside the root', async () => {
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await rejected(fifo, 'not_regular_file');
    const socketPath = join(root, 'sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await rejected(socketPath, 'not_regular_file');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('accepts exactly 16 MiB and refuses a 17 MiB (sparse) file', async () => {
    const limit = join(root, 'limit.bin');
    touch(limit, 0);
    truncateSync(limit, MAX_ATTACHMENT_BYTES);
    expect((await check(limit)).ok).to.equal(true);
    const big = join(root, 'big.bin');
    touch(big, 0);
    truncateSync(big, 17 * 1024 * 1024);
    await rejected(big, 'too_large');
  });

  it('finds `..` segments only as whole segments', () => {
    expect(hasParentSegment('/a/../b')).to.equal(true);
    expect(hasParentSegment('..\\b')).to.equal(true);
    expect(hasParentSegment('/a/..b/c')).to.equal(false);
    expect(hasParentSegment('/a/.../c')).to.equal(false);
  });
});
