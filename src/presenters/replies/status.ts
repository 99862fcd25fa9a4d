/** `/status` and `/mode` texts. */
import { maskPhone } from '../../logger.ts';
import type { AnalyzerStatus } from '../../host/types.ts';
import { formatClock, formatDuration } from '../alerts/time.ts';
import { ANALYZE_MARKER } from './layout.ts';

/** What `/status` reports; all of it read from the link and the settings, no host call. */
export interface StatusView {
  /** The link state from the transport (`open`, `reconnecting`, …). */
  linkState: string;
  linkSince: Date;
  now: Date;
  /** The paired number's PN JID, or null before pairing. */
  pairedJid: string | null;
  ownerUsername: string | null;
  mode: 'self_chat' | 'dedicated_number';
  timeZone: string;
}

/** Renders `/status`; the paired number is masked like in logs. */
export function presentStatus(view: StatusView): string {
  const since = `${formatClock(view.linkSince, view.timeZone)}, ${formatDuration(view.now.getTime() - view.linkSince.getTime())} ago`;
  return [
    '*Status*',
    `WhatsApp link: ${view.linkState} (since ${since})`,
    `Paired number: ${view.pairedJid === null ? 'not paired' : maskPhone(view.pairedJid)}`,
    `Owner: ${view.ownerUsername ?? 'not set'}`,
    `Mode: ${view.mode === 'self_chat' ? 'self-chat' : 'dedicated number'}`,
  ].join('\n');
}

/** Renders `/mode` from the host's analyzer endpoint. */
export function presentMode(status: AnalyzerStatus): string {
  const analyze = status.analyze_mode || status.mode === 'analyze';
  return analyze
    ? `Trading mode: *${ANALYZE_MARKER}* (sandbox: orders are simulated, nothing reaches the broker)`
    : 'Trading mode: *LIVE* (orders go to your broker)';
}
