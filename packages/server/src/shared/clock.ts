/**
 * Where the server reads the time. Only server time schedules anything (BAD_INPUT row 28): the scheduler
 * and the services it calls take a Clock, so that tests drive time instead of sleeping.
 */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that tests move: `set` and `advance` step it, `onChange` tells listeners (the scheduler wakes).
 * A ticking test clock runs on from where it was set at real speed (a test-mode server, where other code
 * still sees time pass); a frozen one moves only when told.
 */
export interface TestClock extends Clock {
  set(now: number): void;
  advance(ms: number): void;
  /** Calls `listener` after every `set` or `advance`; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * A {@link TestClock} starting at `start` (default: the real time).
 *
 * @example
 * ```ts
 * const clock = createTestClock({ start: Date.UTC(2027, 0, 4, 9), isTicking: false });
 * clock.advance(60_000); // 09:01, and the scheduler is woken
 * ```
 */
export function createTestClock(options: { start?: number; isTicking?: boolean } = {}): TestClock {
  const isTicking = options.isTicking ?? false;
  const listeners = new Set<() => void>();
  let base = options.start ?? Date.now();
  let setAt = Date.now();
  const now = () => (isTicking ? base + (Date.now() - setAt) : base);
  const set = (value: number) => {
    base = value;
    setAt = Date.now();
    for (const listener of listeners) listener();
  };
  return {
    now,
    set,
    advance: (ms) => set(now() + ms),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
