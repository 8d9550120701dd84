/**
 * The field explorer's service: the estate and address fields of a profile as `get fields` describes them, labelled
 * in German and English. One signed request carries two actions (labels in DEU and in ENG); their answers are merged
 * into one catalogue and cached per profile, because `get fields` is slow and changes rarely. The list gets
 * summaries; the permitted values of a select (some have hundreds) come one field at a time.
 */
import { z } from 'zod';
import { FIELD_MODULES, type ExplainedErrorDetails, type FieldCatalogueView, type FieldModule, type FieldSummary } from '../../preload/contract.ts';
import type { CallOutcome, OnOfficeClient } from '../onoffice/client.ts';
import { explainApiError, explainTransportError, type ExplainedError } from '../onoffice/errors.ts';
import { render, T } from '../domain/i18n/index.ts';
import type { ActionSpec, ApiRecord } from '../onoffice/wire.ts';
import type { FieldCatalogueStore } from '../store/field-catalogues.ts';
import type { Profile } from '../store/profiles.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';
import { createRedactor, redactDeep, type RedactionKeys } from '../onoffice/redact.ts';

const localized = z.object({ de: z.string(), en: z.string() }).strict();
const storedCatalogueSchema = z
  .object({
    modules: z.array(
      z
        .object({
          module: z.enum(FIELD_MODULES),
          label: localized,
          fields: z.array(
            z
              .object({
                name: z.string(),
                type: z.string(),
                length: z.number().nullable(),
                default: z.string().nullable(),
                label: localized,
                group: localized.nullable(),
                permitted: z.array(z.object({ key: z.string(), label: localized }).strict()),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

/** The catalogue as cached: every field with all its permitted values. */
type StoredCatalogue = z.infer<typeof storedCatalogueSchema>;
type StoredField = StoredCatalogue['modules'][number]['fields'][number];

/** The two actions of a fetch, German labels first; answers come back in this order. */
const FIELD_ACTIONS: readonly ActionSpec[] = (['DEU', 'ENG'] as const).map((language) => ({
  kind: 'get',
  resourcetype: 'fields',
  parameters: { modules: [...FIELD_MODULES], labels: true, language },
}));

// ---------------------------------------------------------------------------------------------------------------
// Reading one answer. Shapes vary (recorded results: `permittedvalues` null or an object; PHP sends an empty or
// 0…n-keyed object as an array), so each value is taken when it fits and left empty otherwise.

interface ReadField {
  name: string;
  type: string;
  length: number | null;
  default: string | null;
  label: string;
  group: string | null;
  permitted: Array<[key: string, label: string]>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asText = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

function asLength(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function permittedOf(v: unknown): Array<[string, string]> {
  const entries = Array.isArray(v) ? v.map((label, i) => [String(i), label] as const) : isObject(v) ? Object.entries(v) : [];
  return entries.flatMap(([key, label]) => {
    const text = asText(label);
    return text === null ? [] : [[key, text] as [string, string]];
  });
}

function readModule(elements: unknown): { label: string; fields: ReadField[] } {
  if (!isObject(elements)) return { label: '', fields: [] };
  const fields: ReadField[] = [];
  for (const [name, v] of Object.entries(elements)) {
    // `label` is the module's own label, everything else that is an object describes a field.
    if (name === 'label' || !isObject(v)) continue;
    const dflt = asText(v.default);
    const group = asText(v.content);
    fields.push({
      name,
      type: asText(v.type) ?? '',
      length: asLength(v.length),
      default: dflt === '' ? null : dflt,
      label: asText(v.label) ?? '',
      group: group === '' ? null : group,
      permitted: permittedOf(v.permittedvalues),
    });
  }
  return { label: asText(elements.label) ?? '', fields };
}

function readAnswer(records: readonly ApiRecord[]): Map<FieldModule, { label: string; fields: ReadField[] }> {
  const modules = new Map<FieldModule, { label: string; fields: ReadField[] }>();
  for (const r of records) {
    const module = FIELD_MODULES.find((m) => m === r.id);
    if (module !== undefined) modules.set(module, readModule(r.elements));
  }
  return modules;
}

/** The German and the English answer as one catalogue: German order first, then what only the English one has. */
export function mergeCatalogues(de: readonly ApiRecord[], en: readonly ApiRecord[]): StoredCatalogue {
  const deModules = readAnswer(de);
  const enModules = readAnswer(en);
  const modules: StoredCatalogue['modules'] = [];
  for (const module of FIELD_MODULES) {
    const d = deModules.get(module);
    const e = enModules.get(module);
    if (d === undefined && e === undefined) continue;
    const deByName = new Map(d?.fields.map((f) => [f.name, f]));
    const enByName = new Map(e?.fields.map((f) => [f.name, f]));
    const names = [...new Set([...deByName.keys(), ...enByName.keys()])];
    modules.push({
      module,
      label: { de: d?.label ?? '', en: e?.label ?? '' },
      fields: names.map((name) => mergeField(name, deByName.get(name), enByName.get(name))),
    });
  }
  return { modules };
}

function mergeField(name: string, d: ReadField | undefined, e: ReadField | undefined): StoredField {
  const base = (d ?? e) as ReadField;
  const deValues = new Map(d?.permitted);
  const enValues = new Map(e?.permitted);
  const keys = [...new Set([...deValues.keys(), ...enValues.keys()])];
  const dGroup = d?.group ?? null;
  const eGroup = e?.group ?? null;
  return {
    name,
    type: base.type,
    length: base.length,
    default: base.default,
    label: { de: d?.label ?? '', en: e?.label ?? '' },
    group: dGroup === null && eGroup === null ? null : { de: dGroup ?? '', en: eGroup ?? '' },
    permitted: keys.map((key) => ({ key, label: { de: deValues.get(key) ?? '', en: enValues.get(key) ?? '' } })),
  };
}

/** What the field list needs: no permitted values, only their count. */
export function catalogueView(fetchedAt: number, catalogue: StoredCatalogue): FieldCatalogueView {
  return {
    fetchedAt,
    modules: catalogue.modules.map((m) => ({
      module: m.module,
      label: m.label,
      fields: m.fields.map(
        (f): FieldSummary => ({ name: f.name, label: f.label, type: f.type, length: f.length, default: f.default, group: f.group, permittedCount: f.permitted.length }),
      ),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Failures, explained by the error catalogue.

/** The explanation travels as texts, so the explorer shows it in whichever language the person reads now. */
function fetchFailure(explained: ExplainedError, language: 'de' | 'en'): BoundaryFailure {
  const details: ExplainedErrorDetails = { code: explained.code, category: explained.category, title: explained.title, explanation: explained.explanation, fix: explained.fix };
  return new BoundaryFailure(
    explained.category === 'transport' ? 'connection-failed' : 'api-error',
    `${render(language, explained.title)}: ${render(language, explained.explanation)} ${render(language, explained.fix)}`,
    details,
  );
}

/** The records of both answers, or the failure that stopped them. */
function answersOf(outcome: CallOutcome, endpointHost: string, language: 'de' | 'en'): [ApiRecord[], ApiRecord[]] {
  const ctx = { clockOffsetSeconds: outcome.clockOffsetSeconds, endpointHost };
  if (!outcome.ok) {
    const e = outcome.error;
    const explained = e.kind === 'api' ? explainApiError(e.errorcode, e.message, ctx) : explainTransportError(e.code, { ...ctx, httpStatus: e.httpStatus, detail: e.message });
    throw fetchFailure(explained, language);
  }
  const failed = outcome.results.find((r) => !r.ok);
  if (failed !== undefined && !failed.ok) throw fetchFailure(explainApiError(failed.errorcode, failed.message, ctx), language);
  const [de, en] = outcome.results;
  // The client checks that one result came per action; this only narrows the types.
  if (!de?.ok || !en?.ok) throw fetchFailure(explainTransportError('malformed', ctx), language);
  return [de.records, en.records];
}

// ---------------------------------------------------------------------------------------------------------------
// The handlers.

export interface FieldServiceOptions {
  catalogues: FieldCatalogueStore;
  requireProfile(id: string): Profile;
  /** A client whose every exchange lands in the journal. */
  clientFor(profile: Profile): OnOfficeClient;
  /** The profile's keys: what the server answered is redacted with them before it is cached or shown. */
  readCredentials(profileId: string): Promise<RedactionKeys>;
  /** The language of the message of a failure. */
  language(): 'de' | 'en';
  now(): number;
}

type FieldHandlers = Pick<Handlers, 'fieldsGet' | 'fieldsFetch' | 'fieldsValues'>;

export function fieldHandlers(options: FieldServiceOptions): FieldHandlers {
  const { catalogues, requireProfile } = options;
  // The catalogue last read, kept parsed: a large one (megabytes) takes tens of milliseconds to read and check,
  // too long for every field the person opens.
  let last: { profileId: string; fetchedAt: number; catalogue: StoredCatalogue } | null = null;
  /** A cache written by another version that does not fit counts as none: the next fetch replaces it. */
  const cached = (profileId: string): { fetchedAt: number; catalogue: StoredCatalogue } | null => {
    const fetchedAt = catalogues.fetchedAt(profileId);
    if (fetchedAt === null) return null;
    if (last?.profileId === profileId && last.fetchedAt === fetchedAt) return last;
    const row = catalogues.get(profileId);
    const parsed = storedCatalogueSchema.safeParse(row?.catalogue);
    if (row === null || !parsed.success) return null;
    last = { profileId, fetchedAt: row.fetchedAt, catalogue: parsed.data };
    return last;
  };

  return {
    fieldsGet: async ({ profileId }) => {
      requireProfile(profileId);
      const c = cached(profileId);
      return c === null ? null : catalogueView(c.fetchedAt, c.catalogue);
    },
    fieldsFetch: async ({ profileId }, { signal }) => {
      const profile = requireProfile(profileId);
      const outcome = await options.clientFor(profile).call(FIELD_ACTIONS, { signal });
      const [de, en] = answersOf(outcome, new URL(profile.endpoint.url).host, options.language());
      // Labels are server text like any other: the same redaction as the journal and the console, before caching.
      const catalogue = redactDeep(mergeCatalogues(de, en), createRedactor(await options.readCredentials(profileId)));
      const fetchedAt = options.now();
      if (!catalogues.save(profileId, fetchedAt, catalogue)) throw new BoundaryFailure('not-found', T('error.not-found'));
      last = { profileId, fetchedAt, catalogue };
      return catalogueView(fetchedAt, catalogue);
    },
    fieldsValues: async ({ profileId, module, name }) => {
      requireProfile(profileId);
      const field = cached(profileId)
        ?.catalogue.modules.find((m) => m.module === module)
        ?.fields.find((f) => f.name === name);
      if (field === undefined) throw new BoundaryFailure('field-not-cached', T('errors.boundary.fieldNotCached'));
      return { module, name, values: field.permitted };
    },
  };
}
