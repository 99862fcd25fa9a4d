import { expect } from 'chai';
import fc from 'fast-check';
import { join } from 'node:path';
import request from 'supertest';
import {
  NOTIFY,
  OWNER_KEY,
  RECIPIENT_USERNAME,
  startNotify,
  type NotifyHarness,
} from './harness.ts';

const RUNS = 2000;

/** A field that is usually plausible and sometimes any JSON value at all. */
const mixed = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

/** Bodies mixing valid and invalid values for every field of the notify request. */
function notifyBodies(h: NotifyHarness): fc.Arbitrary<unknown> {
  const files = [h.file('fuzz.png'), h.file('fuzz.pdf')];
  const path = fc.oneof(
    fc.constantFrom(...files, '/etc/passwd', `${h.root}/../x`, 'rel/x.pdf', h.root, '/ETC/x'),
    fc.string().map((s) => join(h.root, s)),
    fc.string(),
  );
  const phone = fc.oneof(
    fc.stringMatching(/^\+?[0-9 -]{0,20}$/),
    fc.integer(),
    fc.double(),
    fc.boolean(),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ minLength: 4090, maxLength: 4100 }),
  );
  const record = fc.record(
    {
      apikey: fc.constantFrom(OWNER_KEY, OWNER_KEY, 'wrong', '', null),
      self: mixed(fc.boolean()),
      username: mixed(fc.constantFrom(RECIPIENT_USERNAME, 'nobody', '')),
      phone: mixed(phone),
      phones: mixed(fc.array(phone, { maxLength: 8 })),
      message: mixed(text),
      image_path: mixed(path),
      document_path: mixed(path),
      caption: mixed(fc.string({ maxLength: 1030 })),
      filename: mixed(fc.string({ maxLength: 260 })),
      wait_for_delivery: mixed(fc.boolean()),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 5, arbitrary: record },
    { weight: 3, arbitrary: validBodies(files) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

/** Bodies that should be accepted: one recipient form, one kind of content, the owner key. */
function validBodies(files: string[]): fc.Arbitrary<Record<string, unknown>> {
  const recipient = fc.oneof(
    fc.constant({ self: true }),
    fc.constant({ username: RECIPIENT_USERNAME }),
    fc.stringMatching(/^[0-9]{7,15}$/).map((phone) => ({ phone })),
    fc
      .array(fc.stringMatching(/^\+?[0-9]{7,15}$/), { minLength: 1, maxLength: 8 })
      .map((phones) => ({ phones })),
  );
  const content = fc.oneof(
    fc.string({ minLength: 1, maxLength: 100 }).map((message) => ({ message })),
    fc.record({ image_path: fc.constant(files[0]), caption: fc.string({ maxLength: 100 }) }),
    fc.record({
      document_path: fc.constant(files[1]),
      filename: fc.stringMatching(/^[A-Za-z0-9 ._()-]{1,40}$/),
      message: fc.string({ maxLength: 100 }),
    }),
  );
  return fc
    .tuple(recipient, content, fc.boolean())
    .map(([to, what, wait]) => ({ apikey: OWNER_KEY, ...to, ...what, wait_for_delivery: wait }));
}

describe('POST /api/v1/whatsapp/notify: fuzzed bodies', function () {
  this.timeout(180_000);
  let h: NotifyHarness;
  beforeEach(async () => {
    h = await startNotify();
  });
  afterEach(() => h.close());

  it(`never answers 5xx for ${RUNS} generated JSON bodies, always with a JSON status`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        notifyBodies(h),
        fc.option(fc.string({ maxLength: 20 })),
        async (body, key) => {
          const res = await request(h.koa.callback())
            .post(NOTIFY)
            .set('Content-Type', 'application/json')
            .set(key === null ? {} : { 'Idempotency-Key': key })
            .send(JSON.stringify(body));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, JSON.stringify(res.body)).to.be.below(500);
          expect(res.body.status).to.be.oneOf(['success', 'error']);
          expect(res.body.message).to.be.a('string');
        },
      ),
      { numRuns: RUNS },
    );
    // The generator must reach the interesting outcomes, not only 401s.
    console.log(`      statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const status of [200, 202, 400, 401]) expect(statuses.get(status) ?? 0).to.be.above(0);
  });

  it('never answers 5xx for arbitrary raw bytes and content types', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/merge+json',
      '',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), contentType, async (raw, type) => {
        const res = await request(h.koa.callback())
          .post(`${NOTIFY}?apikey=${OWNER_KEY}`)
          .set(type ? { 'Content-Type': type } : {})
          .send(raw);
        expect(res.status).to.be.below(500);
        expect(res.body.status).to.equal(res.status < 300 ? 'success' : 'error');
      }),
      { numRuns: 300 },
    );
  });
});
