import type { AnyMessageContent } from '@whiskeysockets/baileys';
import { extname } from 'node:path';
import type { OutgoingContent } from './transport.ts';

const MIME_BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.html': 'text/html',
  '.zip': 'application/zip',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** Guesses a MIME type from a file name; unknown types travel as generic binary. */
export function mimeTypeFor(fileName: string): string {
  return MIME_BY_EXTENSION[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Baileys message content for the first (main) message. Files are streamed from disk by path
 * (`{ url: path }`), never loaded whole into memory. A document's follow-up text is a separate
 * message, sent after it (SPEC §6).
 */
export function toBaileysContent(content: OutgoingContent): AnyMessageContent {
  switch (content.type) {
    case 'text':
      return { text: content.text };
    case 'image':
      return {
        image: { url: content.path },
        ...(content.caption ? { caption: content.caption } : {}),
      };
    case 'document':
      return {
        document: { url: content.path },
        fileName: content.fileName,
        mimetype: content.mimetype ?? mimeTypeFor(content.fileName),
      };
  }
}
