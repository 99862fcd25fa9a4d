/**
 * An in-memory WhatsAppTransport for unit and integration tests of the code *behind* the port
 * (outbox, dispatcher, notify, admin). The end-to-end suite never uses it: there the real Baileys
 * link talks to the WhatsApp simulator.
 */
import { EventEmitter } from 'node:events';
import { NotPairedError, TransportError } from '../../src/errors.ts';
import type {
  InboundHandler,
  InboundMessage,
  LinkState,
  OutgoingContent,
  OwnerIdentity,
  PairingEvent,
  PairingRequest,
  Recipient,
  SendReceipt,
  StateChange,
  WhatsAppTransport,
} from '../../src/whatsapp/transport.ts';

/** One message the fake "sent". */
export interface FakeSent {
  to: Recipient;
  jid: string;
  content: OutgoingContent;
  receipt: SendReceipt;
}

/** The fake, with knobs for tests. */
export interface FakeTransport extends WhatsAppTransport {
  readonly sent: FakeSent[];
  setState(state: LinkState, reason?: string): void;
  setIdentity(identity: OwnerIdentity | null): void;
  /** The next `count` sends fail with a TransportError. */
  failNextSends(count: number): void;
  /** Delivers an inbound message to the registered handler and waits for it. */
  deliver(message: Partial<InboundMessage> & { text: string }): Promise<void>;
  /** Resolves when `count` messages in total have been sent. */
  waitForSent(count: number): Promise<FakeSent[]>;
}

export const OWNER_PN = '919876543210@s.whatsapp.net';
export const OWNER_LID = '123456789012345@lid';

/** Creates a fake that starts `open` with an owner identity (override with the knobs). */
export function createFakeTransport(initial: LinkState = 'open'): FakeTransport {
  const events = new EventEmitter();
  const sent: FakeSent[] = [];
  const ownIds = new Set<string>();
  let state: LinkState = initial;
  let since = new Date();
  let identity: OwnerIdentity | null = {
    pnJid: OWNER_PN,
    lidJid: OWNER_LID,
    knownLids: [OWNER_LID],
  };
  let handler: InboundHandler | null = null;
  let failures = 0;
  let counter = 0;

  function setState(next: LinkState, reason?: string) {
    if (next === state) return;
    const change: StateChange = {
      state: next,
      previous: state,
      at: new Date(),
      ...(reason ? { reason } : {}),
    };
    state = next;
    since = change.at;
    events.emit('state', change);
  }

  const fake: FakeTransport = {
    sent,
    state: () => state,
    stateSince: () => since,
    identity: () => identity,
    waVersion: () => '2.3000.0',
    lastInboundAt: () => null,
    start: () => Promise.resolve(setState(identity ? 'open' : 'unpaired')),
    stop: () => Promise.resolve(setState('stopped')),
    unlink: () => Promise.resolve(((identity = null), setState('unpaired'))),
    startPairing: (_request: PairingRequest) => Promise.resolve(setState('pairing')),
    cancelPairing: () => Promise.resolve(setState('unpaired')),
    async send(to, content) {
      if (state !== 'open' && state !== 'degraded') throw new NotPairedError();
      if (failures > 0) {
        failures -= 1;
        throw new TransportError('fake send failure');
      }
      const jid = to.kind === 'self' ? (identity?.pnJid ?? '') : to.jid;
      const messageId = `FAKE${String(++counter).padStart(8, '0')}`;
      ownIds.add(messageId);
      const receipt: SendReceipt = { messageId, messageIds: [messageId], jid, sentAt: new Date() };
      sent.push({ to, jid, content, receipt });
      events.emit('sent');
      return Promise.resolve(receipt);
    },
    isOwnMessage: (id) => Promise.resolve(ownIds.has(id)),
    onStateChange(listener) {
      events.on('state', listener);
      return () => events.off('state', listener);
    },
    onPairing(listener: (event: PairingEvent) => void) {
      events.on('pairing', listener);
      return () => events.off('pairing', listener);
    },
    onInbound(next) {
      handler = next;
    },
    close: () => Promise.resolve(),
    setState,
    setIdentity(next) {
      identity = next;
    },
    failNextSends(count) {
      failures = count;
    },
    async deliver(partial) {
      const message: InboundMessage = {
        id: partial.id ?? `IN${String(++counter).padStart(8, '0')}`,
        chatJid: partial.chatJid ?? OWNER_PN,
        chatJidAlt: partial.chatJidAlt ?? null,
        senderJid: partial.senderJid ?? OWNER_PN,
        senderJidAlt: partial.senderJidAlt ?? null,
        fromMe: partial.fromMe ?? true,
        text: partial.text,
        sentAt: partial.sentAt ?? new Date(),
        upsertType: partial.upsertType ?? 'notify',
      };
      if (handler) await handler(message);
    },
    waitForSent(count) {
      return new Promise((resolve) => {
        const check = () => {
          if (sent.length >= count) {
            events.off('sent', check);
            resolve(sent.slice());
          }
        };
        events.on('sent', check);
        check();
      });
    },
  };
  return fake;
}
