/**
 * What the domain services share, built once by the composition root (main/api/app.ts): the stores over one
 * database, the clock, the event emitter and the few helpers every domain needs.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { EventName, EventPayloads, ProfileView } from '../../preload/contract.ts';
import type { OnOfficeClient } from '../onoffice/client.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import type { CheckPreferenceStore } from '../store/check-preferences.ts';
import type { Journal } from '../store/journal.ts';
import type { Profile, ProfileStore } from '../store/profiles.ts';
import type { RunStore } from '../store/runs.ts';
import type { AppServicesOptions } from './app-types.ts';
import type { SettingsStore } from './settings.ts';

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** A client for one profile whose every exchange lands in the journal; `onRecorded` hears each exchange's journal ids. */
export type ClientFor = (profile: Profile, runId: string | null, onRecorded?: (exchange: Exchange, journalIds: number[]) => void) => OnOfficeClient;

export interface ServiceContext {
  options: AppServicesOptions;
  db: DatabaseSync;
  now: () => number;
  emit: Emit;
  settings: SettingsStore;
  profiles: ProfileStore;
  journal: Journal;
  runs: RunStore;
  checkPreferences: CheckPreferenceStore;
  /** True while the app passphrase protects the secrets and is not entered. */
  locked(): boolean;
  /** A profile as the renderer sees it (no secret). */
  view(profile: Profile): ProfileView;
  /** The profile, or a `not-found` failure the person reads. */
  requireProfile(id: string): Profile;
  clientFor: ClientFor;
}

/** A file name's date-time part: local-free UTC, no characters a file system refuses. */
export function stamp(now: number): string {
  return new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
}
