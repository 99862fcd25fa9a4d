/**
 * Server-side SVG charts for the stats page (SPEC §7.2): plain markup, no script, styled by
 * classes from the admin stylesheet (the CSP allows no inline styles). Labels are escaped here.
 */
import type { Latency } from './stats.ts';
import { formatDuration } from './activity.ts';

/** Escapes text for SVG/HTML. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const WIDTH = 560;
const LABEL_W = 170;
const VALUE_W = 70;
const ROW_H = 26;
const MAX_BARS = 15;

/** Horizontal bars, largest first; an "empty" note when there is no data. */
export function barChart(title: string, counts: Record<string, number>): string {
  const entries = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_BARS);
  const height = Math.max(1, entries.length) * ROW_H + 8;
  const head = `<svg class="chart" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(title)}</title>`;
  if (entries.length === 0) {
    return `${head}<text class="chart-empty" x="0" y="18">Nothing in this period yet.</text></svg>`;
  }
  const max = Math.max(...entries.map(([, n]) => n));
  const span = WIDTH - LABEL_W - VALUE_W;
  const bars = entries.map(([label, n], i) => {
    const y = i * ROW_H + 4;
    const w = Math.max(2, Math.round((n / max) * span));
    return (
      `<text class="chart-label" x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end">${escapeXml(label.slice(0, 24))}</text>` +
      `<rect class="chart-bar" x="${LABEL_W}" y="${y}" width="${w}" height="${ROW_H - 8}" rx="3"/>` +
      `<text class="chart-value" x="${LABEL_W + w + 6}" y="${y + 15}">${n}</text>`
    );
  });
  return `${head}${bars.join('')}</svg>`;
}

/** p50 and p95 bars side by side for each window (1/7/30 days), on one scale. */
export function latencyChart(windows: readonly Latency[]): string {
  const height = 190;
  const base = 150;
  const max = Math.max(1, ...windows.flatMap((w) => [w.p50 ?? 0, w.p95 ?? 0]));
  const groupW = WIDTH / Math.max(1, windows.length);
  const parts = windows.map((w, i) => {
    const x = i * groupW + groupW / 2;
    const bar = (value: number | null, dx: number, cls: string) => {
      const h = value === null ? 0 : Math.max(2, Math.round((value / max) * 120));
      const label = value === null ? '–' : formatDuration(value);
      return (
        `<rect class="${cls}" x="${x + dx}" y="${base - h}" width="40" height="${h}" rx="3"/>` +
        `<text class="chart-value" x="${x + dx + 20}" y="${base - h - 6}" text-anchor="middle">${escapeXml(label)}</text>`
      );
    };
    return (
      bar(w.p50, -44, 'chart-bar') +
      bar(w.p95, 4, 'chart-bar-alt') +
      `<text class="chart-label" x="${x}" y="${base + 20}" text-anchor="middle">${w.days === 1 ? 'Last day' : `Last ${w.days} days`}</text>` +
      `<text class="chart-note" x="${x}" y="${base + 36}" text-anchor="middle">${w.count} sent</text>`
    );
  });
  const legend =
    `<rect class="chart-bar" x="8" y="4" width="12" height="12"/><text class="chart-note" x="26" y="14">p50</text>` +
    `<rect class="chart-bar-alt" x="70" y="4" width="12" height="12"/><text class="chart-note" x="88" y="14">p95</text>`;
  return `<svg class="chart" role="img" aria-label="Delivery latency p50 and p95" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>Delivery latency, event to sent</title>${legend}${parts.join('')}</svg>`;
}
