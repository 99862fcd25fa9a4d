import { expect } from 'chai';
import { OutboxMessage, WebhookEvent, type Database } from '../../../src/db/index.ts';
import { validateOrderEvent, type OrderEvent } from '../../../src/http/schemas/order-event.ts';
import { buildOrderEvent } from '../../support/host-sim/index.ts';
import { createHarness, type Harness } from './support/harness.ts';

function placed(): OrderEvent {
  const result = validateOrderEvent(buildOrderEvent('order.placed'));
  if (!result.ok) throw new Error(result.error);
  return result.event;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Wraps the database's transactions: counts them and, when `hold` is on, keeps each one open
 * after its writes until `release()` (so a test can look at the world before the COMMIT), or
 * throws after its writes when `failWith` is set (the transaction rolls back).
 */
function instrument(db: Database) {
  const original = db.transactional.bind(db);
  const gates: (() => void)[] = [];
  const control = {
    transactions: 0,
    hold: false,
    failWith: null as Error | null,
    async release() {
      while (gates.length === 0) await turn();
      gates.shift()!();
      await turn();
    },
  };
  db.transactional = <T>(fn: Parameters<Database['transactional']>[0]) =>
    original(async (em) => {
      control.transactions += 1;
      const result = (await fn(em)) as T;
      if (control.hold) await new Promise<void>((resolve) => gates.push(resolve));
      if (control.failWith) throw control.failWith;
      return result;
    });
  return control;
}

describe('webhook ingest: group commit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('commits concurrent events in one transaction, writing a repeated id once', async () => {
    const tx = instrument(h.db);
    const ids = ['msg_a', 'msg_b', 'msg_a', 'msg_c', 'msg_b'];
    const results = await Promise.all(ids.map((id) => h.service.ingest(id, placed())));
    expect(results.map((r) => r.outcome)).to.deep.equal([
      'queued',
      'queued',
      'duplicate',
      'queued',
      'duplicate',
    ]);
    expect(tx.transactions).to.equal(1);
    expect((await h.ledger()).map((row) => row.webhookId).sort()).to.deep.equal([
      'msg_a',
      'msg_b',
      'msg_c',
    ]);
    const outbox = await h.outbox();
    expect(outbox.map((row) => row.idempotencyKey).sort()).to.deep.equal([
      'alert:msg_a:self',
      'alert:msg_b:self',
      'alert:msg_c:self',
    ]);
  });

  it('answers an id already in the ledger as a duplicate inside a batch of new ones', async () => {
    await h.service.ingest('msg_old', placed());
    const results = await Promise.all(
      ['msg_new', 'msg_old'].map((id) => h.service.ingest(id, placed())),
    );
    expect(results.map((r) => r.outcome)).to.deep.equal(['queued', 'duplicate']);
    expect(await h.outbox()).to.have.length(2);
  });

  it('retries a batch that breaks a unique key one event at a time: only the culprit is a duplicate', async () => {
    // msg_y's alert row outlived its ledger row, so the batch's outbox insert collides.
    await h.service.ingest('msg_y', placed());
    await h.db.em().nativeDelete(WebhookEvent, { webhookId: 'msg_y' });
    const tx = instrument(h.db);
    const results = await Promise.all(
      ['msg_x', 'msg_y', 'msg_z'].map((id) => h.service.ingest(id, placed())),
    );
    expect(results.map((r) => r.outcome)).to.deep.equal(['queued', 'duplicate', 'queued']);
    expect(tx.transactions).to.equal(4);
    // No half of msg_y was committed: its retry rolled its ledger row back with the collision.
    expect((await h.ledger()).map((row) => row.webhookId).sort()).to.deep.equal(['msg_x', 'msg_z']);
    expect(await h.db.em().count(OutboxMessage, {})).to.equal(3);
  });

  it('fails every event of a batch whose transaction fails, committing none of them', async () => {
    const tx = instrument(h.db);
    tx.failWith = new Error('simulated commit failure');
    const results = await Promise.allSettled(
      ['msg_1', 'msg_2', 'msg_3'].map((id) => h.service.ingest(id, placed())),
    );
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(tx.transactions).to.equal(1);
    expect(await h.ledger()).to.have.length(0);
    expect(await h.outbox()).to.have.length(0);
    // The host's retry after the failure is accepted.
    tx.failWith = null;
    expect((await h.service.ingest('msg_2', placed())).outcome).to.equal('queued');
    expect(await h.outbox()).to.have.length(1);
  });

  it('answers 202 only once the transaction holding the event has committed', async () => {
    const tx = instrument(h.db);
    tx.hold = true;
    let answered = 0;
    const sends = ['msg_p', 'msg_q', 'msg_p'].map((webhookId) =>
      h.sender.send(buildOrderEvent('order.placed'), { webhookId }).then((sent) => {
        answered += 1;
        return sent;
      }),
    );
    while (tx.transactions === 0) await turn();
    // The first transaction holds its writes uncommitted: nobody may have an answer yet.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).to.equal(0);
    tx.hold = false;
    await tx.release();
    const sent = await Promise.all(sends);
    expect(sent.map((s) => s.status)).to.deep.equal([202, 202, 202]);
    expect(sent.map((s) => s.body)).to.deep.equal(
      ['msg_p', 'msg_q', 'msg_p'].map((id) => ({ status: 'accepted', id })),
    );
    expect(await h.outbox()).to.have.length(2);
  });

  it('holds the 202 while the commit is pending, and answers 500 when it fails', async () => {
    const tx = instrument(h.db);
    tx.hold = true;
    tx.failWith = new Error('simulated commit failure');
    let settled = false;
    const send = h.sender.send(buildOrderEvent('order.placed')).finally(() => (settled = true));
    while (tx.transactions === 0) await turn();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).to.equal(false);
    await tx.release();
    const sent = await send;
    expect(sent.status).to.equal(500);
    expect(sent.body).to.deep.include({ status: 'error', code: 'internal_error' });
    expect(await h.ledger()).to.have.length(0);
  });
});
