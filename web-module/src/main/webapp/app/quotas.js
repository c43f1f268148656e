// Quotas as people read them: what each counts, how much of it is used. Shown to users in their library and to
// administrators for any user.
import { h, formatBytes } from './dom.js';

export const QUOTAS = [
  { key: 'voices', label: 'Voices', amount: (n) => String(n) },
  { key: 'storedBytes', label: 'Stored audio', amount: formatBytes, unit: 'bytes' },
  { key: 'concurrentJobs', label: 'Clone jobs at once', amount: (n) => String(n) },
  { key: 'synthesisSecondsPerDay', label: 'Speech today (UTC)', amount: (n) => `${n} s`, unit: 'seconds' },
];

/** A definition list "Voices: 2 of 50", ... for the quotas of one user. */
export function quotaSummary(quotas) {
  return h('dl', { class: 'facts quotas' }, QUOTAS.flatMap(q => {
    const use = quotas[q.key];
    if (!use) return [];
    const full = use.remaining === 0;
    return [h('dt', {}, q.label), h('dd', { 'data-quota': q.key, class: full ? 'quota-full' : null },
      `${q.amount(use.used)} of ${q.amount(use.limit)}`, full ? ' (reached)' : '')];
  }));
}
