/**
 * Media as the phone handles it: fetch the encrypted blob the companion uploaded, check its MAC and hashes,
 * decrypt it; and the reverse for media the phone sends.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { getMediaKeys } from '@whiskeysockets/baileys';
import type { MediaType, proto } from '@whiskeysockets/baileys';
import type { MediaServer } from './media-server.ts';

/** The fields every media message (image, document, …) carries. */
type MediaFields = Pick<
  proto.Message.IImageMessage,
  'mediaKey' | 'directPath' | 'url' | 'fileSha256' | 'fileEncSha256' | 'fileLength'
>;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** Downloads (from the simulator's store) and decrypts a media message; throws when any check fails. */
export async function decryptMedia(
  media: MediaServer,
  message: MediaFields,
  type: MediaType,
): Promise<Buffer> {
  const path = message.directPath ?? (message.url ? new URL(message.url).pathname : undefined);
  const blob = path ? media.blob(path) : undefined;
  if (!blob || !message.mediaKey) throw new Error('media blob or media key missing');
  if (message.fileEncSha256 && !sha256(blob).equals(Buffer.from(message.fileEncSha256)))
    throw new Error('fileEncSha256 mismatch');
  const { cipherKey, iv, macKey } = await getMediaKeys(message.mediaKey, type);
  if (!macKey) throw new Error('no MAC key derived');
  const ciphertext = blob.subarray(0, -10);
  const mac = createHmac('sha256', macKey).update(iv).update(ciphertext).digest().subarray(0, 10);
  if (!timingSafeEqual(mac, blob.subarray(-10))) throw new Error('media MAC mismatch');
  const decipher = createDecipheriv('aes-256-cbc', cipherKey, iv);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (message.fileSha256 && !sha256(plain).equals(Buffer.from(message.fileSha256)))
    throw new Error('fileSha256 mismatch');
  return plain;
}

/** Encrypts bytes the way WhatsApp clients do and stores them; returns the fields for the media message. */
export async function encryptMedia(
  media: MediaServer,
  data: Buffer,
  type: MediaType,
): Promise<Required<MediaFields>> {
  const mediaKey = randomBytes(32);
  const { cipherKey, iv, macKey } = await getMediaKeys(mediaKey, type);
  if (!macKey) throw new Error('no MAC key derived');
  const cipher = createCipheriv('aes-256-cbc', cipherKey, iv);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  const mac = createHmac('sha256', macKey).update(iv).update(ciphertext).digest().subarray(0, 10);
  const encrypted = Buffer.concat([ciphertext, mac]);
  const directPath = media.put(encrypted, type);
  return {
    mediaKey,
    directPath,
    // Baileys takes the download host from `url`, so it must name the simulator.
    url: `${media.url}${directPath}`,
    fileSha256: sha256(data),
    fileEncSha256: sha256(encrypted),
    fileLength: data.length,
  };
}
