import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Portable schema: ids are text (UUIDv7 strings made by the server), times are epoch milliseconds in
// bigint columns, flags are nullable timestamps or text enums with a check (SQLite has no boolean).
// Secrets (session, API, invitation and setup tokens) are stored only as hashes.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

async function createAccounts(db: Db): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deactivated_at', 'bigint')
    .execute();
  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deactivated_at', 'bigint')
    .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'person_id'])
    .addCheckConstraint('memberships_role_check', sql`role in ('owner', 'admin', 'member', 'guest')`)
    .execute();
  await db.schema.createIndex('memberships_person_idx').on('memberships').column('person_id').execute();
}

async function createCredentials(db: Db): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').column('person_id').execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addCheckConstraint('api_tokens_scope_check', sql`scope in ('read', 'read-write')`)
    .execute();
  await db.schema.createIndex('api_tokens_person_idx').on('api_tokens').column('person_id').execute();
}

async function createInvitations(db: Db): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_by', 'text', (c) => c.references('people.id'))
    .addColumn('revoked_at', 'bigint')
    .addCheckConstraint('invitations_role_check', sql`role in ('admin', 'member', 'guest')`)
    .execute();
  await db.schema.createIndex('invitations_workspace_idx').on('invitations').column('workspace_id').execute();
  await db.schema
    .createTable('setup_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

async function createChannels(db: Db): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addUniqueConstraint('channels_workspace_name_unique', ['workspace_id', 'name_normalized'])
    .addCheckConstraint('channels_visibility_check', sql`visibility in ('public', 'private')`)
    .execute();
  await db.schema
    .createTable('channel_members')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_members_pk', ['channel_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('channel_members_person_idx')
    .on('channel_members')
    .column('person_id')
    .execute();
}

async function createThreads(db: Db): Promise<void> {
  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_post_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('threads_channel_activity_idx')
    .on('threads')
    .columns(['channel_id', 'last_post_at', 'id'])
    .execute();
  await db.schema
    .createTable('thread_followers')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_followers_pk', ['thread_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('thread_followers_person_idx')
    .on('thread_followers')
    .column('person_id')
    .execute();
}

async function createPosts(db: Db): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addColumn('deleted_by', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema
    .createIndex('posts_thread_created_idx')
    .on('posts')
    .columns(['thread_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createTable('post_versions')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_versions_pk', ['post_id', 'version'])
    .execute();
}

async function createPostRelations(db: Db): Promise<void> {
  await db.schema
    .createTable('reactions')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['post_id', 'person_id', 'emoji'])
    .execute();
  await db.schema
    .createTable('post_links')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('builds_on_post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_links_pk', ['post_id', 'builds_on_post_id'])
    .execute();
  await db.schema
    .createIndex('post_links_builds_on_idx')
    .on('post_links')
    .column('builds_on_post_id')
    .execute();
}

async function createIdempotencyKeys(db: Db): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('caller_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['workspace_id', 'caller_id', 'key'])
    .addCheckConstraint('idempotency_keys_state_check', sql`state in ('pending', 'done')`)
    .execute();
  await db.schema
    .createIndex('idempotency_keys_expires_idx')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();
}

/** Creates the tables of accounts, workspaces, channels, threads and posts. */
export async function up(db: Db): Promise<void> {
  await createAccounts(db);
  await createCredentials(db);
  await createInvitations(db);
  await createChannels(db);
  await createThreads(db);
  await createPosts(db);
  await createPostRelations(db);
  await createIdempotencyKeys(db);
}

const tablesInDropOrder = [
  'idempotency_keys',
  'post_links',
  'reactions',
  'post_versions',
  'posts',
  'thread_followers',
  'threads',
  'channel_members',
  'channels',
  'setup_tokens',
  'invitations',
  'api_tokens',
  'sessions',
  'memberships',
  'people',
  'workspaces',
];

/** Drops every table that `up` created. */
export async function down(db: Db): Promise<void> {
  for (const table of tablesInDropOrder) await db.schema.dropTable(table).execute();
}
