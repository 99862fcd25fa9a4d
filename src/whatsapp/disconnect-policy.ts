import type { LinkState } from './transport.ts';

/** What the link does after a socket closes (SPEC §8.2). */
export type DisconnectDecision =
  | { action: 'reconnect-now'; state: 'connecting'; reason: string }
  | { action: 'backoff'; state: 'reconnecting'; reason: string }
  | { action: 'refresh-version'; state: 'reconnecting'; reason: string }
  | {
      action: 'stop';
      state: Extract<LinkState, 'logged_out' | 'replaced' | 'forbidden' | 'stopped'>;
      wipeSession: boolean;
      reason: string;
    };

/**
 * Maps a Baileys disconnect status code to the policy of SPEC §8.2:
 * 515 → reconnect at once; 401 → wipe and `logged_out`; 440 → `replaced`, never retried;
 * 403/402/406 → `forbidden`; 411 → `logged_out` (re-pair); 405 → refresh the WhatsApp Web version
 * once, then stop; anything else (408, 428, 500, 503, network errors) → backoff and retry.
 *
 * `versionAlreadyRefreshed` turns a second 405 into a stop.
 */
export function decideOnDisconnect(
  statusCode: number | undefined,
  versionAlreadyRefreshed = false,
): DisconnectDecision {
  switch (statusCode) {
    case 515:
      return { action: 'reconnect-now', state: 'connecting', reason: 'restart required (515)' };
    case 401:
      return {
        action: 'stop',
        state: 'logged_out',
        wipeSession: true,
        reason: 'logged out from the phone (401)',
      };
    case 440:
      return {
        action: 'stop',
        state: 'replaced',
        wipeSession: false,
        reason: 'connection replaced by another session (440)',
      };
    case 402:
    case 403:
    case 406:
      return {
        action: 'stop',
        state: 'forbidden',
        wipeSession: false,
        reason: `WhatsApp refused this account (${statusCode})`,
      };
    case 411:
      return {
        action: 'stop',
        state: 'logged_out',
        wipeSession: true,
        reason: 'multi-device mismatch: pair again (411)',
      };
    case 405:
      return versionAlreadyRefreshed
        ? {
            action: 'stop',
            state: 'stopped',
            wipeSession: false,
            reason: 'WhatsApp Web version rejected again (405)',
          }
        : {
            action: 'refresh-version',
            state: 'reconnecting',
            reason: 'WhatsApp Web version rejected (405)',
          };
    default:
      return {
        action: 'backoff',
        state: 'reconnecting',
        reason: statusCode ? `connection lost (${statusCode})` : 'connection lost',
      };
  }
}
