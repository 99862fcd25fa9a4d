/**
 * Alert presenters: pure functions from order events (and lists of rendered alerts) to WhatsApp
 * text. Import from here rather than from the individual files.
 */
export {
  alertTitle,
  isAnalyzeMode,
  renderAlert,
  ANALYZE_MODE_LINE,
  LIVE_MODE_LINE,
  SEPARATOR,
  type RenderAlertOptions,
} from './render.ts';
export {
  DIGEST_MAX_ITEMS,
  renderBurst,
  renderDelayedPrefix,
  renderMissedDigest,
  type MissedAlert,
} from './digest.ts';
export { DEFAULT_TIME_ZONE, formatClock, formatDuration, isValidTimeZone } from './time.ts';
export { count, pyFloat, pythonFloatRepr, text } from './values.ts';
