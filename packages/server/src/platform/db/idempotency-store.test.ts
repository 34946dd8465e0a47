import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { claimIdempotencyKey, completeIdempotencyKey, pruneIdempotencyKeys } from './idempotency-store.js';

const times = (now: number) => ({ now, ttlMs: 1000, pendingTimeoutMs: 100 });
const scope = (key: string) => ({ workspaceId: 'w', callerId: 'p', key });

describeEachDialect('idempotency key store', (ctx) => {
  it('lets a key be claimed again once it expired', async () => {
    const db = ctx.database().db;
    expect(await claimIdempotencyKey(db, scope('e'), 'h', times(0))).toEqual({ kind: 'claimed' });
    await completeIdempotencyKey(db, scope('e'), { status: 201, body: '{}', headers: {} });
    expect((await claimIdempotencyKey(db, scope('e'), 'h', times(999))).kind).toBe('replay');
    expect(await claimIdempotencyKey(db, scope('e'), 'other', times(1000))).toEqual({ kind: 'claimed' });
  });

  it('lets a retry take over a key left pending by a request that died', async () => {
    const db = ctx.database().db;
    await claimIdempotencyKey(db, scope('d'), 'h', times(0));
    expect(await claimIdempotencyKey(db, scope('d'), 'h', times(99))).toEqual({ kind: 'in_progress' });
    expect(await claimIdempotencyKey(db, scope('d'), 'h', times(100))).toEqual({ kind: 'claimed' });
  });

  it('prunes expired keys', async () => {
    const db = ctx.database().db;
    await claimIdempotencyKey(db, scope('p'), 'h', times(5000));
    expect(await pruneIdempotencyKeys(db, 6000)).toBeGreaterThanOrEqual(1);
    expect(await claimIdempotencyKey(db, scope('p'), 'x', times(6000))).toEqual({ kind: 'claimed' });
  });
});
