import { expect } from 'chai';
import { createChatPacer } from '../../../src/whatsapp/chat-pacer.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chat pacer bounds', () => {
  it('forgets chats that went quiet, so memory follows active chats only', async () => {
    const pacer = createChatPacer(2, 50);
    await Promise.all(Array.from({ length: 500 }, (_, n) => pacer.acquire(`${n}@s.whatsapp.net`)));
    expect(pacer.trackedChats()).to.equal(500);
    await sleep(120);
    await pacer.acquire('fresh@s.whatsapp.net');
    expect(pacer.trackedChats()).to.equal(1);
  });

  it('keeps a chat whose sends are still waiting, and grants them in order', async () => {
    const pacer = createChatPacer(1, 60);
    const order: number[] = [];
    const grants = [0, 1, 2].map((n) =>
      pacer.acquire('busy@s.whatsapp.net').then(() => order.push(n)),
    );
    await sleep(70);
    await pacer.acquire('other@s.whatsapp.net');
    expect(pacer.trackedChats()).to.equal(2);
    await Promise.all(grants);
    expect(order).to.deep.equal([0, 1, 2]);
  });

  it('never lets more than the cap through inside any window', async () => {
    const pacer = createChatPacer(3, 100);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, () =>
        pacer.acquire('a@s.whatsapp.net').then(() => times.push(Date.now())),
      ),
    );
    for (let i = 3; i < times.length; i += 1) {
      expect(times[i]! - times[i - 3]!).to.be.at.least(95);
    }
  });
});
