/**
 * The journal list's arithmetic, kept out of the components so it can be tested alone and stays cheap per frame:
 * appending a page, when to fetch the next one, the matching count as entries arrive, profile labels, numbers.
 */
import type { JournalCount, JournalEntrySummary, ProfileView } from '../../preload/contract.ts';
import type { Language } from '../i18n/index.ts';

/** Newest first, as main pages: by time, then by id. */
const isOlder = (e: JournalEntrySummary, than: JournalEntrySummary): boolean => e.at < than.at || (e.at === than.at && e.id < than.id);

/**
 * Appends an older page. Main pages by the keyset (time, id), so a page can only repeat what is shown at its
 * boundary: entries not strictly older than the last one shown are dropped, without a look at the rest of the list
 * (a set of every shown id, rebuilt per page, hashed all 100,000 ids again for each page of 100).
 */
export function appendPage(shown: readonly JournalEntrySummary[], older: readonly JournalEntrySummary[]): JournalEntrySummary[] {
  const last = shown.at(-1);
  if (last === undefined) return [...older];
  return shown.concat(older.filter((e) => isOlder(e, last)));
}

/** How many screens ahead of the end the next page is asked for, so a fast wheel does not hit the bottom edge. */
export const PREFETCH_SCREENS = 2;

/**
 * Whether to ask for the next page now: more exist, none is on its way, and the last row on screen is within
 * `PREFETCH_SCREENS` screens of the last row loaded.
 */
export function shouldPrefetch(state: { lastVisible: number; loaded: number; rowsPerScreen: number; hasMore: boolean; busy: boolean }): boolean {
  if (!state.hasMore || state.busy || state.lastVisible < 0) return false;
  return state.loaded - 1 - state.lastVisible <= Math.max(1, state.rowsPerScreen) * PREFETCH_SCREENS;
}

/**
 * The matching count after the newest page was merged in: entries that arrived (they matched the filter, main
 * chose them) add to an exact count; a capped count stays "more than"; when the list started over (more arrived
 * than a page holds) it is not known and must be asked again (null).
 */
export function countAfterNewest(count: JournalCount | null, arrived: number, restarted: boolean): JournalCount | null {
  if (count === null || restarted) return null;
  if (!count.exact || arrived === 0) return count;
  return { ...count, count: count.count + arrived };
}

/** A profile's label by id, built once per change of the profiles (not a search of the list per row). */
export function profileLabels(profiles: readonly ProfileView[]): ReadonlyMap<string, string> {
  return new Map(profiles.map((p) => [p.id, p.label]));
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
/** A count as the language writes it (2,431 / 2.431); one formatter per language. */
export function formatCount(language: Language, n: number): string {
  let format = numberFormats.get(language);
  if (format === undefined) numberFormats.set(language, (format = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB')));
  return format.format(n);
}
