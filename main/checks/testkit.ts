/** Probe outcomes built by hand, for the pure tests of the steps: what the engine would have gathered. */
import { render, type Language, type Text } from '../domain/i18n/index.ts';
import type { ActionFailure, ActionSuccess } from '../onoffice/wire.ts';
import type { PlanInput, ProbeOutcome } from './probes.ts';
import { WEBSITE_PICTURE_CATEGORIES } from './steps/pictures.ts';
import { USE_CASES } from './usecases.ts';

const refs = { exchangeIds: [], journalIds: [] };

export const ok = (resourcetype: string, records: { id: string; elements: unknown }[], cntabsolute: number | null = records.length): ProbeOutcome => ({
  state: 'ok',
  request: resourcetype,
  refs,
  result: { ok: true, kind: 'read', resourcetype, resourceid: '', identifier: '', records: records.map((r) => ({ ...r, type: null })), cntabsolute, cacheable: false } satisfies ActionSuccess,
});

export const failed = (resourcetype: string, errorcode: number, message = 'error'): ProbeOutcome => ({
  state: 'failed',
  request: resourcetype,
  refs,
  result: { ok: false, kind: 'read', resourcetype, resourceid: '', identifier: '', errorcode, message } satisfies ActionFailure,
});

/** `n` estate records with ids from `first`, each with an agent. */
export const estates = (ids: readonly number[], agent = 7): { id: string; elements: unknown }[] =>
  ids.map((id) => ({ id: String(id), elements: { Id: String(id), benutzer: String(agent) } }));

/** A `checkuserrecordsright` answer granting `ids`. */
export const granted = (ids: readonly number[]): ProbeOutcome => ok('checkuserrecordsright', [{ id: '0', elements: ids.map(String) }], 1);

export const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  useCase: USE_CASES.website,
  expectEstates: [],
  mail: null,
  now: Date.parse('2026-03-04T05:06:07Z'),
  fields: [],
  language: null,
  pictureCategories: [...WEBSITE_PICTURE_CATEGORIES],
  ...over,
});

/** A finding's text as a person reads it in one language (undefined when there is none, like `fix?.en` was). */
export const said = (language: Language, text: Text | null | undefined): string | undefined => (text == null ? undefined : render(language, text));

/** An unknown (or symptom) finding never sends a person into enterprise: no fix, or one made elsewhere. */
export const hasNoEnterpriseFix = (f: { fix: Text | null; fixWhere?: string }): boolean => f.fix === null || (f.fixWhere !== undefined && f.fixWhere !== 'enterprise');
