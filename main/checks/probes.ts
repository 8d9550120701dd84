/**
 * What every step shares: the probe and outcome shapes, the probes several steps read (so a step run alone still
 * asks for what it needs, and a whole run asks once), reading answers, and building findings with evidence.
 * Pure data and pure functions.
 */
import type { CallError } from '../onoffice/client.ts';
import { categoryOf } from '../onoffice/errors.ts';
import type { ActionFailure, ActionSpec, ActionSuccess, ApiRecord } from '../onoffice/wire.ts';
import { T, join, verbatim, type Text } from '../domain/i18n/index.ts';
import { RIGHT_MODULES } from '../domain/usecases.ts';
import { listOf, moduleName } from './texts.ts';
import type { Evidence, Finding, FindingStatus, FixWhere } from './types.ts';
import type { UseCase } from './usecases.ts';

/** Where an answer came from, for evidence. */
export interface Refs {
  exchangeIds: string[];
  journalIds: number[];
}

export type ProbeOutcome =
  | { state: 'ok'; result: ActionSuccess; refs: Refs; request: string; requestText?: Text }
  | { state: 'failed'; result: ActionFailure; refs: Refs; request: string; requestText?: Text }
  | { state: 'call-failed'; error: CallError; refs: Refs; request: string; requestText?: Text }
  | { state: 'not-run' };

export type Probes = ReadonlyMap<string, ProbeOutcome>;
export const NOT_RUN: ProbeOutcome = { state: 'not-run' };
export const probe = (probes: Probes, key: string): ProbeOutcome => probes.get(key) ?? NOT_RUN;

export interface Probe {
  key: string;
  spec: ActionSpec;
  /** Human-readable summary of the action for evidence; carries no credentials. */
  request: string;
}

export interface MailOptions {
  /** The e-mail identity (address of a mailbox) to send from. */
  identity: string;
  receiver?: string;
  /** Explicit consent to send one real test mail. Without it, only the emailInfo heuristic runs. */
  consent?: boolean;
}

/** Field names of one module that an integration uses (e.g. the fields a website plugin lists). */
export interface FieldList {
  module: string;
  names: readonly string[];
}

export interface PlanInput {
  useCase: UseCase;
  expectEstates: readonly number[];
  mail: MailOptions | null;
  /** Milliseconds since the epoch, for date windows (the log). */
  now: number;
  fields: readonly FieldList[];
  /** The website's language besides the main one (ISO 3166-1 alpha-3, upper case), or null. */
  language: string | null;
  /** The picture categories the website shows. */
  pictureCategories: readonly string[];
}

/** How many records a sample read fetches: enough ids for rights checks and the picture probe, still small. */
export const SAMPLE_SIZE = 20;
/** Expected estate ids checked per run (one read, one rights check). */
export const MAX_EXPECTED = 100;

// ---------------------------------------------------------------------------------------------------------------
// Probes more than one step reads. One definition each, so the plan can merge them by key.

const eq = (val: string) => [{ op: '=', val }];

export const SHARED = {
  me: { key: 'me', request: 'get users (userfilter onlyOwn)', spec: { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } } },
  users: { key: 'users', request: 'get users (userfilter ownOfficeGroupOrAll)', spec: { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'ownOfficeGroupOrAll' } } },
  logCount: { key: 'log:count', request: 'read log (listlimit 0)', spec: { kind: 'read', resourcetype: 'log', parameters: { listlimit: 0 } } },
  estates: { key: 'estates', request: `read estate (listlimit ${SAMPLE_SIZE})`, spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: SAMPLE_SIZE } } },
  // Apart, so a server that names the agent field differently fails this action only.
  estateOwners: { key: 'estates:owners', request: 'read estate (agent field benutzer)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'benutzer'], listlimit: SAMPLE_SIZE } } },
  estatesPublished: { key: 'estates:published', request: 'read estate (filter veroeffentlichen = 1)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { veroeffentlichen: eq('1') }, listlimit: SAMPLE_SIZE } } },
  estatesUnpublished: { key: 'estates:unpublished', request: 'read estate (filter veroeffentlichen = 0)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { veroeffentlichen: eq('0') }, listlimit: 1 } } },
  addresses: { key: 'addresses', request: `read address (listlimit ${SAMPLE_SIZE})`, spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id'], listlimit: SAMPLE_SIZE } } },
  addressOwners: { key: 'addresses:owners', request: 'read address (agent field Benutzer)', spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id', 'Benutzer'], listlimit: SAMPLE_SIZE } } },
  addressesUnpublished: { key: 'addresses:unpublished', request: 'read address (filter homepage_veroeffentlichen = 0)', spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id'], filter: { homepage_veroeffentlichen: eq('0') }, listlimit: 1 } } },
} as const satisfies Record<string, Probe>;

/** What a website's estate list filters on: publication, status and the sold / reserved / reference flags. */
export const EXPECTED_FIELDS = ['Id', 'veroeffentlichen', 'status', 'verkauft', 'reserviert', 'referenz'] as const;

/** The expected estates as one filtered read; null when none are expected. */
export function expectedProbe(input: PlanInput): Probe | null {
  const expected = input.expectEstates.slice(0, MAX_EXPECTED);
  if (expected.length === 0) return null;
  return {
    key: 'expected',
    request: `read estate (filter Id in ${expected.join(',')})`,
    spec: {
      kind: 'read',
      resourcetype: 'estate',
      parameters: { data: [...EXPECTED_FIELDS], filter: { Id: [{ op: 'in', val: expected }] }, listlimit: MAX_EXPECTED },
    },
  };
}

/** The action in words a person reads ("read properties" / „Immobilien lesen“); the technical request stays as sent. */
export function requestTextOf(p: Probe): Text {
  const resource = (RIGHT_MODULES as readonly string[]).includes(p.spec.resourcetype) ? moduleName(p.spec.resourcetype) : verbatim(p.spec.resourcetype);
  return T(`request.${p.spec.kind}`, { resource });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading answers.

export const okResult = (o: ProbeOutcome): ActionSuccess | null => (o.state === 'ok' ? o.result : null);

/** `cntabsolute`, or the number of records when the server gives no total. */
export const countOf = (r: ActionSuccess): number => r.cntabsolute ?? r.records.length;

export function field(record: ApiRecord, ...names: string[]): string | null {
  const el = record.elements;
  if (el && typeof el === 'object' && !Array.isArray(el)) {
    for (const n of names) {
      const v = (el as Record<string, unknown>)[n];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  }
  return null;
}

/** Record ids as integers (address records carry `id` in the record, estates `Id` too). */
export function recordIds(r: ActionSuccess | null): number[] {
  if (!r) return [];
  const ids = r.records.map((rec) => Number(rec.id !== '' ? rec.id : (field(rec, 'Id', 'id') ?? '')));
  return [...new Set(ids.filter((n) => Number.isInteger(n) && n > 0))];
}

export function recordField(r: ActionSuccess, name: string): (string | null)[] {
  return r.records.map((rec) => field(rec, name));
}

/** The ids `checkuserrecordsright` answered with: `elements` is an array of id strings. */
export function grantedIds(r: ActionSuccess): number[] {
  const out: number[] = [];
  for (const rec of r.records) {
    if (!Array.isArray(rec.elements)) continue;
    for (const e of rec.elements) {
      const n = Number(e);
      if ((typeof e === 'string' || typeof e === 'number') && Number.isInteger(n)) out.push(n);
    }
  }
  return out;
}

export interface Identity {
  id: number;
  userName: string;
  name: string;
  email: string;
}

const userIdOf = (rec: ApiRecord): number => Number(field(rec, 'id') ?? rec.id);

/**
 * The API user from `get users` with `onlyOwn`. Whether that filter returns the caller alone or every user is not
 * documented (§6): only a single record identifies the caller; several leave the identity unknown.
 */
export function identityOf(o: ProbeOutcome): Identity | null {
  const r = okResult(o);
  const rec = r?.records.length === 1 ? r.records[0] : undefined;
  if (!rec) return null;
  const id = userIdOf(rec);
  if (!Number.isInteger(id) || id <= 0) return null;
  const name = [field(rec, 'firstname'), field(rec, 'lastname')].filter(Boolean).join(' ');
  return { id, userName: field(rec, 'username') ?? '', name, email: field(rec, 'email') ?? '' };
}

/** User ids from a user list, without `exclude`, at most `max`. */
export function userIds(o: ProbeOutcome, exclude: number | null, max: number): number[] {
  const out: number[] = [];
  for (const rec of okResult(o)?.records ?? []) {
    const id = userIdOf(rec);
    if (Number.isInteger(id) && id > 0 && id !== exclude && !out.includes(id)) out.push(id);
    if (out.length >= max) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Building findings.

export { join };

/**
 * A finding before the engine links causes. `cause.key` groups the findings of one cause; of those present in a
 * run, the one with the lowest `rank` names the cause and keeps its fix, the others refer to it. `NEVER_HOST`
 * marks a symptom that cannot name the cause itself.
 */
export interface Draft {
  status: FindingStatus;
  title: Text;
  explanation: Text;
  /** For an `unknown` finding: when absent, a failure seen in the evidence gets "try again / ask support". */
  fix?: Text | null;
  /** Where the fix is made; enterprise unless said otherwise. */
  fixWhere?: FixWhere;
  evidence?: Evidence;
  heuristic?: boolean;
  cause?: Cause;
}

export interface Cause {
  key: string;
  rank: number;
}
export const NEVER_HOST = Number.POSITIVE_INFINITY;

export type StepFinding = Finding & { cause?: Cause };

/**
 * An `unknown` finding never prescribes a change in enterprise: nothing is known that a change would fix. When the
 * server failed (an internal error, HTTP 5xx, a transport failure: see `serverFailed`), its fix says what the
 * unknown means — try again later, the server failed — and where: at the server's end, not in enterprise.
 */
export function make(id: string, d: Draft): StepFinding {
  let fix = d.fix ?? null;
  let fixWhere: FixWhere | undefined = fix ? (d.fixWhere ?? 'enterprise') : undefined;
  if (d.status === 'unknown') {
    const failed = serverFailed(d.evidence?.code);
    fix = d.fix !== undefined && d.fixWhere !== undefined && d.fixWhere !== 'enterprise' ? d.fix : d.fix === undefined && failed ? TRY_AGAIN : null;
    fixWhere = fix === null ? undefined : fix === TRY_AGAIN ? 'server' : d.fixWhere;
  }
  return {
    id,
    status: d.status,
    title: d.title,
    explanation: d.explanation,
    fix,
    ...(fixWhere ? { fixWhere } : {}),
    evidence: d.evidence ?? {},
    heuristic: d.heuristic ?? false,
    ...(d.cause ? { cause: d.cause } : {}),
  };
}

/** Evidence from one or more probes: their exchanges, the first error code seen, the requests. */
export function evidenceOf(...outcomes: ProbeOutcome[]): Evidence {
  const exchangeIds = new Set<string>();
  const journalIds = new Set<number>();
  const requests: string[] = [];
  const texts: Text[] = [];
  let code: number | string | undefined;
  let message: string | undefined;
  for (const o of outcomes) {
    if (o.state === 'not-run') continue;
    o.refs.exchangeIds.forEach((id) => exchangeIds.add(id));
    o.refs.journalIds.forEach((id) => journalIds.add(id));
    requests.push(o.request);
    if (o.requestText) texts.push(o.requestText);
    if (code === undefined && o.state === 'failed') ({ errorcode: code, message } = o.result);
    if (code === undefined && o.state === 'call-failed') {
      code = o.error.kind === 'api' ? o.error.errorcode : o.error.code;
      message = o.error.message;
    }
  }
  return {
    ...(exchangeIds.size ? { exchangeIds: [...exchangeIds] } : {}),
    ...(journalIds.size ? { journalIds: [...journalIds] } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(requests.length ? { request: requests.join('; ') } : {}),
    ...(texts.length ? { requestText: listOf(texts, 'semicolon') } : {}),
  };
}

export const refsEvidence = (refs: Refs | null, extra: Evidence = {}): Evidence => ({
  ...(refs?.exchangeIds.length ? { exchangeIds: refs.exchangeIds } : {}),
  ...(refs?.journalIds.length ? { journalIds: refs.journalIds } : {}),
  ...extra,
});

/** Whether a code in the evidence is the server's failure: onOffice's internal errors, or a transport failure. */
export const serverFailed = (code: number | string | undefined): boolean =>
  typeof code === 'string' || (typeof code === 'number' && categoryOf(code) === 'server');

/** The fix of an `unknown` finding after a failure: what it means, and that enterprise needs no change. */
export const TRY_AGAIN = T('unknown.try-again');

/** What failed, for `unknown` findings: the code and message (the fix then says "try again / check the server"). */
export function noAnswer(o: ProbeOutcome): Text {
  if (o.state === 'failed') return T('unknown.probe-failed', { errorcode: o.result.errorcode, message: o.result.message });
  if (o.state === 'call-failed') {
    return o.error.kind === 'api'
      ? T('unknown.no-usable-answer.api', { errorcode: o.error.errorcode, message: o.error.message })
      : T('unknown.no-usable-answer.transport', { code: o.error.code, message: o.error.message });
  }
  return T('unknown.not-run');
}
