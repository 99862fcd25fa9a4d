/**
 * The payload checks of the notify API, in order (SPEC §6 and OpenAlgo's order where it has one):
 * types and lengths (the JSON Schema), at least one content field, one attachment at most, exactly
 * one recipient form, the attachment path rules, then recipient resolution (phones, username).
 * Everything here is a 4xx; the link state is checked afterwards by the service.
 */
import { ValidationError } from '../errors.ts';
import { parseNotifyRequest, type NotifyRequestBody } from '../http/schemas/notify-request.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingContent, Recipient } from '../whatsapp/transport.ts';
import { checkAttachmentPath } from './attachments.ts';
import { buildContent } from './content.ts';
import { checkRecipientForm, resolveRecipients, type UsernameLookup } from './recipients.ts';

/** Error texts of the content rules, exact. */
export const CONTENT_MESSAGES = {
  noContent: 'Provide at least one of: message, image_path, document_path',
  twoAttachments: 'Provide at most one of: image_path, document_path',
  imageNotAllowed: 'image_path is not allowed',
  documentNotAllowed: 'document_path is not allowed',
} as const;

/** A request that passed every payload check. */
export interface CheckedNotify {
  recipients: Recipient[];
  skipped: number;
  content: OutgoingContent;
  waitForDelivery: boolean;
}

/** What the payload checks read. */
export interface PayloadCheckDeps {
  attachmentRoots: readonly string[];
  lookupUsername: UsernameLookup;
  logger: Logger;
}

/** Empty strings count as absent, as in OpenAlgo. */
function given(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** The content rules that need only the body. */
function checkContentFields(body: NotifyRequestBody): void {
  if (!given(body.message) && !given(body.image_path) && !given(body.document_path)) {
    throw new ValidationError(CONTENT_MESSAGES.noContent, { code: 'content_required' });
  }
  // OpenAlgo passes both to one send call with undefined results; we refuse the pair instead.
  if (given(body.image_path) && given(body.document_path)) {
    throw new ValidationError(CONTENT_MESSAGES.twoAttachments);
  }
}

/**
 * Resolves one attachment path, or throws the 400 naming the field only. The reason is logged
 * without the path (it may reveal the server's layout or a user's name).
 */
async function allowedPath(
  field: 'image_path' | 'document_path',
  raw: string | undefined,
  deps: PayloadCheckDeps,
): Promise<string | undefined> {
  if (!given(raw)) return undefined;
  const verdict = await checkAttachmentPath(raw, deps.attachmentRoots);
  if (verdict.ok) return verdict.path;
  deps.logger.warn({ field, reason: verdict.reason }, 'notify attachment rejected');
  const message =
    field === 'image_path' ? CONTENT_MESSAGES.imageNotAllowed : CONTENT_MESSAGES.documentNotAllowed;
  throw new ValidationError(message, { code: 'attachment_not_allowed' });
}

/** Runs every payload check on a parsed JSON body; throws the first 4xx. */
export async function checkNotifyPayload(
  json: unknown,
  deps: PayloadCheckDeps,
): Promise<CheckedNotify> {
  const body = parseNotifyRequest(json);
  checkContentFields(body);
  checkRecipientForm(body);
  const imagePath = await allowedPath('image_path', body.image_path, deps);
  const documentPath = await allowedPath('document_path', body.document_path, deps);
  const { recipients, skipped } = await resolveRecipients(body, deps.lookupUsername);
  const content = buildContent({
    message: body.message,
    caption: body.caption,
    filename: body.filename,
    imagePath,
    documentPath,
  });
  return { recipients, skipped, content, waitForDelivery: body.wait_for_delivery ?? true };
}
