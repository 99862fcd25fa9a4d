/** The webhook body schema of SPEC §4.1 and its `path: message` errors (SPEC §4.3). */
import { expect } from 'chai';
import { ValidationError } from '../../../src/errors.ts';
import { RECORD_ONLY_TOPICS } from '../../../src/alerts/topics.ts';
import {
  parseOrderEvent,
  validateOrderEvent,
  type OrderEvent,
} from '../../../src/http/schemas/order-event.ts';
import {
  ALL_FIXTURES,
  basketEvent,
  gttPlacedEvent,
  inAnalyzeMode,
  orderUpdateEvent,
  placeOrderEvent,
  type EventOverrides,
} from '../../support/alert-fixtures.ts';

/** The first problem reported for a body. */
function errorFor(body: unknown): string {
  const result = validateOrderEvent(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.error;
}

/** A JSON round trip, so the validator sees exactly what the webhook would parse. */
const wire = (event: OrderEvent): unknown => JSON.parse(JSON.stringify(event));
const placed = (o: EventOverrides) => wire(placeOrderEvent(o));

describe('order-event schema: valid bodies', () => {
  for (const [name, factory] of ALL_FIXTURES) {
    it(`accepts ${name}, live and analyze`, () => {
      const body = wire(factory());
      const result = validateOrderEvent(body);
      expect(result).to.deep.equal({ ok: true, event: body });
      expect(validateOrderEvent(wire(inAnalyzeMode(factory()))).ok).to.be.true;
    });
  }

  it('accepts every record-only failure topic', () => {
    for (const type of RECORD_ONLY_TOPICS) {
      const body = placed({ type, data: { error_message: 'Broker rejected' } });
      expect(validateOrderEvent(body).ok, type).to.be.true;
    }
  });

  it('accepts numeric fields as numbers or numeric strings', () => {
    expect(validateOrderEvent(placed({ data: { quantity: '10' } })).ok).to.be.true;
    expect(validateOrderEvent(placed({ data: { quantity: 10 } })).ok).to.be.true;
    const update = orderUpdateEvent({ data: { average_price: '1186.50', filled_quantity: '4' } });
    expect(validateOrderEvent(wire(update)).ok).to.be.true;
  });

  it('accepts extra keys inside data, request_data, response_data and results', () => {
    const body = wire(
      basketEvent({
        data: { new_host_field: { nested: true } },
        req: { orders: [{ symbol: 'SBIN' }], tag: 'x' },
        res: { results: [{ symbol: 'SBIN', status: 'success', orderid: '1', latency_ms: 3 }] },
      }),
    );
    expect(validateOrderEvent(body).ok).to.be.true;
  });

  it('accepts an unknown topic against the generic envelope only', () => {
    const body = placed({ type: 'sandbox.order_filled', data: { quantity: 'lots', results: 'x' } });
    expect(validateOrderEvent(body).ok).to.be.true;
  });

  it('accepts timestamps with an offset', () => {
    expect(validateOrderEvent(placed({ timestamp: '2026-08-24T10:15:02.123+05:30' })).ok).to.be
      .true;
  });
});

describe('order-event schema: rejected bodies', () => {
  it('reports a missing username', () => {
    expect(errorFor(placed({ data: { username: undefined } }))).to.equal(
      'data.username: is required',
    );
  });

  it('reports a username of the wrong type', () => {
    expect(errorFor(placed({ data: { username: 42 } }))).to.equal('data.username: must be string');
  });

  it('reports missing request_data and non-object response_data', () => {
    expect(errorFor(placed({ data: { request_data: undefined } }))).to.equal(
      'data.request_data: is required',
    );
    expect(errorFor(placed({ data: { response_data: ['x'] } }))).to.equal(
      'data.response_data: must be object',
    );
  });

  it('reports non-object data and bodies', () => {
    expect(errorFor({ ...(placed({}) as object), data: 'x' })).to.equal('data: must be object');
    expect(errorFor([])).to.equal('body: must be object');
    expect(errorFor(null)).to.equal('body: must be object');
  });

  it('reports missing envelope keys and unexpected top-level keys', () => {
    const { type: _type, ...withoutType } = placed({}) as Record<string, unknown>;
    expect(errorFor(withoutType)).to.equal('type: is required');
    expect(errorFor({ ...(placed({}) as object), extra: 1 })).to.equal('extra: is not allowed');
  });

  it('reports oversize strings', () => {
    expect(errorFor(placed({ data: { symbol: 'X'.repeat(129) } }))).to.equal(
      'data.symbol: must NOT have more than 128 characters',
    );
    expect(errorFor(placed({ req: { symbol: 'X'.repeat(129) } }))).to.equal(
      'data.request_data.symbol: must NOT have more than 128 characters',
    );
    expect(errorFor(placed({ res: { message: 'm'.repeat(2049) } }))).to.equal(
      'data.response_data.message: must NOT have more than 2048 characters',
    );
  });

  it('reports oversize lists at the list path', () => {
    const results = Array.from({ length: 1001 }, () => ({ status: 'success' }));
    expect(errorFor(wire(basketEvent({ res: { results } })))).to.equal(
      'data.response_data.results: must NOT have more than 1000 items',
    );
  });

  it('reports wrong types inside result items with their index', () => {
    const results = [{ status: 'success' }, { status: 5 }];
    expect(errorFor(wire(basketEvent({ res: { results } })))).to.equal(
      'data.response_data.results[1].status: must be string or null',
    );
    expect(errorFor(wire(basketEvent({ data: { results: [1] } })))).to.equal(
      'data.results[0]: must be object',
    );
  });

  it('reports non-numeric text in numeric typed fields of known topics', () => {
    expect(errorFor(placed({ data: { quantity: 'ten' } }))).to.equal(
      'data.quantity: must be a number or a numeric string',
    );
    expect(errorFor(wire(gttPlacedEvent({ data: { trigger_prices: [780, 'x'] } })))).to.equal(
      'data.trigger_prices[1]: must be a number or a numeric string',
    );
  });

  it('reports an unknown mode and a timestamp without an offset', () => {
    expect(errorFor(placed({ data: { mode: 'paper' } }))).to.equal(
      'data.mode: must be one of live, analyze',
    );
    expect(errorFor(placed({ timestamp: '2026-08-24T10:15:02' }))).to.equal(
      'timestamp: must match format "date-time"',
    );
  });

  it('reports malformed topic names', () => {
    expect(errorFor(placed({ type: 'order placed' }))).to.match(/^type: must match pattern/);
    expect(errorFor(placed({ type: 'x'.repeat(65) }))).to.equal(
      'type: must NOT have more than 64 characters',
    );
  });

  it('reports data with too many keys', () => {
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    expect(errorFor(placed({ data: many }))).to.equal(
      'data: must NOT have more than 200 properties',
    );
  });
});

describe('parseOrderEvent', () => {
  it('returns the event when valid', () => {
    const body = placed({});
    expect(parseOrderEvent(body)).to.equal(body);
  });

  it('throws a 400 ValidationError carrying the first problem', () => {
    try {
      parseOrderEvent(placed({ data: { username: 42 } }));
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).status).to.equal(400);
      expect((error as ValidationError).message).to.equal('data.username: must be string');
    }
  });
});
