import { EventEmitter } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { WASocket } from '@whiskeysockets/baileys';
import { expect } from 'chai';
import { NotPairedError } from '../../../src/errors.ts';
import { sendsInFlight, untilSocketCloses } from '../../../src/whatsapp/link-sender.ts';

/** Just the part of a Baileys socket the close watch uses. */
function fakeSocket(): { socket: WASocket; ev: EventEmitter } {
  const ev = new EventEmitter();
  return { socket: { ev } as unknown as WASocket, ev };
}

/** A full collection, so a WeakRef tells whether anything still holds its target. */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // WeakRef targets stay alive until the current job ends: let it end before collecting.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

/** Sends `count` messages to completion; weak references to what each resolved with. */
async function sendMany(socket: WASocket, count: number): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let n = 0; n < count; n += 1) {
    const sent = { message: { conversation: 'x'.repeat(1_000) } };
    refs.push(new WeakRef(sent));
    await untilSocketCloses(socket, Promise.resolve(sent));
  }
  return refs;
}

/** The error `promise` rejected with (fails the test when it fulfils). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('send close watch', () => {
  it('keeps one listener per socket and forgets every settled send', async () => {
    const { socket, ev } = fakeSocket();
    await Promise.all(
      Array.from({ length: 1_000 }, (_, n) => untilSocketCloses(socket, Promise.resolve(n))),
    );
    await untilSocketCloses(socket, Promise.reject(new Error('refused'))).catch(() => undefined);
    expect(ev.listenerCount('connection.update')).to.equal(1);
    expect(sendsInFlight(socket)).to.equal(0);
  });

  it('does not hold what sends resolved with while the socket stays open', async () => {
    const { socket } = fakeSocket();
    const refs = await sendMany(socket, 50);
    await collectGarbage();
    expect(refs.filter((ref) => ref.deref() !== undefined)).to.have.length(0);
  });

  it('fails sends in flight at once when the socket closes, and later ones immediately', async () => {
    const { socket, ev } = fakeSocket();
    const stuck = untilSocketCloses(socket, new Promise<never>(() => undefined));
    expect(sendsInFlight(socket)).to.equal(1);
    ev.emit('connection.update', { connection: 'close' });
    expect(await rejection(stuck)).to.be.instanceOf(NotPairedError);
    expect(sendsInFlight(socket)).to.equal(0);
    expect(ev.listenerCount('connection.update')).to.equal(0);
    const late = untilSocketCloses(socket, Promise.reject(new Error('Connection Closed')));
    expect(await rejection(late)).to.be.instanceOf(NotPairedError);
  });
});
