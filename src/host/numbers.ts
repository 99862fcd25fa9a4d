/**
 * Numeric fields from the host arrive as JSON numbers or as strings, depending on the broker
 * plugin (`1` vs `"1"`, `83.74` vs `"83.74"`). Presenters parse them through this one helper.
 */

/** Plain decimal notation only: no hex, no `Infinity`, no thousands separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a host numeric field that may be a number or a numeric string.
 * Returns `null` for anything else (empty string, `"N/A"`, `null`, booleans, NaN, ±Infinity), so
 * callers decide how to show a missing value instead of printing `NaN`.
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}
