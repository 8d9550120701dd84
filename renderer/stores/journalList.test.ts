import { describe, expect, it } from 'vitest';
import type { JournalEntrySummary, ProfileView } from '../../preload/contract.ts';
import { appendPage, countAfterNewest, formatCount, profileLabels, shouldPrefetch } from './journalList.ts';

const entry = (id: number, at: number): JournalEntrySummary => ({
  id,
  exchangeId: `x${id}`,
  at,
  profileId: null,
  runId: null,
  kind: 'read',
  resourcetype: 'estate',
  resourceid: '',
  durationMs: 1,
  httpStatus: 200,
  topCode: 200,
  topErrorcode: 0,
  topMessage: 'OK',
  errorcode: null,
  message: null,
  category: null,
});

describe('appendPage', () => {
  it('appends an older page and drops what the boundary repeats, keeping order', () => {
    const shown = [entry(9, 300), entry(8, 300), entry(7, 200)];
    expect(appendPage(shown, [entry(6, 200), entry(5, 100)]).map((e) => e.id)).toEqual([9, 8, 7, 6, 5]);
    // A page that starts with the last shown entry (or anything newer) repeats it: dropped.
    expect(appendPage(shown, [entry(7, 200), entry(8, 300), entry(4, 200), entry(3, 50)]).map((e) => e.id)).toEqual([9, 8, 7, 4, 3]);
    expect(appendPage([], [entry(2, 10), entry(1, 10)]).map((e) => e.id)).toEqual([2, 1]);
    expect(appendPage(shown, [])).toEqual(shown);
  });

  it('does not change the list it was given', () => {
    const shown = Object.freeze([entry(2, 20)]);
    const next = appendPage(shown, [entry(1, 10)]);
    expect(shown).toHaveLength(1);
    expect(next).not.toBe(shown);
  });

  it('pages a long list without looking at every shown entry for each page', () => {
    let list: JournalEntrySummary[] = [];
    let reads = 0;
    // Counts every look at an entry's identity or time: a set of all shown ids, rebuilt per page, reads each id.
    const counting = (e: JournalEntrySummary): JournalEntrySummary =>
      new Proxy(e, {
        get(target, key, receiver) {
          if (key === 'at' || key === 'id') reads += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const pages = 200;
    for (let page = 0; page < pages; page += 1) {
      const older = Array.from({ length: 100 }, (_, i) => counting(entry(pages * 100 - page * 100 - i, pages * 100 - page * 100 - i)));
      list = appendPage(list, older);
    }
    expect(list).toHaveLength(pages * 100);
    expect(list.at(-1)?.id).toBe(1);
    // A few reads per new entry (linear); a set rebuilt per page would read about pages² × 50 ids (2,000,000).
    expect(reads).toBeLessThan(pages * 100 * 4);
  });
});

describe('shouldPrefetch', () => {
  const base = { lastVisible: 10, loaded: 100, rowsPerScreen: 12, hasMore: true, busy: false };
  it('asks for the next page within two screens of the end, one at a time', () => {
    expect(shouldPrefetch(base)).toBe(false);
    expect(shouldPrefetch({ ...base, lastVisible: 100 - 1 - 25 })).toBe(false);
    expect(shouldPrefetch({ ...base, lastVisible: 100 - 1 - 24 })).toBe(true);
    expect(shouldPrefetch({ ...base, lastVisible: 99 })).toBe(true);
    expect(shouldPrefetch({ ...base, lastVisible: 99, busy: true })).toBe(false);
    expect(shouldPrefetch({ ...base, lastVisible: 99, hasMore: false })).toBe(false);
    // Nothing rendered yet (no rows measured): no fetch.
    expect(shouldPrefetch({ ...base, lastVisible: -1 })).toBe(false);
    // Before the list's height is known, at least the last rows still trigger one.
    expect(shouldPrefetch({ ...base, rowsPerScreen: 0, lastVisible: 98 })).toBe(true);
  });
});

describe('countAfterNewest', () => {
  const exact = { count: 2431, exact: true, newestId: 9 };
  it('adds arrived entries to an exact count, keeps a capped one, and forgets it when the list started over', () => {
    expect(countAfterNewest(exact, 3, false)).toEqual({ count: 2434, exact: true, newestId: 9 });
    expect(countAfterNewest(exact, 0, false)).toBe(exact);
    const capped = { count: 10_000, exact: false, newestId: 9 };
    expect(countAfterNewest(capped, 5, false)).toBe(capped);
    expect(countAfterNewest(exact, 100, true)).toBeNull();
    expect(countAfterNewest(null, 1, false)).toBeNull();
  });
});

describe('profileLabels and formatCount', () => {
  it('maps ids to labels and writes counts as each language does', () => {
    const labels = profileLabels([{ id: 'a', label: 'Website' }, { id: 'b', label: 'Portal' }] as ProfileView[]);
    expect(labels.get('b')).toBe('Portal');
    expect(labels.get('c')).toBeUndefined();
    expect(formatCount('en', 2431)).toBe('2,431');
    expect(formatCount('de', 2431)).toBe('2.431');
    expect(formatCount('de', 7)).toBe('7');
  });
});
