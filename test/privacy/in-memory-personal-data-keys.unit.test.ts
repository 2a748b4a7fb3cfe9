import { coalescedKeyLookups, InMemoryPersonalDataKeys } from '../../src/privacy/personal-data-keys';
import { personalDataKeysContract } from '../contract/personal-data-keys.contract';

personalDataKeysContract('InMemoryPersonalDataKeys', async () => new InMemoryPersonalDataKeys());
personalDataKeysContract('coalescedKeyLookups(InMemoryPersonalDataKeys)', async () => coalescedKeyLookups(new InMemoryPersonalDataKeys()));

describe('coalescedKeyLookups', () => {
  it('looks up the keys asked for at once in one lookup, and answers each with its own', async () => {
    const keys = new InMemoryPersonalDataKeys();
    const lookups: (readonly string[])[] = [];
    const counted = { ...keys, ensure: keys.ensure.bind(keys), erase: keys.erase.bind(keys), find: (ids: readonly string[]) => (lookups.push(ids), keys.find(ids)) };
    const coalesced = coalescedKeyLookups(counted);
    await keys.ensure('a', Buffer.from('key a'));
    await keys.erase('b');
    const [a, b, none] = await Promise.all([coalesced.find(['a']), coalesced.find(['b', 'a']), coalesced.find(['c'])]);
    expect(lookups).toEqual([['a', 'b', 'c']]);
    expect([a, b, none]).toEqual([new Map([['a', Buffer.from('key a')]]), new Map<string, unknown>([['b', 'erased'], ['a', Buffer.from('key a')]]), new Map()]);
  });
});
