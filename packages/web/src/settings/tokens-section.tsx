// Personal API tokens: create one (read or read-write) and see its secret once, with a copy button; list
// them with when each was last used; revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { paths } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { SecretOnce } from '../ui/secret-once';
import { TextField } from '../ui/text-field';
import { formatDateTime, isoOf } from './when';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A new token as `POST /api/v1/tokens` answers it: the only time its secret is seen. */
type CreatedToken = Json<paths['/api/v1/tokens']['post']['responses'][201]>;

type Scope = CreatedToken['scope'];

const scopes: { value: Scope; label: string; hint: string }[] = [
  { value: 'read', label: 'Read', hint: 'for reports and scripts that only look' },
  { value: 'read-write', label: 'Read and write', hint: 'for tools that post, reply and mark done' },
];

/** The new secret, shown once, with a copy button. */
function NewSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <SecretOnce
      title={<>Token “{created.name}” created. Copy it now: it will not be shown again.</>}
      label="The new token"
      value={created.token}
      what="the token"
      onDone={onDone}
    />
  );
}

/** The API tokens section. */
export function TokensSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const scopeName = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({
    queryKey: queryKeys.myTokens,
    queryFn: async () =>
      expectData(await client.GET('/api/v1/tokens', { params: { query: { limit: 200 } } })).items,
  });
  const create = useMutation({
    mutationFn: async (body: { name: string; scope: Scope }) =>
      expectData(await client.POST('/api/v1/tokens', { body })),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      expectData(await client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      if (created?.id === id) setCreated(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myTokens });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), scope });
  };
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>API tokens</h2>
      <p className="hint">A token lets a script or the command line act as you. Treat it like a password.</p>
      {created ? <NewSecret created={created} onDone={() => setCreated(null)} /> : null}
      <form className="form token-form" onSubmit={onSubmit} aria-label="New API token">
        <TextField
          label="Token name"
          hint="What it is for, e.g. “laptop CLI”."
          value={name}
          required
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset>
          <legend>Scope</legend>
          {scopes.map((option) => (
            <div className="choice" key={option.value}>
              <input
                id={`${scopeName}-${option.value}`}
                type="radio"
                name={scopeName}
                value={option.value}
                checked={scope === option.value}
                onChange={() => setScope(option.value)}
              />
              <label htmlFor={`${scopeName}-${option.value}`}>
                {option.label} <span className="muted">({option.hint})</span>
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={create.isPending}>
            Create token
          </button>
        </div>
        <ErrorMessage error={create.error} />
      </form>

      <h3>Your tokens</h3>
      {tokens.isPending ? <Loading what="Loading your tokens…" /> : null}
      <ErrorMessage error={tokens.error} />
      <ErrorMessage error={revoke.error} />
      {tokens.isSuccess && tokens.data.length === 0 ? <p className="muted">No tokens yet.</p> : null}
      <ul className="item-list settings-list" aria-label="API tokens">
        {(tokens.data ?? []).map((token) => (
          <li key={token.id} className="settings-row">
            <div className="settings-row-text">
              <span className="settings-row-name">
                {token.name}
                <span className="settings-badge">{token.scope === 'read' ? 'read' : 'read-write'}</span>
              </span>
              <span className="muted">
                Created <time dateTime={isoOf(token.createdAt)}>{formatDateTime(token.createdAt)}</time> ·{' '}
                {token.lastUsedAt === null ? (
                  'never used'
                ) : (
                  <>
                    last used{' '}
                    <time dateTime={isoOf(token.lastUsedAt)}>{formatDateTime(token.lastUsedAt)}</time>
                  </>
                )}
              </span>
            </div>
            <button
              type="button"
              disabled={revoke.isPending && revoke.variables === token.id}
              aria-label={`Revoke ${token.name}`}
              onClick={() => revoke.mutate(token.id)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
