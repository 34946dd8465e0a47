import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Decisions (issue 6): a question in a thread with a fair close.
//
// decisions: one row per decision. `closes_at` is the instant the close job runs at: the latest of each
// required participant's own window end (`fair_closes_at`), or a later explicit deadline. `close_set_by`
// names the participant whose rhythm set the fair close. `state` goes open → closed, or open →
// awaiting_tiebreak → closed (a tied vote waits for the decider); the close job moves it with a
// conditional update, so it happens once. Closed rows are the workspace's decision log.
// decision_participants: who is asked, required or optional, with their own window end and the instant of
// their one reminder (75% of their own window), and when it was made.
// decision_responses: one current response per participant: a consent, a block with its reason, or a vote.

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations never import app types

/** Creates `decisions`, `decision_participants` and `decision_responses`. */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('decider_id', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('hide_votes', 'integer', (c) => c.notNull())
    .addColumn('window_hours', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('fair_closes_at', 'bigint', (c) => c.notNull())
    .addColumn('closes_at', 'bigint', (c) => c.notNull())
    .addColumn('close_set_by', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('chosen_option', 'integer')
    .addColumn('outcome_post_id', 'text')
    .addColumn('closed_early', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addCheckConstraint('decisions_mode_check', sql`mode in ('consent', 'vote')`)
    .addCheckConstraint('decisions_state_check', sql`state in ('open', 'awaiting_tiebreak', 'closed')`)
    .execute();
  await db.schema
    .createIndex('decisions_log_idx')
    .on('decisions')
    .columns(['workspace_id', 'state', 'closed_at', 'id'])
    .execute();
  await db.schema.createIndex('decisions_thread_idx').on('decisions').columns(['thread_id', 'id']).execute();
  await db.schema
    .createTable('decision_participants')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('is_required', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'bigint')
    .addColumn('remind_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addPrimaryKeyConstraint('decision_participants_pk', ['decision_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('decision_responses')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('option_index', 'integer')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_responses_pk', ['decision_id', 'person_id'])
    .addCheckConstraint('decision_responses_kind_check', sql`kind in ('consent', 'block', 'vote')`)
    .execute();
}

/** Drops them again. */
export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('decision_responses').execute();
  await db.schema.dropTable('decision_participants').execute();
  await db.schema.dropTable('decisions').execute();
}
