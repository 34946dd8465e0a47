import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { createServerSecrets } from './server-secrets.js';

describeEachDialect('server secrets', (ctx) => {
  it('creates a 32-byte secret once and gives every reader the same bytes', async () => {
    const [a, b] = await Promise.all([
      createServerSecrets(ctx.database().db).get('cursor'),
      createServerSecrets(ctx.database().db).get('cursor'),
    ]);
    expect(a).toHaveLength(32);
    expect(b.equals(a)).toBe(true);
    expect((await createServerSecrets(ctx.database().db).get('cursor')).equals(a)).toBe(true);
  });

  it('keeps secrets of different names apart', async () => {
    const secrets = createServerSecrets(ctx.database().db);
    expect((await secrets.get('one')).equals(await secrets.get('two'))).toBe(false);
  });
});
