import { expect } from 'chai';
import {
  presentClosePreview,
  presentCloseResult,
  presentCodeRefused,
  presentHelp,
  presentHostFailure,
  presentMode,
  presentMuted,
  presentPreferences,
  presentStale,
  presentStatus,
  presentUnknownCommand,
} from '../../../../src/presenters/replies/index.ts';
import { defaultFixtures } from '../../../support/host-sim/index.ts';

describe('other command replies', () => {
  it('close-all preview names the mode, the open positions and the code', () => {
    const open = defaultFixtures('live').positionbook.slice(0, 2);
    expect(presentClosePreview('live', open, '0427', 60)).to.equal(
      [
        '*Close all positions?* · LIVE',
        '2 open positions:',
        '```',
        'RELIANCE NSE MIS      +1',
        'NHPC NSE MIS          -1',
        '```',
        'This sends real orders to your broker to square off every open position.',
        'To confirm, send */closeall 0427* within 60 s.',
      ].join('\n'),
    );
    expect(presentClosePreview('analyze', open, '1111', 60)).to.contain('· ANALYZE');
  });

  it('close-all result and refusals', () => {
    expect(
      presentCloseResult({ mode: 'live', message: 'All Open Positions Squared Off' }),
    ).to.equal('*Close all* · LIVE\nAll Open Positions Squared Off');
    expect(
      presentCloseResult({ mode: 'analyze', message: 'Closed 2 positions', failed_closures: 1 }),
    ).to.contain('Failed to close: 1');
    expect(presentCodeRefused('wrong')).to.match(/not right, so nothing was closed/);
    expect(presentCodeRefused('expired')).to.match(/expired, so nothing was closed/);
    expect(presentCodeRefused('none')).to.match(/Send \/closeall first/);
  });

  it('host failures get short specific replies', () => {
    const base = {
      message: 'm',
      hostServer: 'http://user:pw@127.0.0.1:5000/x?y',
      timeoutMs: 5000,
      ref: 'ab12',
    };
    expect(presentHostFailure({ ...base, kind: 'unreachable' })).to.equal(
      'Could not reach OpenAlgo at http://127.0.0.1:5000. Is it running?',
    );
    expect(presentHostFailure({ ...base, kind: 'timeout' })).to.match(
      /^OpenAlgo did not answer within 5 s\./,
    );
    expect(presentHostFailure({ ...base, kind: 'invalid_key' })).to.match(/rejected the API key/);
    expect(presentHostFailure({ ...base, kind: 'broker_session_expired' })).to.match(
      /broker login has expired/,
    );
    expect(presentHostFailure({ ...base, kind: 'validation', message: 'Bad symbol' })).to.equal(
      'OpenAlgo said: Bad symbol',
    );
    expect(presentHostFailure({ ...base, kind: 'not_configured' })).to.equal(
      'No OpenAlgo API key is set. Add it on the WhatsApp settings page.',
    );
    expect(presentHostFailure({ ...base, kind: 'server_error' })).to.equal(
      'Something went wrong (ref ab12)',
    );
  });

  it('unknown command, stale command', () => {
    expect(presentUnknownCommand(null)).to.equal('Unknown command. Send /help for the list.');
    expect(presentUnknownCommand('positions')).to.equal(
      'Unknown command. Send /help for the list. Did you mean /positions?',
    );
    expect(presentStale('closeall', 192_000)).to.equal(
      'That /closeall was sent 3m12s ago, so I did not run it. Send it again if you still want it.',
    );
  });

  it('status masks the paired number; mode shows LIVE or ANALYZE MODE', () => {
    const text = presentStatus({
      linkState: 'reconnecting',
      linkSince: new Date('2026-08-24T04:00:00Z'),
      now: new Date('2026-08-24T04:04:12Z'),
      pairedJid: '919876543210@s.whatsapp.net',
      ownerUsername: 'trader1',
      mode: 'self_chat',
      timeZone: 'Asia/Kolkata',
    });
    expect(text).to.equal(
      [
        '*Status*',
        'WhatsApp link: reconnecting (since 09:30:00, 4m12s ago)',
        'Paired number: +91******3210',
        'Owner: trader1',
        'Mode: self-chat',
      ].join('\n'),
    );
    expect(presentMode({ analyze_mode: true, mode: 'analyze', total_logs: 1 })).to.contain(
      'ANALYZE MODE',
    );
    expect(presentMode({ analyze_mode: false, mode: 'live', total_logs: 0 })).to.contain('*LIVE*');
  });

  it('help lists usage, aliases and descriptions', () => {
    expect(
      presentHelp([
        { usage: '/help', description: 'this list', aliases: ['start', 'menu'] },
        { usage: '/quote <symbol> [exchange]', description: 'price', aliases: [] },
      ]),
    ).to.equal(
      '*OpenAlgo WhatsApp Bot*\n/help (also /start, /menu) - this list\n/quote <symbol> [exchange] - price',
    );
  });

  it('mute and preferences say until when, in the owner time zone', () => {
    const now = new Date('2026-08-24T04:00:00Z');
    expect(presentMuted(new Date('2026-08-24T05:00:00Z'), now, 'Asia/Kolkata')).to.match(
      /^Alerts muted until 10:30 \(Asia\/Kolkata\)\./,
    );
    expect(presentMuted(new Date('2026-08-24T18:30:00Z'), now, 'Asia/Kolkata')).to.match(
      /until 00:00, 25 Aug/,
    );
    const prefs = presentPreferences(
      {
        orderNotifications: true,
        tradeNotifications: false,
        pnlNotifications: true,
        dailySummary: true,
        summaryTime: '18:00',
        timezone: 'Asia/Kolkata',
        quietHoursStart: null,
        quietHoursEnd: null,
        mutedUntil: new Date('2026-08-24T05:00:00Z'),
      },
      now,
    );
    expect(prefs).to.contain('Orders: on');
    expect(prefs).to.contain('Fills and rejections: off');
    expect(prefs).to.contain('Daily summary: on at 18:00');
    expect(prefs).to.contain('Muted: until 10:30');
  });
});
