import { expect } from 'chai';
import { LANE_BURST, LANE_HELD, LANE_NORMAL } from '../../../src/alerts/lanes.ts';
import {
  BURST_WINDOW_MS,
  chunkEvenly,
  planRecipient,
  type PlanRow,
} from '../../../src/alerts/outbox-plan.ts';

const NOW = Date.parse('2025-04-08T05:00:00Z');
const TTL = 900_000;

let nextId = 1;
function row(overrides: Partial<PlanRow> & { ageMs?: number } = {}): PlanRow {
  const { ageMs = 1000, ...rest } = overrides;
  return {
    id: nextId++,
    kind: 'alert',
    priority: LANE_NORMAL,
    eventAt: new Date(NOW - ageMs),
    createdAt: new Date(NOW - ageMs),
    ...rest,
  };
}
const ids = (rows: PlanRow[]) => rows.map((r) => r.id);
const plan = (rows: PlanRow[], recentSends: number[] = []) =>
  planRecipient(rows, { now: NOW, ttlMs: TTL, recentSends });

describe('outbox plan for one recipient', () => {
  it('sends up to five ordinary alerts one by one, oldest first', () => {
    const rows = [row({ ageMs: 100 }), row({ ageMs: 3000 }), row({ ageMs: 2000 })];
    const result = plan(rows);
    expect(ids(result.send)).to.deep.equal([rows[1]!.id, rows[2]!.id, rows[0]!.id]);
    expect(result.defer).to.equal(null);
    expect(result.burst).to.deep.equal([]);
  });

  it('defers alerts past the threshold to the end of the window', () => {
    const rows = Array.from({ length: 8 }, (_, i) => row({ ageMs: 1000 - i }));
    const result = plan(rows);
    expect(ids(result.send)).to.deep.equal(ids(rows.slice(0, 5)));
    expect(ids(result.defer!.rows)).to.deep.equal(ids(rows.slice(5)));
    expect(result.defer!.until).to.equal(NOW + BURST_WINDOW_MS);
  });

  it('counts sends already made in the window and anchors the window at the first', () => {
    const rows = [row(), row(), row()];
    const result = plan(rows, [NOW - 4000, NOW - 3000, NOW - 2000, NOW - 1000]);
    expect(result.send).to.have.length(1);
    expect(result.defer!.rows).to.have.length(2);
    expect(result.defer!.until).to.equal(NOW - 4000 + BURST_WINDOW_MS);
  });

  it('coalesces everything due once a burst window has closed, in even groups of ≤ 20', () => {
    const rows = [
      ...Array.from({ length: 44 }, () => row({ priority: LANE_BURST })),
      row({ priority: LANE_NORMAL }),
    ];
    const result = plan(rows, [NOW - 1000]);
    expect(result.burst.map((group) => group.length)).to.deep.equal([15, 15, 15]);
    expect(result.send).to.deep.equal([]);
    expect(result.defer).to.equal(null);
  });

  it('sends a lone burst or held alert as itself', () => {
    const burst = plan([row({ priority: LANE_BURST })]);
    expect(burst.burst).to.deep.equal([]);
    expect(burst.send).to.have.length(1);
    const held = plan([row({ priority: LANE_HELD })]);
    expect(held.held).to.deep.equal([]);
    expect(held.send).to.have.length(1);
  });

  it('folds alerts past the TTL, but never held ones or other kinds', () => {
    const old = row({ ageMs: TTL + 1 });
    const heldOld = row({ ageMs: TTL * 10, priority: LANE_HELD });
    const heldOld2 = row({ ageMs: TTL * 10, priority: LANE_HELD });
    const notify = row({ ageMs: TTL * 10, kind: 'notify' });
    const fresh = row({ ageMs: TTL });
    const result = plan([old, heldOld, heldOld2, notify, fresh]);
    expect(ids(result.expired)).to.deep.equal([old.id]);
    expect(result.held.map(ids)).to.deep.equal([[heldOld.id, heldOld2.id]]);
    expect(ids(result.send)).to.deep.equal([notify.id, fresh.id]);
  });

  it('places every input row exactly once', () => {
    const rows = [
      ...Array.from({ length: 9 }, () => row()),
      ...Array.from({ length: 3 }, () => row({ priority: LANE_HELD })),
      ...Array.from({ length: 2 }, () => row({ ageMs: TTL * 2 })),
      row({ kind: 'reply' }),
    ];
    const result = plan(rows, [NOW - 500]);
    const placed = [
      ...result.expired,
      ...result.held.flat(),
      ...result.burst.flat(),
      ...(result.defer?.rows ?? []),
      ...result.send,
    ];
    expect(ids(placed).sort((a, b) => a - b)).to.deep.equal(ids(rows).sort((a, b) => a - b));
  });

  it('splits evenly into the fewest groups', () => {
    expect(chunkEvenly([1, 2, 3, 4, 5], 2)).to.deep.equal([[1, 2], [3, 4], [5]]);
    expect(chunkEvenly(Array(41).fill(0), 20).map((g) => g.length)).to.deep.equal([14, 14, 13]);
    expect(chunkEvenly([], 20)).to.deep.equal([]);
  });
});
