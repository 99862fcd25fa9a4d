/**
 * What a notify sends, and how it is stored in the outbox when queued. Both directions live here so
 * the outbox drainer (src/alerts/outbox.ts) turns a `kind: 'notify'` row back into exactly the
 * content an immediate send would have used.
 */
import { basename } from 'node:path';
import type { OutboxMessage } from '../db/index.ts';
import type { OutgoingContent, Recipient } from '../whatsapp/transport.ts';

/** `recipientJid` of an outbox row addressed to the owner's own chat. */
export const SELF_RECIPIENT = 'self';

/** The checked inputs: text fields as sent, attachment paths already resolved and allowed. */
export interface NotifyContentInput {
  message?: string | undefined;
  caption?: string | undefined;
  filename?: string | undefined;
  imagePath?: string | undefined;
  documentPath?: string | undefined;
}

/** The first non-empty text, or undefined (OpenAlgo's `a or b`). */
function firstText(...texts: Array<string | undefined>): string | undefined {
  return texts.find((text) => text !== undefined && text !== '');
}

/**
 * Builds the message (OpenAlgo's media rules): an image carries the caption, or the text when
 * there is no caption; a document carries its file name (the file's own name when none is given)
 * and is followed by one text message with the text, or the caption when there is no text.
 */
export function buildContent(input: NotifyContentInput): OutgoingContent {
  if (input.imagePath) {
    const caption = firstText(input.caption, input.message);
    return { type: 'image', path: input.imagePath, ...(caption ? { caption } : {}) };
  }
  if (input.documentPath) {
    const followUpText = firstText(input.message, input.caption);
    return {
      type: 'document',
      path: input.documentPath,
      fileName: firstText(input.filename) ?? basename(input.documentPath),
      ...(followUpText ? { followUpText } : {}),
    };
  }
  return { type: 'text', text: input.message ?? '' };
}

/** The outbox columns that carry a notify's content. */
export type OutboxContentFields = Pick<
  OutboxMessage,
  'message' | 'mediaPath' | 'mediaKind' | 'fileName' | 'caption'
>;

/**
 * Content → outbox columns: `message` is the text (or a document's follow-up text), `caption` an
 * image's caption, `fileName` a document's display name.
 */
export function contentToOutboxFields(content: OutgoingContent): OutboxContentFields {
  const empty = { message: null, mediaPath: null, mediaKind: null, fileName: null, caption: null };
  if (content.type === 'text') return { ...empty, message: content.text };
  if (content.type === 'image') {
    return {
      ...empty,
      mediaPath: content.path,
      mediaKind: 'image',
      caption: content.caption ?? null,
    };
  }
  return {
    ...empty,
    mediaPath: content.path,
    mediaKind: 'document',
    fileName: content.fileName,
    message: content.followUpText ?? null,
  };
}

/** Outbox columns → content; the inverse of {@link contentToOutboxFields}. */
export function outboxFieldsToContent(row: OutboxContentFields): OutgoingContent {
  if (row.mediaKind === 'image' && row.mediaPath) {
    return { type: 'image', path: row.mediaPath, ...(row.caption ? { caption: row.caption } : {}) };
  }
  if (row.mediaKind === 'document' && row.mediaPath) {
    return {
      type: 'document',
      path: row.mediaPath,
      fileName: row.fileName ?? basename(row.mediaPath),
      ...(row.message ? { followUpText: row.message } : {}),
    };
  }
  return { type: 'text', text: row.message ?? '' };
}

/** A recipient as stored in `recipientJid` (`self` for the owner's own chat). */
export function recipientToOutbox(recipient: Recipient): string {
  return recipient.kind === 'self' ? SELF_RECIPIENT : recipient.jid;
}

/** `recipientJid` of an outbox row → the transport's recipient. */
export function outboxToRecipient(recipientJid: string): Recipient {
  return recipientJid === SELF_RECIPIENT ? { kind: 'self' } : { kind: 'jid', jid: recipientJid };
}
