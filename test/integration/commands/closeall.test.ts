import { expect } from 'chai';
import { startHarness, type Harness } from './harness.ts';

const codeIn = (reply: string | undefined): string =>
  /\/closeall (\d{4})\*/.exec(reply ?? '')?.[1] ?? '';
const closeCalls = (h: Harness) => h.sim.requests.filter((r) => r.endpoint === 'closeposition');

describe('/closeall safety', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('without a code only previews: mode, open positions, a 4-digit code; nothing closes', async () => {
    const [preview] = await h.command('/closeall');
    expect(preview).to.match(
      /^\*Close all positions\?\* · LIVE\n2 open positions:\n```\nRELIANCE NSE MIS +\+1\nNHPC NSE MIS +-1\n```/,
    );
    expect(codeIn(preview)).to.match(/^\d{4}$/);
    expect(closeCalls(h)).to.have.length(0);
    expect(h.sim.requests.map((r) => r.endpoint)).to.deep.equal(['positionbook']);
  });

  it('names ANALYZE mode from the positionbook reply', async () => {
    h.sim.setMode('analyze');
    const [preview] = await h.command('/closeall');
    expect(preview?.split('\n')[0]).to.equal('*Close all positions?* · ANALYZE');
    expect(preview).to.contain('1 open position:');
  });

  it('with the right code within 60 s closes exactly once and consumes the code', async () => {
    const code = codeIn((await h.command('/closeall'))[0]);
    h.advance(59_000);
    expect(await h.command(`/closeall ${code}`)).to.deep.equal([
      '*Close all* · LIVE\nAll Open Positions Squared Off',
    ]);
    expect(closeCalls(h)).to.have.length(1);
    expect(closeCalls(h)[0]?.body).to.deep.equal({ apikey: '<redacted>', strategy: 'WhatsApp' });
    const [again] = await h.command(`/closeall ${code}`);
    expect(again).to.match(/no close-all waiting for a code, so nothing was closed/);
    expect(closeCalls(h)).to.have.length(1);
  });

  it('two racing confirmations with the right code still close once', async () => {
    const code = codeIn((await h.command('/closeall'))[0]);
    await Promise.all([h.command(`/closeall ${code}`), h.command(`/closeall ${code}`)]);
    expect(closeCalls(h)).to.have.length(1);
  });

  it('a wrong code does nothing, says so, and cancels the pending code', async () => {
    const code = codeIn((await h.command('/closeall'))[0]);
    const wrong = code === '0000' ? '0001' : '0000';
    expect(await h.command(`/closeall ${wrong}`)).to.deep.equal([
      'That code is not right, so nothing was closed. Send /closeall for a new code.',
    ]);
    await h.command(`/closeall ${code}`);
    expect(closeCalls(h)).to.have.length(0);
    const rows = await h.auditRows();
    expect(rows.map((r) => r.outcome)).to.deep.equal(['ok', 'refused', 'refused']);
  });

  it('an expired code does nothing and says so', async () => {
    const code = codeIn((await h.command('/closeall'))[0]);
    h.advance(61_000);
    expect(await h.command(`/closeall ${code}`)).to.deep.equal([
      'That code has expired, so nothing was closed. Send /closeall for a new code.',
    ]);
    expect(closeCalls(h)).to.have.length(0);
  });

  it('a /closeall replayed more than 60 s after it was typed is refused with its age', async () => {
    const code = codeIn((await h.command('/closeall'))[0]);
    const typedAt = h.now();
    h.advance(192_000);
    const replies = await h.command(`/closeall ${code}`, { sentAt: typedAt, upsertType: 'append' });
    expect(replies).to.deep.equal([
      'That /closeall was sent 3m12s ago, so I did not run it. Send it again if you still want it.',
    ]);
    expect(closeCalls(h)).to.have.length(0);
    const stalePreview = await h.command('/closeall', {
      sentAt: new Date(h.now().getTime() - 61_000),
    });
    expect(stalePreview[0]).to.match(/^That \/closeall was sent 1m01s ago/);
    expect(h.sim.requests.filter((r) => r.endpoint === 'positionbook')).to.have.length(1);
    expect((await h.auditRows()).map((r) => r.outcome)).to.deep.equal(['ok', 'stale', 'stale']);
  });

  it('read-only commands replayed late are still answered (only position changes are refused)', async () => {
    const replies = await h.command('/positions', {
      sentAt: new Date(h.now().getTime() - 600_000),
      upsertType: 'append',
    });
    expect(replies[0]).to.match(/^\*Positions\*/);
  });

  it('with nothing open, no code is issued', async () => {
    h.sim.setFixture('positionbook', []);
    expect(await h.command('/closeall')).to.deep.equal([
      '*Close all* · LIVE\nNo open positions, so there is nothing to close.',
    ]);
    expect((await h.command('/closeall 1234'))[0]).to.match(/no close-all waiting/);
    expect(closeCalls(h)).to.have.length(0);
  });
});
