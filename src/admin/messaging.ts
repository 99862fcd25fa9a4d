/**
 * Sending from the admin UI (SPEC §7.2 Compose, §7.3): one phone (`/send`), the linked recipients
 * (`/broadcast`, at most 5 per call), and the test message. Checks run in OpenAlgo's order with
 * its messages; unlike OpenAlgo, messages go out at once through the transport, so the answer says
 * what really happened instead of "Queued". Each call spends one unit of WHATSAPP_MESSAGE_RATE_LIMIT
 * per client IP.
 */
import { basename } from 'node:path';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSpec } from '../config.ts';
import { WHATSAPP_CONFIG_ID, WhatsappConfig, WhatsappUser, type Database } from '../db/index.ts';
import { AppError, NotPairedError, RateLimitError, ValidationError } from '../errors.ts';
import { checkAttachmentPath } from '../notify/attachments.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { OutgoingContent, Recipient, WhatsAppTransport } from '../whatsapp/transport.ts';
import { canSend, STATE_WORDS } from './link-status.ts';

/** Most recipients one broadcast reaches (as the notify API's `phones`). */
export const BROADCAST_CAP = 5;
/** OpenAlgo's test message text. */
export const TEST_MESSAGE = '*Test from OpenAlgo*\nYour WhatsApp integration is working.';
const MAX_MESSAGE = 4096;

/** What messaging needs. */
export interface MessagingDeps {
  db: Database;
  transport: WhatsAppTransport;
  settings: Pick<OwnerSettings, 'getMode'>;
  rateLimit: RateLimitSpec;
  attachmentRoots: readonly string[];
}

/** A `/send` request. */
export interface SendInput {
  phone?: string;
  message?: string;
  imagePath?: string;
  documentPath?: string;
}

/** Broadcast outcome (OpenAlgo's `queued`/`skipped`, plus `failed`). */
export interface BroadcastResult {
  sent: number;
  failed: number;
  skipped: number;
}

/** The sending service. */
export interface Messaging {
  send(ip: string, input: SendInput): Promise<string>;
  broadcast(
    ip: string,
    message: string | undefined,
    filters: { notificationsEnabled?: boolean; broker?: string },
  ): Promise<BroadcastResult>;
  test(ip: string): Promise<string>;
}

function requireOpen(transport: WhatsAppTransport): void {
  const state = transport.state();
  if (canSend(state)) return;
  if (state === 'unpaired' || state === 'logged_out' || state === 'pairing') {
    throw new NotPairedError('WhatsApp is not paired. Pair the device first to send messages.');
  }
  throw new NotPairedError(
    `WhatsApp is not connected right now (${STATE_WORDS[state].label}). Try again once the dashboard shows Connected.`,
  );
}

function requireMessage(message: string | undefined): string {
  if (!message || message.trim() === '') throw new ValidationError('Message is required');
  if (message.length > MAX_MESSAGE)
    throw new ValidationError('Message must not exceed 4096 characters');
  return message;
}

async function attachment(
  field: 'image_path' | 'document_path',
  path: string,
  roots: readonly string[],
): Promise<string> {
  const verdict = await checkAttachmentPath(path, roots);
  if (!verdict.ok) throw new ValidationError(`${field} is not allowed`);
  return verdict.path;
}

async function contentFor(
  input: SendInput,
  message: string,
  roots: readonly string[],
): Promise<OutgoingContent> {
  if (input.imagePath) {
    return {
      type: 'image',
      path: await attachment('image_path', input.imagePath, roots),
      caption: message,
    };
  }
  if (input.documentPath) {
    const path = await attachment('document_path', input.documentPath, roots);
    return { type: 'document', path, fileName: basename(path), followUpText: message };
  }
  return { type: 'text', text: message };
}

/** Builds the service. */
export function createMessaging(deps: MessagingDeps): Messaging {
  const limiter = new RateLimiterMemory({
    keyPrefix: 'admin-send',
    points: deps.rateLimit.limit,
    duration: Math.max(1, Math.round(deps.rateLimit.windowMs / 1000)),
  });
  const spend = async (ip: string) => {
    try {
      await limiter.consume(ip || 'unknown');
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new RateLimitError(refusal.msBeforeNext / 1000);
      throw refusal;
    }
  };
  const deliver = (to: Recipient, content: OutgoingContent) => deps.transport.send(to, content);
  return {
    async send(ip, input) {
      requireOpen(deps.transport);
      const digits = (input.phone ?? '').replace(/\D/g, '');
      if (!input.phone?.trim()) throw new ValidationError('Phone number is required');
      if (digits.length < 7 || digits.length > 15)
        throw new ValidationError('Invalid phone number');
      const message = requireMessage(input.message);
      const content = await contentFor(input, message, deps.attachmentRoots);
      await spend(ip);
      const receipt = await deliver({ kind: 'jid', jid: `${digits}@s.whatsapp.net` }, content);
      return receipt.jid;
    },
    async broadcast(ip, message, filters) {
      requireOpen(deps.transport);
      const text = requireMessage(message);
      const em = deps.db.em();
      const config = await em.findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
      if (!config.broadcastEnabled)
        throw new AppError(403, 'broadcast_disabled', 'Broadcast is disabled');
      const where = {
        isActive: true,
        ...(filters.notificationsEnabled === undefined
          ? {}
          : { notificationsEnabled: filters.notificationsEnabled }),
        ...(filters.broker ? { broker: filters.broker } : {}),
      };
      const users = await em.find(WhatsappUser, where, { orderBy: { id: 'asc' } });
      if (users.length === 0) {
        throw new ValidationError(
          'No linked recipients match. Add recipients on the Recipients page first.',
        );
      }
      await spend(ip);
      const result: BroadcastResult = {
        sent: 0,
        failed: 0,
        skipped: Math.max(0, users.length - BROADCAST_CAP),
      };
      for (const user of users.slice(0, BROADCAST_CAP)) {
        const ok = await deliver(
          { kind: 'jid', jid: user.whatsappJid },
          { type: 'text', text },
        ).then(
          () => true,
          () => false,
        );
        if (ok) result.sent += 1;
        else result.failed += 1;
      }
      return result;
    },
    async test(ip) {
      requireOpen(deps.transport);
      const { mode, ownerPhones } = await deps.settings.getMode();
      const phone = ownerPhones[0];
      if (mode === 'dedicated_number' && !phone) {
        throw new ValidationError(
          'Add your personal number under Settings → Mode first: in dedicated-number mode the test goes there.',
        );
      }
      await spend(ip);
      const to: Recipient =
        mode === 'dedicated_number'
          ? { kind: 'jid', jid: `${phone}@s.whatsapp.net` }
          : { kind: 'self' };
      return (await deliver(to, { type: 'text', text: TEST_MESSAGE })).jid;
    },
  };
}
