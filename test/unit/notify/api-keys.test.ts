import { expect } from 'chai';
import { pickApiKey } from '../../../src/notify/api-keys.ts';

describe('notify API key precedence', () => {
  it('takes the body key first, then the header, then the query', () => {
    expect(pickApiKey({ body: { apikey: 'b' }, header: 'h', query: 'q' })).to.equal('b');
    expect(pickApiKey({ body: {}, header: 'h', query: 'q' })).to.equal('h');
    expect(pickApiKey({ body: {}, header: undefined, query: 'q' })).to.equal('q');
    expect(pickApiKey({ body: {}, header: undefined, query: undefined })).to.equal(undefined);
  });

  it("falls through on the values OpenAlgo's `or` skips", () => {
    for (const apikey of [undefined, null, '', false, 0]) {
      expect(pickApiKey({ body: { apikey }, header: 'h', query: undefined })).to.equal('h');
    }
  });

  it('keeps a truthy non-string body key as the candidate (it then fails authentication)', () => {
    expect(pickApiKey({ body: { apikey: 42 }, header: 'h', query: undefined })).to.equal(42);
  });

  it('reads the header and query when the body is not an object', () => {
    expect(pickApiKey({ body: [{ apikey: 'b' }], header: 'h', query: 'q' })).to.equal('h');
    expect(pickApiKey({ body: null, header: undefined, query: 'q' })).to.equal('q');
    expect(pickApiKey({ body: undefined, header: undefined, query: ['q1', 'q2'] })).to.equal('q1');
  });
});
