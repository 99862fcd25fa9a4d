/** The topic catalogue of SPEC §4.2. */
import { expect } from 'chai';
import {
  ALERT_PREFERENCE_DEFAULTS,
  RECORD_ONLY_TOPICS,
  SEND_TOPICS,
  classifyTopic,
  isKnownTopic,
  preferenceForTopic,
  topicFamily,
  topicsOfFamily,
} from '../../../src/alerts/topics.ts';

const SPEC_SEND = [
  'order.placed',
  'order.no_action',
  'order.modified',
  'order.cancelled',
  'orders.all_cancelled',
  'position.closed',
  'basket.completed',
  'split.completed',
  'options.completed',
  'multiorder.completed',
  'gtt.placed',
  'gtt.modified',
  'gtt.cancelled',
  'gtt.triggered',
  'gtt.expired',
  'order.update',
];
const SPEC_RECORD = [
  'order.failed',
  'order.modify_failed',
  'order.cancel_failed',
  'analyzer.error',
  'gtt.failed',
  'gtt.modify_failed',
  'gtt.cancel_failed',
];

describe('topic catalogue', () => {
  it('lists exactly the sending and record-only topics of SPEC §4.2', () => {
    expect([...SEND_TOPICS].sort()).to.deep.equal([...SPEC_SEND].sort());
    expect([...RECORD_ONLY_TOPICS].sort()).to.deep.equal([...SPEC_RECORD].sort());
  });

  it('classifies sending, failure and unknown topics', () => {
    for (const topic of SPEC_SEND) expect(classifyTopic(topic), topic).to.equal('send');
    for (const topic of SPEC_RECORD) expect(classifyTopic(topic), topic).to.equal('record');
    for (const topic of ['sandbox.order_filled', 'ORDER.PLACED', '', 'toString', '__proto__']) {
      expect(classifyTopic(topic), topic).to.equal('ignore');
      expect(isKnownTopic(topic), topic).to.be.false;
    }
  });

  it('gates order.update by trade_notifications and everything else by order_notifications', () => {
    for (const topic of SEND_TOPICS) {
      const expected = topic === 'order.update' ? 'trade_notifications' : 'order_notifications';
      expect(preferenceForTopic(topic), topic).to.equal(expected);
    }
  });

  it('defaults order alerts on and trade alerts off', () => {
    expect(ALERT_PREFERENCE_DEFAULTS).to.deep.equal({
      order_notifications: true,
      trade_notifications: false,
    });
    expect(Object.isFrozen(ALERT_PREFERENCE_DEFAULTS)).to.be.true;
  });

  it('assigns every known topic to exactly one family', () => {
    const known = [...SEND_TOPICS, ...RECORD_ONLY_TOPICS];
    const families = ['order', 'batch', 'gtt', 'update'] as const;
    const listed = families.flatMap((family) => topicsOfFamily(family));
    expect([...listed].sort()).to.deep.equal([...known].sort());
    expect(topicFamily('gtt.triggered')).to.equal('gtt');
    expect(topicFamily('split.completed')).to.equal('batch');
    expect(topicFamily('order.update')).to.equal('update');
    expect(topicFamily('analyzer.error')).to.equal('order');
    expect(topicFamily('sandbox.order_filled')).to.be.undefined;
  });
});
