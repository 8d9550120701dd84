import { describe, expect, it } from 'vitest';
import { journalFilterSchema } from '../../preload/contract.ts';
import { callsFilter, journalFilterWithIds } from './journal.ts';
import { EMPTY_JOURNAL_FORM, toJournalFilter } from './selectors.ts';

describe('the journal at a finding’s calls', () => {
  it('keeps each cited call once, in order, and nothing that is not an entry id', () => {
    expect(callsFilter([7, 3, 7, 0, -1, 1.5, 9])).toEqual([7, 3, 9]);
    expect(callsFilter([])).toBeNull();
    expect(callsFilter([0])).toBeNull();
    expect(callsFilter(Array.from({ length: 300 }, (_, i) => i + 1))).toHaveLength(200);
  });
  it('narrows the run filter to exactly the calls, as the contract accepts it', () => {
    const base = toJournalFilter({ ...EMPTY_JOURNAL_FORM, runId: 'run-1' }, 0);
    const narrowed = journalFilterWithIds(base, [4, 5]);
    expect(narrowed).toEqual({ runId: 'run-1', ids: [4, 5] });
    expect(journalFilterSchema.safeParse(narrowed).success).toBe(true);
    expect(journalFilterWithIds(base, null)).toEqual({ runId: 'run-1' });
    expect(journalFilterSchema.safeParse({ ids: [] }).success).toBe(false);
  });
});
