/**
 * Boot reconciliation of rows a previous process left in `sending` (SPEC §4.4: reconciled, never
 * blindly resent).
 *
 * - A row whose WhatsApp message id is stored was accepted by WhatsApp: it is marked `sent`.
 * - A row without an id was interrupted between the claim and the `sent` mark. Whether WhatsApp got
 *   it cannot be known (the transport picks the message id inside `send`, and a paced send may not
 *   even have started). Resending risks the duplicate the SPEC forbids; dropping it silently risks a
 *   lost alert. The rule chosen: an alert is not resent but listed, by title and time, in a
 *   "you missed" digest to its recipient (status `expired`), so the recipient sees at most one
 *   copy of the alert plus one digest line and never nothing. Digest carriers are failed and their
 *   alerts listed the same way; other kinds (notify, replies) are failed with the reason stored.
 * - Members of a carrier follow their carrier: sent with it, failed with it, or left for it.
 */
import type { OutboxMessage } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { carrierText } from './outbox-content.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { RecipientDirectory } from './recipients.ts';

/** Reason stored on rows whose delivery is unknown after a restart. */
export const UNKNOWN_DELIVERY = 'delivery unknown after restart: not resent';

/** What reconciliation did. */
export interface ReconcileReport {
  markedSent: number;
  /** Alerts listed in a digest instead of being resent. */
  listedInDigest: number;
  failed: number;
}

/** What reconciliation needs. */
export interface ReconcileDeps {
  store: OutboxStore;
  directory: RecipientDirectory;
  logger: Logger;
  now: number;
}

function addTo(map: Map<string, OutboxMessage[]>, rows: OutboxMessage[]): void {
  for (const row of rows) map.set(row.recipientJid, [...(map.get(row.recipientJid) ?? []), row]);
}

/** Settles members whose carrier is not itself being reconciled. */
async function settleOrphans(
  deps: ReconcileDeps,
  members: OutboxMessage[],
  report: ReconcileReport,
) {
  for (const member of members) {
    const carrierStatus = await deps.store.statusOf(member.coalescedInto!);
    if (carrierStatus === 'sent') {
      // The carrier's id is what delivered this alert.
      await deps.store.markSent(member, member.waMessageId ?? 'coalesced', deps.now);
      report.markedSent += 1;
    } else if (carrierStatus !== 'queued') {
      await deps.store.fail(member, UNKNOWN_DELIVERY);
      report.failed += 1;
    }
  }
}

/** Reconciles every `sending` row; call before the first drain. */
export async function reconcileSending(deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { markedSent: 0, listedInDigest: 0, failed: 0 };
  const rows = await deps.store.loadSending();
  const sendingIds = new Set(rows.map((row) => row.id));
  const unknown = new Map<string, OutboxMessage[]>();
  const failedCarriers: OutboxMessage[] = [];
  for (const row of rows) {
    if (row.coalescedInto != null) continue;
    if (row.waMessageId) {
      await deps.store.markSent(row, row.waMessageId, row.sentAt?.getTime() ?? deps.now);
      report.markedSent += 1;
    } else if (row.kind === 'alert') {
      addTo(unknown, [row]);
    } else {
      failedCarriers.push(row);
      addTo(
        unknown,
        rows.filter((member) => member.coalescedInto === row.id && member.kind === 'alert'),
      );
    }
    if (!row.waMessageId) deps.logger.warn({ outboxId: row.id, kind: row.kind }, UNKNOWN_DELIVERY);
  }
  for (const [recipientJid, members] of unknown) {
    const { timezone } = await deps.directory.preferencesFor(recipientJid);
    const message = carrierText('missed', members, timezone);
    await deps.store.fold(
      { type: 'missed', recipientJid, message, members, from: 'sending' },
      deps.now,
    );
    report.listedInDigest += members.length;
  }
  for (const carrier of failedCarriers) await deps.store.fail(carrier, UNKNOWN_DELIVERY);
  report.failed += failedCarriers.length;
  const orphans = rows.filter(
    (row) => row.coalescedInto != null && !sendingIds.has(row.coalescedInto),
  );
  await settleOrphans(deps, orphans, report);
  return report;
}
