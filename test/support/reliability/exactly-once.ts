/**
 * The exactly-once check shared by the kill, disconnect and retry suites: every event's alert row
 * finished by one path, and the phone shows it accordingly. An alert sent alone or in a burst
 * message shows its symbol exactly once, in the very message whose id the row stores. An alert
 * listed in a "you missed" digest (restart reconciliation of a row left in `sending` without a
 * WhatsApp id) shows no copy of its own, or at most one when its send was on the wire at the
 * kill: the SPEC's "at most one copy plus one digest line, never nothing".
 */
import { expect } from 'chai';
import { OutboxMessage, type Database } from '../../../src/db/index.ts';
import type { PhoneInboundMessage, SimPhone } from '../wa-sim/index.ts';
import {
  alertRow,
  uniqueById,
  deliveryPath,
  missedDigestLines,
  symbolCounts,
  type DeliveryPath,
  type TaggedEvent,
} from './accounting.ts';

/** How many alerts took each path; `listedAndDelivered` is the subset of `digest` with a copy. */
export type PathCounts = Record<DeliveryPath, number> & { listedAndDelivered: number };

/** One event and the webhook id it was finally accepted under. */
export interface AcceptedEvent extends TaggedEvent {
  webhookId: string;
}

/** Waits until the phone holds each of `ids` (a sent row's id may reach it a moment later). */
export async function waitForIds(phone: SimPhone, ids: Iterable<string>): Promise<void> {
  for (const id of new Set(ids)) await phone.waitForMessage((m) => m.id === id, 15_000);
}

function messageById(received: readonly PhoneInboundMessage[], id: string | null | undefined) {
  return received.find((message) => message.id === id);
}

/** The messages showing `symbol`, for a failure message: id, title line, row id stored. */
function where(received: readonly PhoneInboundMessage[], symbol: string): string {
  const line = new RegExp(`^Symbol: ${symbol}$`, 'm');
  const hits = uniqueById(received).filter((message) => line.test(message.text ?? ''));
  return JSON.stringify(hits.map((m) => [m.id, m.timestampSec, m.text?.split('\n')[0]]));
}

/**
 * Checks every event of `events` against the database and the phone; returns the path counts.
 * `tag` is the symbol prefix of this run (symbols of other runs are ignored).
 */
export async function verifyExactlyOnce(
  db: Database,
  phone: SimPhone,
  events: readonly AcceptedEvent[],
  tag: string,
): Promise<PathCounts> {
  const counts: PathCounts = { own: 0, burst: 0, digest: 0, listedAndDelivered: 0 };
  const rows = await Promise.all(
    events.map(async (event) => {
      const row = await alertRow(db, event.webhookId);
      expect(row, `no alert row for ${event.symbol}`).to.not.equal(null);
      const path = await deliveryPath(db, row!);
      // The message that carried it: its own, or the burst's or digest's it was folded into.
      const carrier =
        row!.coalescedInto === null
          ? row
          : await db.em().findOne(OutboxMessage, { id: row!.coalescedInto });
      return { event, path, messageId: carrier!.waMessageId! };
    }),
  );
  await waitForIds(
    phone,
    rows.map((row) => row.messageId),
  );
  const received = [...phone.received];
  expect(phone.failures.map(String), 'phone decryption failures').to.deep.equal([]);
  const seen = symbolCounts(received, tag);
  for (const { event, path, messageId } of rows) {
    counts[path] += 1;
    const copies = seen.get(event.symbol) ?? 0;
    if (path === 'digest') {
      expect(copies, `${event.symbol} listed in the digest and sent twice`).to.be.at.most(1);
      if (copies === 1) counts.listedAndDelivered += 1;
      continue;
    }
    expect(copies, `${event.symbol} (${path}) copies: ${where(received, event.symbol)}`).to.equal(
      1,
    );
    expect(messageById(received, messageId)?.text, `${event.symbol}: stored id`).to.match(
      new RegExp(`^Symbol: ${event.symbol}$`, 'm'),
    );
  }
  // The digests that carry this run's alerts announce exactly that many alerts.
  const digestIds = new Set(rows.filter((row) => row.path === 'digest').map((r) => r.messageId));
  const digests = uniqueById(received).filter((message) => digestIds.has(message.id));
  expect(missedDigestLines(digests), 'digest lines vs alerts listed').to.equal(counts.digest);
  // No symbol of this run that is not one of the events (nothing invented, nothing doubled).
  const known = new Set(events.map((event) => event.symbol));
  for (const symbol of seen.keys()) expect(known.has(symbol), symbol).to.equal(true);
  return counts;
}
