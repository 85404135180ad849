import { CoalescingAppender } from './coalescing-appender.js';

describe('CoalescingAppender', () => {
  it('writes the first item at once and those arriving meanwhile together, at most so many a write', async () => {
    const writes: number[][] = [];
    const appender = new CoalescingAppender<number>(async (items) => {
      writes.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, n) => appender.add(n)));
    expect(writes).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    await appender.add(10);
    expect(writes.at(-1)).toEqual([10]);
  });

  it('answers each caller only once its write is done, and a failed write fails its own items only', async () => {
    const stored: number[] = [];
    const appender = new CoalescingAppender<number>(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (items.includes(2)) throw new Error('the store refused');
      stored.push(...items);
    }, 100);
    const outcomes = await Promise.allSettled([0, 1, 2, 3].map(async (n) => {
      await appender.add(n);
      return stored.includes(n);
    }));
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'failed'))).toEqual([true, 'failed', 'failed', 'failed']);
    await appender.add(4);
    expect(stored).toEqual([0, 4]);
  });
});
