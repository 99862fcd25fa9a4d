/**
 * Command-reply presenters: pure functions from host data (and command state) to WhatsApp text.
 * Import from here rather than from the individual files.
 */
export { chunkReply, type ChunkOptions } from './chunk.ts';
export {
  modeName,
  presentClosePreview,
  presentCloseResult,
  presentCodeRefused,
  presentNothingToClose,
  type CodeRefusal,
} from './closeall.ts';
export {
  hostLabel,
  presentHostFailure,
  presentSlowDown,
  presentStale,
  presentUnexpected,
  presentUnknownCommand,
  type HostFailureView,
} from './errors.ts';
export {
  count,
  money,
  NOT_AVAILABLE,
  signedMoney,
  signedPercent,
  signedQuantity,
  word,
} from './format.ts';
export { presentFunds, presentPnl } from './funds.ts';
export { presentHelp, type HelpEntry } from './help.ts';
export { presentHoldings } from './holdings.ts';
export { ANALYZE_MARKER } from './layout.ts';
export { presentOrderbook, statisticsLine, statusTag } from './orderbook.ts';
export { isOpenPosition, presentPositions } from './positions.ts';
export {
  MUTE_USAGE,
  presentMuted,
  presentPreferences,
  presentUnmuted,
  type PreferencesView,
} from './preferences.ts';
export { changeText, presentQuote } from './quote.ts';
export { presentMode, presentStatus, type StatusView } from './status.ts';
export { presentTradebook } from './tradebook.ts';
