/**
 * The control API: forced disconnects (each maps to a Baileys status code), deaf mode, latency and
 * failing acks.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import type { SimCore } from './core.ts';
import type { DisconnectCode, WaSimControl } from './types.ts';

/** The stanza that makes Baileys end with each status code (undefined: special handling). */
const ENDINGS: Partial<Record<DisconnectCode, BinaryNode>> = {
  515: { tag: 'stream:error', attrs: { code: '515' } },
  // A `conflict` child without a code maps to 440 connectionReplaced.
  440: {
    tag: 'stream:error',
    attrs: {},
    content: [{ tag: 'conflict', attrs: { type: 'replaced' } }],
  },
  401: {
    tag: 'stream:error',
    attrs: { code: '401' },
    content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }],
  },
  428: { tag: 'xmlstreamend', attrs: {} },
  403: { tag: 'failure', attrs: { reason: '403' } },
  411: { tag: 'ib', attrs: {}, content: [{ tag: 'downgrade_webclient', attrs: {} }] },
  503: { tag: 'stream:error', attrs: { code: '503' } },
  // No code and an unknown child: Baileys falls back to 500 badSession.
  500: { tag: 'stream:error', attrs: {}, content: [{ tag: 'wa-sim-unknown', attrs: {} }] },
};

/** True when `who` names this connection: its device JID, its phone number or its PN JID. */
function matches(conn: SimConnection, who: string | undefined): boolean {
  if (!conn.account) return false;
  if (!who) return true;
  const pn = conn.account.phoneNumber;
  return who === conn.jid || who === pn || who === `${pn}@s.whatsapp.net`;
}

/** Builds the control API over a simulator's shared state. */
export function makeControl(core: SimCore, keepAliveSilenceMs: number): WaSimControl {
  return {
    disconnect(code, who) {
      for (const conn of [...core.connections].filter((c) => matches(c, who))) {
        if (code === 408) {
          // Say nothing at all: Baileys' keep-alive check ends the connection with 408.
          conn.silent = true;
          setTimeout(() => conn.terminate(), keepAliveSilenceMs).unref();
          continue;
        }
        if (code === 401 && conn.account && conn.companion)
          core.store.unlinkCompanion(conn.account, conn.companion.deviceId);
        const ending = ENDINGS[code];
        if (ending) conn.send(structuredClone(ending));
        conn.closeSoon();
      }
    },
    setDeaf(on) {
      core.settings.deaf = on;
    },
    setLatency(ms) {
      core.settings.latencyMs = Math.max(0, ms);
    },
    failNextAcks(count, error) {
      for (let i = 0; i < count; i++) core.settings.ackErrors.push(error);
    },
  };
}
