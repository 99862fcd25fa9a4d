import { expect } from 'chai';
import { createChatPacer } from '../../../src/whatsapp/chat-pacer.ts';

describe('chat pacer', () => {
  it('lets the cap through at once and queues the excess instead of dropping it', async () => {
    const pacer = createChatPacer(3, 1_000);
    const started = Date.now();
    const order: number[] = [];
    const grants = [0, 1, 2, 3].map((n) =>
      pacer.acquire('a@s.whatsapp.net').then(() => order.push(n)),
    );
    await Promise.all(grants.slice(0, 3));
    expect(Date.now() - started).to.be.lessThan(500);
    expect(order).to.deep.equal([0, 1, 2]);
    await grants[3];
    expect(order).to.deep.equal([0, 1, 2, 3]);
    expect(Date.now() - started).to.be.at.least(900);
  });

  it('counts each chat separately', async () => {
    const pacer = createChatPacer(1, 60_000);
    await pacer.acquire('a@s.whatsapp.net');
    const started = Date.now();
    await pacer.acquire('b@s.whatsapp.net');
    expect(Date.now() - started).to.be.lessThan(200);
  });
});
