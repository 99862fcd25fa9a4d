/**
 * What the admin pages and OpenAlgo's client know about pairing: OpenAlgo's `pair_state`
 * (`status` idle|starting|awaiting_scan|paired|failed, `qr_data_url` as a PNG data URL,
 * `pair_code`, `error`, `started_at`, `paired_at`) plus the QR as inline SVG with its expiry for
 * our page's countdown. Follows the transport's pairing events and pushes each change live.
 */
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { jidDigits, linkSummary } from './link-status.ts';
import type { LiveEvents } from './live-events.ts';
import { maskPhone } from '../logger.ts';

/** OpenAlgo's pairing statuses. */
export type PairStatus = 'idle' | 'starting' | 'awaiting_scan' | 'paired' | 'failed';

/** OpenAlgo's `pair_state` object. */
export interface PairState {
  status: PairStatus;
  qr_data_url: string | null;
  pair_code: string | null;
  error: string | null;
  started_at: string | null;
  paired_at: string | null;
}

/** Everything the pairing page shows. */
export interface PairingSnapshot {
  state: PairState;
  method: 'qr' | 'code' | null;
  qrSvg: string | null;
  qrExpiresAt: string | null;
}

/** The tracker. */
export interface PairingView {
  snapshot(): PairingSnapshot;
  /** Marks a pairing as starting (before the transport is asked). */
  begin(method: 'qr' | 'code'): void;
  /** Back to idle (unlink, cancel, a start that was refused). */
  reset(): void;
  /** Stops following the transport. */
  close(): void;
}

function idle(): PairState {
  return {
    status: 'idle',
    qr_data_url: null,
    pair_code: null,
    error: null,
    started_at: null,
    paired_at: null,
  };
}

/**
 * Renders a QR both ways: SVG for our page, PNG data URL for OpenAlgo's client. `qrcode` (and the
 * PNG encoder under it) is loaded on the first QR, not at boot: a paired sidecar never needs it,
 * and it would sit in the idle resident set (SPEC §12) for nothing.
 */
async function renderQr(text: string): Promise<{ svg: string; dataUrl: string }> {
  const { default: QRCode } = await import('qrcode');
  const [svg, dataUrl] = await Promise.all([
    QRCode.toString(text, { type: 'svg', margin: 4, errorCorrectionLevel: 'L' }),
    QRCode.toDataURL(text, { margin: 4, width: 264, errorCorrectionLevel: 'L' }),
  ]);
  return { svg, dataUrl };
}

/** Builds the tracker over the transport, publishing to `live`. */
export function createPairingView(transport: WhatsAppTransport, live: LiveEvents): PairingView {
  let state = idle();
  let method: PairingSnapshot['method'] = null;
  let qrSvg: string | null = null;
  let qrExpiresAt: string | null = null;
  let generation = 0;

  const publishState = () => live.publish('whatsapp_pair_status', state);
  const offPairing = transport.onPairing((event) => {
    if (event.kind === 'qr') {
      const mine = generation;
      void renderQr(event.qr).then(({ svg, dataUrl }) => {
        if (mine !== generation) return;
        state = { ...state, status: 'awaiting_scan', qr_data_url: dataUrl, error: null };
        qrSvg = svg;
        qrExpiresAt = event.expiresAt.toISOString();
        live.publish('whatsapp_qr', { data_url: dataUrl, svg, expires_at: qrExpiresAt });
      });
    } else if (event.kind === 'code') {
      state = { ...state, status: 'awaiting_scan', pair_code: event.code, error: null };
      live.publish('whatsapp_pair_code', { code: event.code });
    } else if (event.kind === 'paired') {
      generation += 1;
      state = {
        ...state,
        status: 'paired',
        qr_data_url: null,
        pair_code: null,
        error: null,
        paired_at: new Date().toISOString(),
      };
      qrSvg = null;
      const digits = jidDigits(event.identity.pnJid);
      live.publish('whatsapp_paired', {
        own_phone: digits ? maskPhone(digits) : null,
        own_jid: null,
      });
      publishState();
    } else {
      generation += 1;
      state = { ...state, status: 'failed', qr_data_url: null, error: event.error };
      qrSvg = null;
      publishState();
    }
  });
  const offState = transport.onStateChange(() =>
    live.publish('whatsapp_status', linkSummary(transport)),
  );

  return {
    snapshot: () => ({ state, method, qrSvg, qrExpiresAt }),
    begin(next) {
      generation += 1;
      method = next;
      qrSvg = null;
      qrExpiresAt = null;
      state = { ...idle(), status: 'starting', started_at: new Date().toISOString() };
      publishState();
    },
    reset() {
      generation += 1;
      method = null;
      qrSvg = null;
      qrExpiresAt = null;
      state = idle();
      publishState();
    },
    close() {
      offPairing();
      offState();
    },
  };
}
