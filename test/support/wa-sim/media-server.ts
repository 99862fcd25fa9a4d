/**
 * The simulated media CDN: HTTPS (Baileys hard-codes `https://`) with a generated self-signed certificate,
 * accepting uploads at `/mms/<type>/<hash>` and serving downloads by direct path. Blobs stay in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/** A running media endpoint. */
export interface MediaServer {
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, the hostname handed out in `media_conn`. */
  host: string;
  /** PEM of the self-signed certificate, to trust in the client. */
  caPem: string;
  /** The auth token handed out in `media_conn` and required on uploads. */
  auth: string;
  /** Encrypted blob stored at a direct path (as the phone downloads it, without HTTP). */
  blob(directPath: string): Buffer | undefined;
  /** Stores an encrypted blob and returns its direct path (used when the phone sends media). */
  put(encrypted: Buffer, mediaType: string): string;
  close(): Promise<void>;
}

/** Generates a certificate valid for 127.0.0.1/localhost and starts the HTTPS server on a free port. */
export async function startMediaServer(): Promise<MediaServer> {
  const pems = await generate([{ name: 'commonName', value: 'wa-sim media' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const blobs = new Map<string, Buffer>();
  const auth = randomBytes(16).toString('base64url');
  const put = (encrypted: Buffer, mediaType: string) => {
    const directPath = `/v/t62.${mediaType}/${randomBytes(12).toString('hex')}.enc`;
    blobs.set(directPath, encrypted);
    return directPath;
  };
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    handle(req, res, { blobs, auth, put, host: hostOf(server) }).catch(() =>
      reply(res, 500, { error: 'internal' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = hostOf(server);
  return {
    url: `https://${host}`,
    host,
    caPem: pems.cert,
    auth,
    blob: (directPath) => blobs.get(directPath.split('?')[0] ?? directPath),
    put,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface MediaState {
  blobs: Map<string, Buffer>;
  auth: string;
  host: string;
  put(encrypted: Buffer, mediaType: string): string;
}

/** Routes one request: upload (POST /mms/…) or download (GET direct path). */
async function handle(req: IncomingMessage, res: ServerResponse, state: MediaState): Promise<void> {
  const url = new URL(req.url ?? '/', `https://${state.host}`);
  if (req.method === 'GET') {
    const blob = state.blobs.get(url.pathname);
    if (!blob) return reply(res, 404, { error: 'not found' });
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': blob.length,
    });
    res.end(blob);
    return;
  }
  const match = /^\/mms\/([a-z-]+)\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (req.method !== 'POST' || !match) return reply(res, 404, { error: 'not found' });
  if (url.searchParams.get('auth') !== state.auth) return reply(res, 401, { error: 'bad auth' });
  const body = await readBody(req);
  // The token is base64url(sha256(encrypted body)); a mismatch means a corrupted or truncated upload.
  const hash = createHash('sha256').update(body).digest('base64url');
  if (hash !== match[2] || url.searchParams.get('token') !== hash)
    return reply(res, 400, { error: 'hash mismatch' });
  const directPath = state.put(body, match[1] ?? 'media');
  reply(res, 200, { url: `https://${state.host}${directPath}`, direct_path: directPath });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function hostOf(server: Server): string {
  const address = server.address() as AddressInfo | null;
  return `127.0.0.1:${address?.port ?? 0}`;
}
