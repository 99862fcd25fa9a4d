import { expect } from 'chai';
import {
  carrierText,
  contentFor,
  DELAY_NOTICE_AFTER_MS,
  HELD_DIGEST_HEADER,
  titleOf,
} from '../../../src/alerts/outbox-content.ts';
import { toRecipient } from '../../../src/alerts/lanes.ts';
import {
  renderBurst,
  renderDelayedPrefix,
  renderMissedDigest,
} from '../../../src/presenters/alerts/index.ts';

const EVENT_AT = new Date('2025-04-08T04:45:02Z');
const ALERT =
  '*Order Placed*\n*LIVE MODE - Real Order*\n---------------------\nSymbol: SBIN\nTime: 10:15:02';

function row(patch: Record<string, unknown> = {}) {
  return {
    kind: 'alert',
    message: ALERT,
    topic: 'order.placed',
    eventAt: EVENT_AT,
    createdAt: EVENT_AT,
    mediaPath: null as string | null,
    mediaKind: null as 'image' | 'document' | null,
    fileName: null as string | null,
    caption: null as string | null,
    ...patch,
  } as Parameters<typeof contentFor>[0] & Parameters<typeof titleOf>[0];
}

describe('outbox content', () => {
  it('adds the delay line only to alerts later than 60 s', () => {
    const at = EVENT_AT.getTime();
    expect(contentFor(row(), at + DELAY_NOTICE_AFTER_MS)).to.deep.equal({
      type: 'text',
      text: ALERT,
    });
    const late = contentFor(row(), at + 252_000);
    expect(late).to.deep.equal({ type: 'text', text: `${renderDelayedPrefix(252_000)}\n${ALERT}` });
    const digest = contentFor(row({ kind: 'digest' }), at + 252_000);
    expect(digest).to.deep.equal({ type: 'text', text: ALERT });
  });

  it('sends media rows as image or document', () => {
    const image = row({
      kind: 'notify',
      mediaPath: '/srv/a.png',
      mediaKind: 'image',
      caption: 'chart',
    });
    expect(contentFor(image, 0)).to.deep.equal({
      type: 'image',
      path: '/srv/a.png',
      caption: 'chart',
    });
    const document = row({
      kind: 'notify',
      mediaPath: '/srv/r.pdf',
      mediaKind: 'document',
      message: 'report',
    });
    expect(contentFor(document, 0)).to.deep.equal({
      type: 'document',
      path: '/srv/r.pdf',
      fileName: 'r.pdf',
      followUpText: 'report',
    });
  });

  it('builds carrier texts from the member alerts', () => {
    const members = [row(), row({ message: '*Order Cancelled*\nOrder ID: 1' })];
    expect(carrierText('burst', members, 'UTC')).to.equal(
      renderBurst([ALERT, '*Order Cancelled*\nOrder ID: 1']),
    );
    expect(carrierText('held', members, 'UTC')).to.equal(
      `${HELD_DIGEST_HEADER}\n\n${renderBurst([ALERT, '*Order Cancelled*\nOrder ID: 1'])}`,
    );
    expect(carrierText('missed', members, 'Asia/Kolkata')).to.equal(
      renderMissedDigest(
        [
          { title: '*Order Placed*', eventAt: EVENT_AT },
          { title: '*Order Cancelled*', eventAt: EVENT_AT },
        ],
        2,
        'Asia/Kolkata',
      ),
    );
  });

  it('titles a row by its first line, else its topic', () => {
    expect(titleOf(row())).to.equal('*Order Placed*');
    expect(titleOf(row({ message: null }))).to.equal('order.placed');
  });

  it("resolves the owner's marker to the self chat", () => {
    expect(toRecipient('self')).to.deep.equal({ kind: 'self' });
    expect(toRecipient('1@s.whatsapp.net')).to.deep.equal({ kind: 'jid', jid: '1@s.whatsapp.net' });
  });
});
