import { expect } from 'chai';
import {
  buildOrderEvent,
  DEFAULT_USERNAME,
  ORDER_TOPICS,
  renderedExamples,
} from '../../support/host-sim/index.ts';
import type { OrderTopic } from '../../support/host-sim/index.ts';

const SANDBOX_ORDER_ID = /^\d{6}\d{8}$/;
const LIVE_ORDER_ID = /^\d{15}$/;

/** Every order id an event mentions, wherever the publisher put it. */
function orderIds(event: ReturnType<typeof buildOrderEvent>): string[] {
  const { data } = event;
  const candidates = [data.orderid, data.response_data.orderid, data.triggered_order_id];
  return candidates.filter((id): id is string => typeof id === 'string' && id !== '');
}

describe('order event factories', () => {
  it('cover every topic of SPEC §4.2, sent and recorded-only', () => {
    expect(ORDER_TOPICS).to.have.length(23);
    expect(new Set(ORDER_TOPICS).size).to.equal(23);
  });

  for (const topic of ORDER_TOPICS) {
    for (const mode of ['live', 'analyze'] as const) {
      it(`${topic} (${mode}) has the envelope of SPEC §4.1`, () => {
        const event = buildOrderEvent(topic, { mode });
        expect(event.type).to.equal(topic);
        expect(Number.isNaN(Date.parse(event.timestamp))).to.be.false;
        expect(event.data.mode).to.equal(mode);
        expect(event.data.api_type).to.be.a('string').and.not.equal('');
        expect(event.data.username).to.equal(DEFAULT_USERNAME);
        expect(event.data.request_data).not.to.have.property('apikey');
        expect(event.data.response_data.status).to.be.oneOf(['success', 'error']);
        expect(JSON.parse(JSON.stringify(event))).to.deep.equal(event);
        const idPattern = mode === 'analyze' ? SANDBOX_ORDER_ID : LIVE_ORDER_ID;
        for (const id of orderIds(event)) expect(id).to.match(idPattern);
        if (mode === 'analyze') {
          expect(event.data.response_data.mode).to.equal('analyze');
          expect(event.data.request_data.api_type).to.equal(event.data.api_type);
        } else {
          expect(event.data.response_data).not.to.have.property('mode');
        }
      });
    }
  }

  it('order.placed mirrors a placeorder call: string request values, typed fields', () => {
    const { data } = buildOrderEvent('order.placed');
    expect(data.api_type).to.equal('placeorder');
    expect(data.request_data.quantity).to.equal('10');
    expect(data.quantity).to.equal(10);
    expect(data.response_data).to.deep.equal({ status: 'success', orderid: data.orderid });
  });

  it('uses the documented api_type per topic', () => {
    const expected: Partial<Record<OrderTopic, string>> = {
      'order.no_action': 'placesmartorder',
      'orders.all_cancelled': 'cancelallorder',
      'position.closed': 'closeposition',
      'multiorder.completed': 'optionsmultiorder',
      'gtt.triggered': 'gtttriggered',
      'gtt.expired': 'gttexpired',
    };
    for (const [topic, apiType] of Object.entries(expected)) {
      expect(buildOrderEvent(topic as OrderTopic).data.api_type, topic).to.equal(apiType);
    }
  });

  it('keeps publisher quirks: the no-action leading space, sandbox GTT ids', () => {
    expect(buildOrderEvent('order.no_action').data.message).to.match(/^ Positions Already Matched/);
    expect(buildOrderEvent('gtt.triggered').data.mode).to.equal('analyze');
    expect(buildOrderEvent('gtt.placed', { mode: 'analyze' }).data.trigger_id).to.match(
      /^GTT-\d{6}-[0-9a-f]{8}$/,
    );
  });

  it('merges request/response overrides and drops keys set to undefined', () => {
    const event = buildOrderEvent('order.placed', {
      username: 'alice',
      timestamp: '2026-01-02T03:04:05.000Z',
      data: {
        parent_id: 'basket-1',
        response_data: { status: 'error', message: 'Rejected', orderid: undefined },
      },
    });
    expect(event.timestamp).to.equal('2026-01-02T03:04:05.000Z');
    expect(event.data.username).to.equal('alice');
    expect(event.data.parent_id).to.equal('basket-1');
    expect(event.data.response_data).to.deep.equal({ status: 'error', message: 'Rejected' });
    expect(event.data.request_data.symbol).to.equal('RELIANCE');
  });

  it("carries OpenAlgo's rendered examples with events that match their lines", () => {
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const examples = renderedExamples();
    expect(examples).to.have.length(4);
    for (const { name, event, openalgoText } of examples) {
      expect(openalgoText.endsWith(`Time: ${time.format(new Date(event.timestamp))}`), name).to.be
        .true;
      const analyze = event.data.response_data.mode === 'analyze';
      expect(openalgoText.includes(analyze ? '*ANALYZE MODE' : '*LIVE MODE'), name).to.be.true;
      const strategy = event.data.request_data.strategy;
      expect(openalgoText.includes('\nStrategy: '), name).to.equal(Boolean(strategy));
      if (event.data.api_type !== 'placeorder') continue;
      const req = event.data.request_data;
      const lines: Array<[string, unknown]> = [
        ['Symbol', req.symbol],
        ['Action', req.action],
        ['Quantity', req.quantity],
        ['Price Type', req.pricetype],
      ];
      for (const [label, value] of lines) {
        expect(openalgoText, name).to.include(`\n${label}: ${String(value)}\n`);
      }
      const res = event.data.response_data;
      const last =
        res.status === 'success'
          ? `Order ID: ${String(res.orderid)}`
          : `Error: ${String(res.message)}`;
      expect(openalgoText, name).to.include(`\n${last}\n`);
    }
  });
});
