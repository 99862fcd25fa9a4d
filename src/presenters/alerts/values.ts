/**
 * How field values print in alert texts. OpenAlgo builds its alerts with Python f-strings over
 * JSON-decoded data; we reproduce that output with one deterministic rule per kind of field, so
 * that a value arriving as `"10"` or as `10` always prints the same:
 *
 * - Missing (`undefined` or `null`) prints `N/A` (OpenAlgo's default for absent keys; we also treat
 *   JSON `null` as absent rather than printing Python's `None`).
 * - {@link text}: identifiers and words. Strings print verbatim; numbers print in JavaScript's
 *   shortest decimal form; booleans as Python's `True`/`False`; objects and arrays as `N/A`.
 *   Control characters (newlines included) become spaces so a value can never forge extra lines.
 * - {@link count}: quantities and counts echoed from the caller. A number, or a string holding a
 *   decimal numeral (optionally with an exponent), prints in shortest decimal form: `10`, `"10"`, `"10.0"` all print `10`;
 *   `"2.50"` prints `2.5`. Python would print an integral float `10.0` as `10.0`, but JSON parsing
 *   in JavaScript cannot tell `10.0` from `10`, so we canonicalise instead.
 * - {@link pyFloat}: values that are Python floats on OpenAlgo's side (`underlying_ltp`, trigger
 *   prices, average prices). They print like Python's `str(float)`: `1186`, `"1186"` and `1186.0`
 *   all print `1186.0`; `1186.55` prints `1186.55`; exponents follow Python (`1e-05`, `1e+16`).
 * Non-numeric strings in numeric fields print verbatim (as {@link text}).
 */

/** What OpenAlgo prints for an absent field. */
export const MISSING = 'N/A';

const NUMERAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** The numeric value of a number or a plain decimal numeral string, else undefined. */
export function toNumber(value: unknown): number | undefined {
  const numeric = typeof value === 'string' && NUMERAL.test(value) ? Number(value) : value;
  return typeof numeric === 'number' && Number.isFinite(numeric) ? numeric : undefined;
}

/** True when the value is absent (`undefined` or `null`). */
export function isMissing(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Python truthiness, adapted so strings and numbers agree: absent, `false`, empty strings and
 * numeric zero (`0`, `"0"`, `"0.0"`) are falsy; everything else is truthy.
 */
export function isTruthy(value: unknown): boolean {
  if (isMissing(value) || value === false || value === '') return false;
  const numeric = toNumber(value);
  return numeric === undefined || numeric !== 0;
}

/** Shortest decimal form; `-0` prints as `0`. */
function shortestDecimal(n: number): string {
  return String(n === 0 ? 0 : n);
}

/** Prints a value verbatim (see the module comment). */
export function text(value: unknown): string {
  if (isMissing(value)) return MISSING;
  if (typeof value === 'string') return value.replace(CONTROL_CHARS, ' ');
  if (typeof value === 'number') return shortestDecimal(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return MISSING;
}

/** Prints a quantity or count in canonical shortest form (see the module comment). */
export function count(value: unknown): string {
  const numeric = toNumber(value);
  return numeric === undefined ? text(value) : shortestDecimal(numeric);
}

/** Python's `repr(float)` for a finite number. */
export function pythonFloatRepr(n: number): string {
  const abs = Math.abs(n);
  if (n === 0) return '0.0';
  if (abs >= 1e-4 && abs < 1e16) {
    const decimal = String(n);
    return Number.isInteger(n) ? `${decimal}.0` : decimal;
  }
  // Python switches to exponent form outside [1e-4, 1e16) and pads the exponent to two digits.
  const [mantissa = '', exponent = ''] = n.toExponential().split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** Prints a value that is a Python float on OpenAlgo's side (see the module comment). */
export function pyFloat(value: unknown): string {
  const numeric = toNumber(value);
  return numeric === undefined ? text(value) : pythonFloatRepr(numeric);
}

/** Prints the value, or `fallback` when it is absent (e.g. `Failed` for a missing error message). */
export function textOr(value: unknown, fallback: string): string {
  return isMissing(value) ? fallback : text(value);
}

/** Reads a key of a plain object, or undefined when `source` is not an object. */
export function field(source: unknown, key: string): unknown {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  return (source as Record<string, unknown>)[key];
}

/** The first of the values that is present, for fields the host may send in several places. */
export function firstPresent(...values: unknown[]): unknown {
  return values.find((value) => !isMissing(value));
}

/** The value as an array, or an empty array when it is absent or not an array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
