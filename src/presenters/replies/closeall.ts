/**
 * `/closeall` texts (SPEC §5.4): the preview with mode, what would close and the one-time code;
 * the result; and the refusals for a wrong, expired or missing code.
 */
import type { ClosePositionResult, HostMode, Position } from '../../host/types.ts';
import { count, word } from './format.ts';
import { alignLines, monospace, plural } from './layout.ts';
import { positionHeadLine } from './positions.ts';

/** `LIVE` or `ANALYZE`, the way the confirmation names the mode. */
export function modeName(mode: HostMode): string {
  return mode === 'analyze' ? 'ANALYZE' : 'LIVE';
}

/** Nothing open: no code is issued. */
export function presentNothingToClose(mode: HostMode): string {
  return `*Close all* · ${modeName(mode)}\nNo open positions, so there is nothing to close.`;
}

/** The preview: mode, the open positions, and how to confirm. */
export function presentClosePreview(
  mode: HostMode,
  open: readonly Position[],
  code: string,
  validSeconds: number,
): string {
  const consequence =
    mode === 'analyze'
      ? 'This squares off every open position in the sandbox (no real orders).'
      : 'This sends real orders to your broker to square off every open position.';
  return [
    `*Close all positions?* · ${modeName(mode)}`,
    `${plural(open.length, 'open position')}:`,
    monospace(alignLines(open.map(positionHeadLine))),
    consequence,
    `To confirm, send */closeall ${code}* within ${validSeconds} s.`,
  ].join('\n');
}

/** The host's answer to the close. */
export function presentCloseResult(result: ClosePositionResult): string {
  const lines = [`*Close all* · ${modeName(result.mode)}`, word(result.message || 'Done.')];
  if (result.failed_closures !== undefined && count(result.failed_closures) !== '0') {
    lines.push(`Failed to close: ${count(result.failed_closures)}. Check your positions.`);
  }
  return lines.join('\n');
}

/** Why a `/closeall <code>` did nothing. */
export type CodeRefusal = 'wrong' | 'expired' | 'none';

/** The reply for a code that did not confirm anything. */
export function presentCodeRefused(reason: CodeRefusal): string {
  switch (reason) {
    case 'wrong':
      return 'That code is not right, so nothing was closed. Send /closeall for a new code.';
    case 'expired':
      return 'That code has expired, so nothing was closed. Send /closeall for a new code.';
    case 'none':
      return 'There is no close-all waiting for a code, so nothing was closed. Send /closeall first.';
  }
}
