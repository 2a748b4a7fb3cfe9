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

  it('makes the lookups asked while two are under way as one, once one of those is answered', async () => {
    const keys = new InMemoryPersonalDataKeys();
    await keys.ensure('a', Buffer.from('key a'));
    const lookups: (readonly string[])[] = [];
    const held: (() => void)[] = [];
    const slow = {
      ensure: keys.ensure.bind(keys),
      erase: keys.erase.bind(keys),
      find: async (ids: readonly string[]) => {
        lookups.push(ids);
        await new Promise<void>((resolve) => held.push(resolve));
        return keys.find(ids);
      },
    };
    const coalesced = coalescedKeyLookups(slow);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const first = coalesced.find(['a']);
    await turn();
    const second = coalesced.find(['b']);
    await turn();
    const waiting = [coalesced.find(['c']), coalesced.find(['a'])];
    await turn();
    await turn();
    expect(lookups).toEqual([['a'], ['b']]);

    held.shift()!();
    await first;
    while (lookups.length < 3) await turn();
    for (const letGo of held.splice(0)) letGo();

    expect(lookups).toEqual([['a'], ['b'], ['c', 'a']]);
    expect(await second).toEqual(new Map());
    expect(await Promise.all(waiting)).toEqual([new Map(), new Map([['a', Buffer.from('key a')]])]);
  });
});
