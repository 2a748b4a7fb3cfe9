import { RequestBatcher, type Queued } from '../../src/shared/request-batcher';

describe('RequestBatcher', () => {
  it('sends a request at once while fewer than maxInFlight are under way, and groups those that come meanwhile', async () => {
    const sent: number[][] = [];
    const batcher = new RequestBatcher<number, number>(
      async (batch: readonly Queued<number, number>[]) => {
        sent.push(batch.map(({ request }) => request));
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const { request, resolve } of batch) resolve(request * 10);
      },
      { maxInFlight: 2, maxBatch: 3 },
    );
    const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => batcher.submit(n)));
    expect(answers).toEqual([10, 20, 30, 40, 50, 60, 70]);
    // Two alone at once, then the waiting ones three at a time.
    expect(sent).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    sent.length = 0;
    expect(await batcher.submit(8)).toBe(80);
    expect(sent).toEqual([[8]]);
  });

  it('fails every request of a batch whose sending failed, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new RequestBatcher<number, number>(
      async (batch) => {
        if (calls++ === 0) throw new Error('connection lost');
        for (const { request, resolve } of batch) resolve(request);
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('with gatherTurn, sends the requests of one turn of the event loop together, even when nothing is under way', async () => {
    const sent: number[][] = [];
    const batcher = new RequestBatcher<number, number>(
      async (batch) => {
        sent.push(batch.map(({ request }) => request));
        for (const { request, resolve } of batch) resolve(request * 10);
      },
      { maxInFlight: 4, maxBatch: 10, gatherTurn: true },
    );
    expect(await Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)])).toEqual([10, 20, 30]);
    // Asked a step apart (awaits in between), within the same turn.
    const later = Promise.resolve().then(() => batcher.submit(5));
    expect(await Promise.all([batcher.submit(4), later])).toEqual([40, 50]);
    expect(sent).toEqual([[1, 2, 3], [4, 5]]);
  });
});

