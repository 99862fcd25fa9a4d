import { expect } from 'chai';
import { Ajv, type ValidateFunction } from 'ajv';
import request from 'supertest';
import { NOTIFY_REQUEST_SCHEMA } from '../../../src/http/schemas/notify-request.ts';
import { NOTIFY, OWNER_KEY, startNotify, type NotifyHarness } from './harness.ts';

type Doc = {
  openapi: string;
  paths: Record<string, { post: { responses: Record<string, { content: unknown }> } }>;
  components: { schemas: Record<string, object> };
};

describe('GET /api/v1/whatsapp/openapi.json', () => {
  let h: NotifyHarness;
  let doc: Doc;
  let validators: Map<string, ValidateFunction>;

  before(async () => {
    h = await startNotify({ env: { WHATSAPP_RATE_LIMIT: '40 per minute' } });
    const res = await request(h.koa.callback()).get('/api/v1/whatsapp/openapi.json').expect(200);
    doc = res.body as Doc;
    const ajv = new Ajv({ strict: false });
    validators = new Map(
      Object.entries(doc.components.schemas).map(([name, schema]) => [name, ajv.compile(schema)]),
    );
  });
  after(() => h.close());

  /** The schema the document names for `status`, applied to `body`. */
  function expectDocumented(status: number, body: unknown) {
    const response = doc.paths[NOTIFY]?.post.responses[String(status)];
    expect(response, `status ${status} is documented`).to.not.equal(undefined);
    const ref = JSON.stringify(response?.content).match(/#\/components\/schemas\/(\w+)/)?.[1] ?? '';
    const validate = validators.get(ref);
    expect(validate, ref).to.be.a('function');
    expect(validate?.(body), JSON.stringify(validate?.errors)).to.equal(true);
  }

  it('is OpenAPI 3.1 and serves the very schema the endpoint validates with', () => {
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.components.schemas.NotifyRequest).to.deep.equal(NOTIFY_REQUEST_SCHEMA);
    expect(Object.keys(doc.paths[NOTIFY]?.post.responses ?? {})).to.have.members([
      '200',
      '202',
      '400',
      '401',
      '404',
      '409',
      '413',
      '415',
      '429',
      '502',
    ]);
  });

  it('describes every response the endpoint actually gives', async () => {
    const file = h.file('doc.pdf');
    const cases: Array<[number, () => request.Test]> = [
      [200, () => h.post({ self: true, message: 'x' })],
      [202, () => h.post({ phones: ['919800000001'], message: 'x', wait_for_delivery: false })],
      [200, () => h.post({ self: true, document_path: file, message: 'x' })],
      [400, () => h.post({ self: true })],
      [401, () => h.post({ apikey: 'bad', self: true, message: 'x' })],
      [404, () => h.post({ username: 'ghost', message: 'x' })],
      [
        415,
        () =>
          request(h.koa.callback()).post(`${NOTIFY}?apikey=${OWNER_KEY}`).type('text').send('x'),
      ],
    ];
    for (const [status, send] of cases) {
      const res = await send().expect(status);
      expectDocumented(status, res.body);
    }
    h.transport.failNextSends(1);
    expectDocumented(502, (await h.post({ self: true, message: 'x' }).expect(502)).body);
    h.transport.setState('unpaired');
    expectDocumented(409, (await h.post({ self: true, message: 'x' }).expect(409)).body);
    h.transport.setState('open');
    let last: request.Response | undefined;
    for (let i = 0; i < 50 && last?.status !== 429; i += 1) {
      last = await h.post({ self: true, message: 'x' });
    }
    expect(last?.status).to.equal(429);
    expectDocumented(429, last?.body);
  });

  it('documents the key locations and the Idempotency-Key header', () => {
    const text = JSON.stringify(doc);
    expect(text).to.include('"X-API-KEY"').and.include('"Idempotency-Key"');
  });
});
