import type { App } from '../../src/app.ts';
import type { SimPhone } from '../../test/support/wa-sim/index.ts';

/** One line of the simulated phone's "Message yourself" chat. */
export interface ChatLine {
  at: number;
  /** `phone`: typed on the phone; `sidecar`: sent by the linked sidecar (alerts, replies). */
  from: 'phone' | 'sidecar';
  text: string;
}

/** What the sandbox phone page shows and acts on. */
export interface PhoneState {
  chat(): ChatLine[];
  latestQr(): string | null;
  latestCode(): string | null;
  typed(text: string): void;
}

/** Describes a decrypted message for the chat view (media shown by kind and name). */
function describe(message: SimPhone['received'][number]): string {
  if (message.kind === 'text') return message.text ?? '';
  if (message.kind === 'image') return `[image${message.caption ? `] ${message.caption}` : ']'}`;
  if (message.kind === 'document') return `[document ${message.fileName ?? ''}]`;
  return '[message]';
}

/**
 * Tracks the sandbox phone: the latest pairing QR or code the sidecar produced (so the page can
 * "scan" with one click), what the phone typed, and what it received from the sidecar.
 */
export function createPhoneState(app: App, phone: SimPhone): PhoneState {
  let qr: string | null = null;
  let code: string | null = null;
  const typed: ChatLine[] = [];
  app.whatsapp.onPairing((event) => {
    if (event.kind === 'qr') qr = event.qr;
    if (event.kind === 'code') code = event.code;
    if (event.kind === 'paired' || event.kind === 'failed') {
      qr = null;
      code = null;
    }
  });
  return {
    latestQr: () => qr,
    latestCode: () => code,
    typed: (text) => typed.push({ at: Date.now(), from: 'phone', text }),
    chat() {
      const received = phone.received.map<ChatLine>((message) => ({
        at: message.timestampSec * 1000,
        from: 'sidecar',
        text: describe(message),
      }));
      return [...typed, ...received].sort((a, b) => a.at - b.at).slice(-200);
    },
  };
}
