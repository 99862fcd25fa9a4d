/**
 * Benchmarks print one figure per line as `FIGURE <name> <value> <unit> [target]`, which
 * run-all.ts collects into docs/BENCHMARKS.md. The figures, not pass/fail, are the output.
 */

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Prints one figure line. */
export function figure(name: string, value: number, unit: string, target = ''): void {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  process.stdout.write(`FIGURE ${name} ${rounded} ${unit}${target ? ` ${target}` : ''}\n`);
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}
