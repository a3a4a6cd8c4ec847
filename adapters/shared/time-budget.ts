// Racing work against a platform's time budget (Slack: 3 s to answer a view submission; Feishu: 3 s
// to answer a card callback). One place, so every listener gives up the same way.

/** The work did not finish within its budget; it goes on, and its result is applied later. */
export const LATE: unique symbol = Symbol('late');

/** The work's result, or LATE when `budgetMs` passed first. The timer never outlives the race. */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, budgetMs));
  });
  try {
    return await Promise.race([work, budget]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is left of a budget that started at `startedAt` (ms since epoch), keeping `marginMs` in hand. */
export const budgetLeft = (startedAt: number, budgetMs: number, marginMs = 0, now = Date.now()): number =>
  Math.max(0, budgetMs - marginMs - (now - startedAt));
