import { expect } from 'chai';
import path from 'node:path';
import { parseDatabaseUrl } from '../../../src/db/index.ts';

describe('db: DATABASE_URL parsing', () => {
  it('resolves a relative sqlite: path against the process cwd', () => {
    expect(parseDatabaseUrl('sqlite:./data/openalgo-whatsapp.db')).to.deep.equal({
      kind: 'sqlite',
      path: path.join(process.cwd(), 'data', 'openalgo-whatsapp.db'),
    });
  });

  it('keeps absolute paths and the in-memory name', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/oaw/app.db')).to.deep.equal({
      kind: 'sqlite',
      path: '/var/lib/oaw/app.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).to.deep.equal({ kind: 'sqlite', path: ':memory:' });
  });

  it('accepts both PostgreSQL schemes', () => {
    for (const url of ['postgres://u:p@db:5432/app', 'postgresql://u@127.0.0.1/app']) {
      expect(parseDatabaseUrl(url)).to.deep.equal({ kind: 'postgresql', url });
    }
  });

  it('rejects other schemes and an empty path without echoing the URL', () => {
    const secretUrl = 'mysql://admin:hunter2@db/app';
    expect(() => parseDatabaseUrl(secretUrl))
      .to.throw(/sqlite:PATH or postgres/)
      .with.property('message')
      .that.does.not.include('hunter2');
    expect(() => parseDatabaseUrl('sqlite:')).to.throw(/needs a file path/);
  });
});
