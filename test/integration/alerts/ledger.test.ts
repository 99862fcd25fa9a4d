import { expect } from 'chai';
import { WebhookEvent } from '../../../src/db/index.ts';
import { LEDGER_RETENTION_MS } from '../../../src/alerts/ingest.ts';
import { validateOrderEvent, type OrderEvent } from '../../../src/http/schemas/order-event.ts';
import { buildOrderEvent } from '../../support/host-sim/index.ts';
import { createHarness, type Harness } from './support/harness.ts';

function placed(): OrderEvent {
  const result = validateOrderEvent(buildOrderEvent('order.placed'));
  if (!result.ok) throw new Error(result.error);
  return result.event;
}

describe('webhook ledger', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('lets only one of two concurrent deliveries of an id write rows', async () => {
    const results = await Promise.all([
      h.service.ingest('msg_race', placed()),
      h.service.ingest('msg_race', placed()),
    ]);
    expect(results.map((r) => r.outcome).sort()).to.deep.equal(['duplicate', 'queued']);
    expect(await h.ledger()).to.have.length(1);
    expect(await h.outbox()).to.have.length(1);
  });

  it('treats an id whose alert row outlived its ledger row as a duplicate', async () => {
    await h.service.ingest('msg_old', placed());
    await h.db.em().nativeDelete(WebhookEvent, { webhookId: 'msg_old' });
    expect((await h.service.ingest('msg_old', placed())).outcome).to.equal('duplicate');
    expect(await h.outbox()).to.have.length(1);
  });

  it('prunes ledger rows older than the retention, keeping newer ones', async () => {
    await h.service.ingest('msg_1', placed());
    h.clock.advance(LEDGER_RETENTION_MS - 60_000);
    await h.service.ingest('msg_2', placed());
    h.clock.advance(120_000);
    expect(await h.service.pruneLedger()).to.equal(1);
    expect((await h.ledger()).map((row) => row.webhookId)).to.deep.equal(['msg_2']);
    expect(LEDGER_RETENTION_MS).to.be.at.least(24 * 3600 * 1000);
  });

  it('prunes on start and then every hour', async () => {
    await h.service.ingest('msg_1', placed());
    h.clock.advance(LEDGER_RETENTION_MS + 1);
    await h.service.start();
    await waitUntil(async () => (await h.ledger()).length === 0);
    await h.service.ingest('msg_2', placed());
    h.clock.advance(LEDGER_RETENTION_MS + 1);
    await waitUntil(async () => (await h.ledger()).length === 0);
  });
});

/** Polls a database condition that a background timer makes true (no fixed sleeps). */
async function waitUntil(check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}
