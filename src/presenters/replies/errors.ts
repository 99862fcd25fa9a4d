/**
 * Short replies for things that went wrong (SPEC §5.3, §5.4): host failures by kind, unknown
 * commands, the rate limit, stale position-changing commands and the unexpected-error reference.
 */
import type { HostApiErrorKind } from '../../errors.ts';
import { formatDuration } from '../alerts/time.ts';
import { word } from './format.ts';

/** What a host-failure reply needs. */
export interface HostFailureView {
  kind: HostApiErrorKind;
  /** The host's own message (shown for `validation` only). */
  message: string;
  /** Where the host was expected (`HOST_SERVER`). */
  hostServer: string;
  timeoutMs: number;
  /** Reference for kinds whose detail stays in the log. */
  ref: string;
}

/** The host's address without credentials, path or query: `http://127.0.0.1:5000`. */
export function hostLabel(hostServer: string): string {
  try {
    return new URL(hostServer).origin;
  } catch {
    return 'the configured address';
  }
}

/** `5 s`, `0.3 s`. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The reply for a failed host call. */
export function presentHostFailure(view: HostFailureView): string {
  switch (view.kind) {
    case 'unreachable':
      return `Could not reach OpenAlgo at ${hostLabel(view.hostServer)}. Is it running?`;
    case 'timeout':
      return `OpenAlgo did not answer within ${seconds(view.timeoutMs)}. Try again in a moment.`;
    case 'invalid_key':
      return 'OpenAlgo rejected the API key (or the broker login expired). Update it on the settings page, or log in to your broker again.';
    case 'broker_session_expired':
      return 'Your broker login has expired. Log in to OpenAlgo again, then retry.';
    case 'validation':
      return `OpenAlgo said: ${word(view.message)}`;
    case 'not_configured':
      return 'No OpenAlgo API key is set. Add it on the WhatsApp settings page.';
    case 'server_error':
      return presentUnexpected(view.ref);
  }
}

/** The reply for an unexpected failure; the full error is logged under `ref`. */
export function presentUnexpected(ref: string): string {
  return `Something went wrong (ref ${ref})`;
}

/** The reply for a name not in the registry, with a suggestion when one is close. */
export function presentUnknownCommand(suggestion: string | null): string {
  const base = 'Unknown command. Send /help for the list.';
  return suggestion === null ? base : `${base} Did you mean /${suggestion}?`;
}

/** The one reply per window once the per-minute limit is hit. */
export function presentSlowDown(perMinute: number): string {
  return `Slow down: at most ${perMinute} commands a minute.`;
}

/** The refusal for a position-changing command replayed too late. */
export function presentStale(command: string, ageMs: number): string {
  return `That /${command} was sent ${formatDuration(ageMs)} ago, so I did not run it. Send it again if you still want it.`;
}
