import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createRootLogger, maskJid, maskPhone } from '../../../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createRootLogger({ level: 'info', format: 'json', destination }), lines };
}

describe('logger', () => {
  it('redacts keys, tokens, passwords, bodies and phones wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        apikey: 'k-top-secret-1',
        request: { apikey: 'k-top-secret-2', password: 'hunter2hunter2', text: 'buy 100 RELIANCE' },
        message: { caption: 'my caption', phone: '919876543210' },
        req: {
          headers: { authorization: 'Bearer abc', 'x-api-key': 'k-top-secret-3', cookie: 'sid=1' },
        },
      },
      'event',
    );
    const line = lines.join('');
    for (const secret of [
      'k-top-secret-1',
      'k-top-secret-2',
      'k-top-secret-3',
      'hunter2hunter2',
      'buy 100',
      'my caption',
      '919876543210',
      'Bearer abc',
      'sid=1',
    ]) {
      expect(line, secret).to.not.include(secret);
    }
    expect(line).to.include('[redacted]');
    expect(JSON.parse(line)).to.include({ msg: 'event', service: 'openalgo-whatsapp' });
  });

  it('masks phone numbers as +91******3210', () => {
    expect(maskPhone('919876543210')).to.equal('+91******3210');
    expect(maskPhone('+91 98765-43210')).to.equal('+91******3210');
    expect(maskPhone('919876543210:12@s.whatsapp.net')).to.equal('+91******3210');
    expect(maskPhone('123')).to.equal('+***');
    expect(maskPhone(undefined)).to.equal('+***');
  });

  it('masks JIDs but keeps their server', () => {
    expect(maskJid('919876543210@s.whatsapp.net')).to.equal('+91******3210@s.whatsapp.net');
    expect(maskJid('123456789012345@lid')).to.equal('+12*********2345@lid');
    expect(maskJid(null)).to.equal('(none)');
  });
});
