import { createBatcher, type Job } from './batcher';

/** A request that leaves only when the test lets it, as one queued behind Airtable's 5 requests/s does. */
const heldRequests = () => {
  const sent: { items: number[]; answer: () => void }[] = [];
  const send = (jobs: Job<number, number>[]) =>
    new Promise<void>((resolve) => {
      sent.push({
        items: jobs.map((job) => job.item),
        answer: () => {
          for (const job of jobs) job.resolve(job.item);
          resolve();
        },
      });
    });
  return { sent, send };
};

const turn = () => new Promise((resolve) => setImmediate(resolve));
const numbers = (from: number, count: number) => Array.from({ length: count }, (_unused, index) => from + index);

describe('Requests of 10 shared by every caller', () => {
  it('should send a full request at once and hold a partial one until flushed', async () => {
    const { sent, send } = heldRequests();
    const batcher = createBatcher(10, 60_000, send);

    void batcher.add(numbers(0, 13));
    expect(sent.map(({ items }) => items.length)).toEqual([10]);
    batcher.flush();
    await turn();

    expect(sent.map(({ items }) => items.length)).toEqual([10, 3]);
    sent.forEach(({ answer }) => answer());
    await batcher.idle();
  });

  it('should make what is flushed while a partial request is still on its way one request after it, not one per flush', async () => {
    const { sent, send } = heldRequests();
    const batcher = createBatcher(10, 60_000, send);
    const writes = [batcher.add([1, 2, 3])];
    batcher.flush();
    await turn();

    for (const items of [[4], [5, 6], [7]]) {
      writes.push(batcher.add(items));
      batcher.flush();
      await turn();
    }
    expect(sent.map(({ items }) => items)).toEqual([[1, 2, 3]]);
    sent[0].answer();
    await turn();

    expect(sent.map(({ items }) => items)).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
    ]);
    sent[1].answer();
    await expect(Promise.all(writes)).resolves.toEqual([[1, 2, 3], [4], [5, 6], [7]]);
  });

  it('should still send a full request at once while a partial one is on its way', async () => {
    const { sent, send } = heldRequests();
    const batcher = createBatcher(10, 60_000, send);
    void batcher.add([1]);
    batcher.flush();
    await turn();

    void batcher.add(numbers(100, 10));

    expect(sent.map(({ items }) => items.length)).toEqual([1, 10]);
    sent.forEach(({ answer }) => answer());
    await batcher.idle();
  });

  it('should send everything held, in as few requests, when idle is awaited', async () => {
    const { sent, send } = heldRequests();
    const batcher = createBatcher(10, 60_000, send);
    void batcher.add([1, 2]);
    batcher.flush();
    await turn();
    void batcher.add([3]);

    const idle = batcher.idle();
    sent[0].answer();
    await turn();
    expect(sent.map(({ items }) => items)).toEqual([[1, 2], [3]]);
    sent[1].answer();
    await idle;
  });
});
