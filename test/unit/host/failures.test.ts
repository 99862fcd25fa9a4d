import { expect } from 'chai';
import {
  errorFromResponse,
  flattenHostMessage,
  kindForResponse,
} from '../../../src/host/failures.ts';

describe('host failure mapping', () => {
  it('flattens object messages field by field', () => {
    expect(
      flattenHostMessage({
        apikey: ['Missing data for required field.'],
        strategy: ['Unknown field.'],
      }),
    ).to.equal('apikey: Missing data for required field.; strategy: Unknown field.');
    expect(flattenHostMessage({ _schema: ['Invalid input type.'] })).to.equal(
      'Invalid input type.',
    );
    expect(flattenHostMessage({ legs: { 0: { symbol: ['Required.'] } } })).to.equal(
      'legs.0.symbol: Required.',
    );
  });

  it('keeps string messages and ignores what is not a message', () => {
    expect(flattenHostMessage('Failed to fetch quotes')).to.equal('Failed to fetch quotes');
    expect(flattenHostMessage('')).to.equal(null);
    expect(flattenHostMessage(42)).to.equal(null);
    expect(flattenHostMessage({ field: [1, 2] })).to.equal(null);
  });

  it('classifies statuses', () => {
    expect(kindForResponse(401, null)).to.equal('invalid_key');
    expect(kindForResponse(403, 'Invalid openalgo apikey')).to.equal('invalid_key');
    expect(kindForResponse(403, null)).to.equal('invalid_key');
    expect(kindForResponse(403, 'Session expired, login required')).to.equal(
      'broker_session_expired',
    );
    expect(kindForResponse(404, 'Broker-specific module not found')).to.equal('server_error');
    expect(kindForResponse(422, 'whatever')).to.equal('validation');
    expect(kindForResponse(429, null)).to.equal('server_error');
    expect(kindForResponse(503, null)).to.equal('server_error');
  });

  it('builds errors that never throw on odd bodies', () => {
    for (const body of [undefined, null, 'text', [1], { message: null }]) {
      const error = errorFromResponse(500, body);
      expect(error.kind).to.equal('server_error');
      expect(error.message).to.equal('The host failed (HTTP 500)');
    }
  });
});
