/**
 * The link state in words (SPEC §8.1, §13: the badge tells the truth). Every state has its own
 * label, colour and one sentence saying what it means and what to do, used by the dashboard badge,
 * the live updates and the JSON status routes.
 */
import type { LinkState, OwnerIdentity, WhatsAppTransport } from '../whatsapp/transport.ts';

/** Colour family of a badge. */
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'idle';

/** How one state is shown. */
export interface StateWords {
  label: string;
  tone: Tone;
  hint: string;
}

/** Words for every state. */
export const STATE_WORDS: Readonly<Record<LinkState, StateWords>> = {
  unpaired: {
    label: 'Not paired',
    tone: 'idle',
    hint: 'No phone is linked yet. Start pairing below.',
  },
  pairing: {
    label: 'Pairing',
    tone: 'busy',
    hint: 'Waiting for the phone to scan the QR or enter the code.',
  },
  connecting: { label: 'Connecting', tone: 'busy', hint: 'Opening the connection to WhatsApp.' },
  open: { label: 'Connected', tone: 'ok', hint: 'Alerts are delivered and commands are answered.' },
  degraded: {
    label: 'Connected, not receiving',
    tone: 'warn',
    hint: 'The connection is up but WhatsApp has gone quiet or messages fail to decrypt. It will reconnect by itself; press Reconnect if it persists.',
  },
  reconnecting: {
    label: 'Reconnecting',
    tone: 'warn',
    hint: 'The connection dropped and is being retried. Alerts wait in the queue meanwhile.',
  },
  logged_out: {
    label: 'Logged out',
    tone: 'bad',
    hint: 'The phone removed this linked device (or WhatsApp ended the session). Pair again.',
  },
  replaced: {
    label: 'Replaced by another session',
    tone: 'bad',
    hint: 'Another copy of this sidecar connected with the same session. Stop the other one, then press Reconnect.',
  },
  forbidden: {
    label: 'Blocked by WhatsApp',
    tone: 'bad',
    hint: 'WhatsApp refused this account or device. Check the phone, then pair again.',
  },
  stopped: {
    label: 'Stopped',
    tone: 'idle',
    hint: 'Stopped on purpose. Press Reconnect to connect again.',
  },
};

/** States where a socket is up or coming up. */
const RUNNING: readonly LinkState[] = ['connecting', 'open', 'degraded', 'reconnecting'];
/** States where sends can go out. */
const SENDABLE: readonly LinkState[] = ['open', 'degraded'];

/** True when a session is linked (the phone lists us as a device). */
export function isPaired(state: LinkState, identity: OwnerIdentity | null): boolean {
  return identity !== null && state !== 'unpaired' && state !== 'logged_out' && state !== 'pairing';
}

/** True when a message can be sent now. */
export function canSend(state: LinkState): boolean {
  return SENDABLE.includes(state);
}

/** The link summary pushed as `whatsapp_status` and returned by `GET /whatsapp/bot/status`. */
export interface LinkSummary {
  is_running: boolean;
  is_paired: boolean;
  state: LinkState;
  state_label: string;
  state_tone: Tone;
  state_hint: string;
  state_since: string;
}

/** Summarises the transport now. */
export function linkSummary(transport: WhatsAppTransport): LinkSummary {
  const state = transport.state();
  const words = STATE_WORDS[state];
  return {
    is_running: RUNNING.includes(state),
    is_paired: isPaired(state, transport.identity()),
    state,
    state_label: words.label,
    state_tone: words.tone,
    state_hint: words.hint,
    state_since: transport.stateSince().toISOString(),
  };
}

/** The digits of a JID's user part (`919876543210@s.whatsapp.net` → `919876543210`). */
export function jidDigits(jid: string | null | undefined): string | null {
  const user = jid?.split('@')[0]?.split(':')[0] ?? '';
  return /^\d+$/.test(user) ? user : null;
}
