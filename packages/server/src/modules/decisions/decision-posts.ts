// The posts a decision writes into its thread: the opening one (which notifies the participants through
// the delivery engine, as mentions) and the outcome.
import type { DecisionRow } from '../../shared/database.js';
import type { Outcome } from './decision.domain.js';
import { outcomeText } from './decision-view.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The opening post. */
export function openingMarkdown(d: {
  question: string;
  mode: 'consent' | 'vote';
  options: readonly string[];
  windowHours: number;
  closesAt: number;
  deciderName: string;
  setter: string;
  setterZone: string;
}): string {
  const lines = [`**Decision (${d.mode}):** ${d.question}`, ''];
  if (d.mode === 'vote') lines.push(...d.options.map((o, i) => `${i + 1}. ${o}`), '');
  else lines.push('Adopted unless someone blocks, with a reason.', '');
  lines.push(
    `Decider: ${d.deciderName}. Closes ${iso(d.closesAt)}, so that everyone gets ${d.windowHours} of their working hours (${d.setter}'s rhythm, ${d.setterZone}, sets the close).`,
  );
  return lines.join('\n');
}

/** The post at the close: the outcome, or the tie the decider breaks. */
export function closingMarkdown(d: DecisionRow, outcome: Outcome): string {
  if (outcome.outcome === 'tie') {
    const options = JSON.parse(d.options) as string[];
    return `**Decision tied:** ${d.question}\n\nTied: ${outcome.tied.map((i) => options[i]).join(', ')}. The decider breaks the tie.`;
  }
  return `**Decided:** ${d.question}\n\nOutcome: ${outcomeText(d)}.`;
}
