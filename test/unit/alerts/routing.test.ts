import { expect } from 'chai';
import { defaultPreferences, type RecipientTarget } from '../../../src/alerts/recipients.ts';
import {
  isUrgent,
  planAlerts,
  preliminaryDecision,
  routeEvent,
} from '../../../src/alerts/routing.ts';
import { validateOrderEvent, type OrderEvent } from '../../../src/http/schemas/order-event.ts';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import {
  buildOrderEvent,
  type OrderEventOverrides,
  type OrderTopic,
} from '../../support/host-sim/index.ts';

const NOW = Date.parse('2025-04-08T04:45:03Z');

function event(topic: OrderTopic, overrides: OrderEventOverrides = {}): OrderEvent {
  const result = validateOrderEvent(buildOrderEvent(topic, overrides));
  if (!result.ok) throw new Error(result.error);
  return result.event;
}
const owner = (patch = {}): RecipientTarget => ({
  recipientJid: 'self',
  preferences: { ...defaultPreferences(), ...patch },
});

describe('alert routing decisions', () => {
  it('decides unknown, failure and per-leg events without a lookup', () => {
    const unknown = { ...event('order.placed'), type: 'order.teleported' };
    expect(preliminaryDecision(unknown)).to.include({
      outcome: 'ignored',
      reason: 'unknown_topic',
    });
    expect(preliminaryDecision(event('gtt.failed'))).to.include({ outcome: 'recorded' });
    const leg = event('order.placed', { data: { parent_id: 'B-1' } });
    expect(preliminaryDecision(leg)).to.include({ outcome: 'recorded', reason: 'per_leg' });
    expect(preliminaryDecision(event('order.placed', { data: { parent_id: '' } }))).to.equal(null);
    expect(preliminaryDecision(event('order.placed'))).to.equal(null);
  });

  it('calls error responses and broker rejections urgent, nothing else', () => {
    const error = event('position.closed', { data: { response_data: { status: 'error' } } });
    expect(isUrgent(error)).to.equal(true);
    expect(isUrgent(event('order.placed'))).to.equal(false);
    const rejected = event('order.update', { data: { order_status: 'REJECTED' } });
    expect(isUrgent(rejected)).to.equal(true);
    expect(isUrgent(event('order.update', { data: { order_status: 'complete' } }))).to.equal(false);
  });

  it('renders one alert per enabled target in its timezone', () => {
    const placed = event('order.placed');
    const linked: RecipientTarget = {
      recipientJid: '1@s.whatsapp.net',
      preferences: { ...defaultPreferences(), timezone: 'UTC' },
    };
    const decision = planAlerts(placed, [owner(), linked], NOW);
    expect(decision.outcome).to.equal('queued');
    expect(decision.alerts).to.deep.equal([
      {
        recipientJid: 'self',
        message: renderAlert(placed, { timeZone: 'Asia/Kolkata' }),
        held: false,
        nextAttemptAt: NOW,
      },
      {
        recipientJid: '1@s.whatsapp.net',
        message: renderAlert(placed, { timeZone: 'UTC' }),
        held: false,
        nextAttemptAt: NOW,
      },
    ]);
  });

  it('drops without targets and records when every target turned the topic off', () => {
    expect(planAlerts(event('order.placed'), [], NOW)).to.include({ outcome: 'dropped' });
    const off = planAlerts(event('order.placed'), [owner({ orderNotifications: false })], NOW);
    expect(off).to.include({ outcome: 'recorded', reason: 'preference_off' });
    expect(planAlerts(event('order.update'), [owner()], NOW).outcome).to.equal('recorded');
    const on = planAlerts(event('order.update'), [owner({ tradeNotifications: true })], NOW);
    expect(on.outcome).to.equal('queued');
  });

  it('holds non-urgent alerts while muted', () => {
    const until = new Date(NOW + 60_000);
    const [held] = planAlerts(event('order.placed'), [owner({ mutedUntil: until })], NOW).alerts;
    expect(held).to.include({ held: true, nextAttemptAt: until.getTime() });
    const error = event('order.placed', { data: { response_data: { status: 'error' } } });
    const [urgent] = planAlerts(error, [owner({ mutedUntil: until })], NOW).alerts;
    expect(urgent).to.include({ held: false, nextAttemptAt: NOW });
  });

  it('looks recipients up only for sending topics', async () => {
    const asked: string[] = [];
    const directory = {
      targetsFor: (username: string) => {
        asked.push(username);
        return Promise.resolve([owner()]);
      },
      preferencesFor: () => Promise.resolve(defaultPreferences()),
    };
    expect((await routeEvent(event('order.failed'), directory, NOW)).outcome).to.equal('recorded');
    expect(asked).to.deep.equal([]);
    const placed = event('order.placed', { username: 'alice' });
    expect((await routeEvent(placed, directory, NOW)).outcome).to.equal('queued');
    expect(asked).to.deep.equal(['alice']);
  });
});
