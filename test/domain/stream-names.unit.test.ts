import { matchesFilter } from '../../src/event-store/event-store';
import { streamName, streamPrefix } from '../../src/domain/stream-names';

describe('stream names', () => {
  it('are the category, a dash and the id, and the category prefix selects them', () => {
    expect(streamName('order', '8f2c')).toBe('order-8f2c');
    expect(matchesFilter({ streamPrefixes: [streamPrefix('order')] }, { streamId: streamName('order', '8f2c'), type: 'OrderPlaced' })).toBe(true);
    expect(matchesFilter({ streamPrefixes: [streamPrefix('order')] }, { streamId: streamName('payment', '8f2c'), type: 'OrderPlaced' })).toBe(false);
  });

  it('refuse an empty id', () => {
    expect(() => streamName('customer', '')).toThrow(RangeError);
  });
});
