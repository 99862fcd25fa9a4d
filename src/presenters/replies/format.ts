/**
 * How numbers and host-provided words print in command replies. Decisions (SPEC §5.3):
 *
 * - Every numeric field goes through `toNumber`, so `"83.74"` and `83.74` print the same.
 * - Grouping is Indian (`en-IN`: `99,88,122.50`, `1,44,14,545`): OpenAlgo's users trade Indian
 *   markets and read lakhs and crores. Prices and money always show 2 decimals.
 * - Quantities, P&L, changes and percentages carry an explicit sign (`+10`, `-5`, `+1.75`); zero
 *   carries none, and `-0` never shows up.
 * - A value the host did not send (or sent as garbage) prints `n/a`, never `NaN`.
 */
import { toNumber } from '../../host/numbers.ts';

/** What a missing or non-numeric value prints as. */
export const NOT_AVAILABLE = 'n/a';

const MONEY = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const COUNT = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 4 });

/** Rounds to 2 dp first so `-0.001` prints `0.00`, not `-0.00`. */
function roundedMoney(n: number): number {
  const rounded = Math.round(n * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

function sign(n: number): string {
  return n > 0 ? '+' : '';
}

/** A price or amount: `1,186.00`; `n/a` when missing. */
export function money(value: unknown): string {
  const n = toNumber(value);
  return n === null ? NOT_AVAILABLE : MONEY.format(roundedMoney(n));
}

/** A P&L or change: `+1.75`, `-0.16`, `0.00`. */
export function signedMoney(value: unknown): string {
  const n = toNumber(value);
  if (n === null) return NOT_AVAILABLE;
  const rounded = roundedMoney(n);
  return `${sign(rounded)}${MONEY.format(rounded)}`;
}

/** A count or volume: `1,44,14,545` (fractions kept up to 4 dp for crypto quantities). */
export function count(value: unknown): string {
  const n = toNumber(value);
  return n === null ? NOT_AVAILABLE : COUNT.format(n === 0 ? 0 : n);
}

/** A position quantity: `+10` long, `-5` short, `0` flat. */
export function signedQuantity(value: unknown): string {
  const n = toNumber(value);
  if (n === null) return NOT_AVAILABLE;
  return `${sign(n)}${COUNT.format(n === 0 ? 0 : n)}`;
}

/** A percentage: `+8.22%`, `-0.98%`. */
export function signedPercent(value: unknown): string {
  const text = signedMoney(value);
  return text === NOT_AVAILABLE ? text : `${text}%`;
}

// eslint-disable-next-line no-control-regex -- stripping control characters is the point here
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/**
 * A word from the host (symbol, status, message) made safe to embed: control characters become
 * spaces so it cannot forge lines, and backticks become quotes so it cannot close a monospace
 * block. Non-strings print `n/a`.
 */
export function word(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') return NOT_AVAILABLE;
  return value.replace(CONTROL_CHARS, ' ').replace(/`/g, "'").trim();
}

/** The time part of a host timestamp (`2025-04-08 13:58:03` → `13:58:03`). */
export function clockPart(timestamp: unknown): string {
  const text = word(timestamp);
  const last = text.split(' ').pop();
  return last !== undefined && /^\d{1,2}:\d{2}(:\d{2})?$/.test(last) ? last : text;
}
