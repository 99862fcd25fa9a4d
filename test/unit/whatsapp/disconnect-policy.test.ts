import { expect } from 'chai';
import { createBackoff } from '../../../src/whatsapp/backoff.ts';
import { decideOnDisconnect } from '../../../src/whatsapp/disconnect-policy.ts';

describe('disconnect policy (SPEC §8.2)', () => {
  it('reconnects at once after 515', () => {
    expect(decideOnDisconnect(515)).to.include({ action: 'reconnect-now', state: 'connecting' });
  });

  it('wipes the session on 401 and 411, ending logged_out', () => {
    for (const code of [401, 411]) {
      expect(decideOnDisconnect(code)).to.include({
        action: 'stop',
        state: 'logged_out',
        wipeSession: true,
      });
    }
  });

  it('never retries 440 and keeps the session', () => {
    expect(decideOnDisconnect(440)).to.include({
      action: 'stop',
      state: 'replaced',
      wipeSession: false,
    });
  });

  it('stops as forbidden on 402, 403 and 406', () => {
    for (const code of [402, 403, 406]) {
      expect(decideOnDisconnect(code)).to.include({ action: 'stop', state: 'forbidden' });
    }
  });

  it('refreshes the version once on 405, then stops', () => {
    expect(decideOnDisconnect(405)).to.include({ action: 'refresh-version' });
    expect(decideOnDisconnect(405, true)).to.include({ action: 'stop', state: 'stopped' });
  });

  it('backs off on 408, 428, 500, 503 and unknown errors', () => {
    for (const code of [408, 428, 500, 503, undefined]) {
      expect(decideOnDisconnect(code)).to.include({ action: 'backoff', state: 'reconnecting' });
    }
  });
});

describe('reconnect backoff', () => {
  it('doubles from 1 s to a 60 s cap', () => {
    const backoff = createBackoff({ random: () => 0.5 });
    const delays = Array.from({ length: 9 }, () => backoff.nextDelayMs());
    expect(delays).to.deep.equal([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('applies ±20 % jitter', () => {
    expect(createBackoff({ random: () => 0 }).nextDelayMs()).to.equal(800);
    expect(createBackoff({ random: () => 0.999999 }).nextDelayMs()).to.equal(1200);
  });

  it('resets only after a connection stayed up for 60 s', () => {
    const backoff = createBackoff({ random: () => 0.5 });
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.connectionLasted(5_000);
    expect(backoff.nextDelayMs()).to.equal(4000);
    backoff.connectionLasted(60_000);
    expect(backoff.attempts()).to.equal(0);
    expect(backoff.nextDelayMs()).to.equal(1000);
  });
});
