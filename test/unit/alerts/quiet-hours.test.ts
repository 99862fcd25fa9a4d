import { expect } from 'chai';
import { holdUntil, parseClockMinutes, quietWindowEnd } from '../../../src/alerts/quiet-hours.ts';
import { defaultPreferences } from '../../../src/alerts/recipients.ts';

const KOLKATA = 'Asia/Kolkata';
/** An instant given as Kolkata wall-clock time on 8 Apr 2025 (+05:30). */
const ist = (hhmm: string, day = '08') => Date.parse(`2025-04-${day}T${hhmm}:00+05:30`);

describe('quiet hours', () => {
  it('parses HH:MM and refuses anything else', () => {
    expect(parseClockMinutes('07:30')).to.equal(450);
    expect(parseClockMinutes('23:59')).to.equal(1439);
    for (const bad of ['24:00', '7:30', '07:60', '', null, 'noon']) {
      expect(parseClockMinutes(bad)).to.equal(null);
    }
  });

  it('ends a same-day window at its end time', () => {
    expect(quietWindowEnd(ist('13:15'), '13:00', '14:00', KOLKATA)).to.equal(ist('14:00'));
    expect(quietWindowEnd(ist('14:00'), '13:00', '14:00', KOLKATA)).to.equal(null);
    expect(quietWindowEnd(ist('12:59'), '13:00', '14:00', KOLKATA)).to.equal(null);
  });

  it('handles a window across midnight on both sides of it', () => {
    expect(quietWindowEnd(ist('23:00'), '22:00', '07:00', KOLKATA)).to.equal(ist('07:00', '09'));
    expect(quietWindowEnd(ist('03:10'), '22:00', '07:00', KOLKATA)).to.equal(ist('07:00'));
    expect(quietWindowEnd(ist('12:00'), '22:00', '07:00', KOLKATA)).to.equal(null);
  });

  it('keeps the seconds of the current minute out of the end', () => {
    const at = ist('23:00') + 42_500;
    expect(quietWindowEnd(at, '22:00', '07:00', KOLKATA)).to.equal(ist('07:00', '09'));
  });

  it('reads the window in the recipient timezone', () => {
    // 23:00 in Kolkata is 17:30 UTC: outside a 22:00-07:00 window kept in UTC.
    expect(quietWindowEnd(ist('23:00'), '22:00', '07:00', 'UTC')).to.equal(null);
  });

  it('has no window when unset or when start equals end', () => {
    expect(quietWindowEnd(ist('23:00'), null, null, KOLKATA)).to.equal(null);
    expect(quietWindowEnd(ist('23:00'), '22:00', '22:00', KOLKATA)).to.equal(null);
  });

  it('holds non-urgent alerts through quiet hours and mute, never urgent ones', () => {
    const prefs = { ...defaultPreferences(), quietHoursStart: '22:00', quietHoursEnd: '07:00' };
    expect(holdUntil(prefs, ist('23:00'), false)).to.equal(ist('07:00', '09'));
    expect(holdUntil(prefs, ist('23:00'), true)).to.equal(null);
    expect(holdUntil(prefs, ist('12:00'), false)).to.equal(null);
    const muted = { ...defaultPreferences(), mutedUntil: new Date(ist('13:00')) };
    expect(holdUntil(muted, ist('12:00'), false)).to.equal(ist('13:00'));
    expect(holdUntil(muted, ist('13:30'), false)).to.equal(null);
  });

  it('keeps holding when a mute ends inside quiet hours', () => {
    const prefs = {
      ...defaultPreferences(),
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
      mutedUntil: new Date(ist('23:00')),
    };
    expect(holdUntil(prefs, ist('21:00'), false)).to.equal(ist('07:00', '09'));
  });
});
