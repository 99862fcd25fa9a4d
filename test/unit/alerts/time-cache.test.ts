import { expect } from 'chai';
import { formatClock, isValidTimeZone } from '../../../src/presenters/alerts/time.ts';

// The presenters remember zone validity and the last clock text per zone (alert rendering speed);
// these check that what is remembered never changes an answer.
describe('alerts: remembered timezone answers', () => {
  it('answers validity the same the second time, for good and bad zones', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(isValidTimeZone('Asia/Kolkata')).to.equal(true);
      expect(isValidTimeZone('Mars/Olympus')).to.equal(false);
    }
  });

  it('formats each instant in each zone as a fresh formatter would', () => {
    const at = Date.parse('2026-03-29T00:59:59.250Z'); // one second before London's DST jump
    const cases: [number, string, string][] = [
      [at, 'UTC', '00:59:59'],
      [at + 500, 'UTC', '00:59:59'],
      [at + 100, 'Europe/London', '00:59:59'],
      [at + 750, 'UTC', '01:00:00'],
      [at + 750, 'Europe/London', '02:00:00'],
      [at + 750, 'Asia/Kolkata', '06:30:00'],
      [at + 750, 'Mars/Olympus', '06:30:00'],
      [at, 'UTC', '00:59:59'],
    ];
    for (const [ms, zone, expected] of cases) {
      expect(formatClock(new Date(ms), zone), `${zone} ${ms}`).to.equal(expected);
    }
  });
});
