/**
 * The probes of a run and how they are batched: one request with every independent probe, a second with the
 * probes that need ids from the first (the API user's id, sample record ids), and — only after consent — the
 * mail test alone. Pure functions: what to send, and what the answers mean as data.
 */
import type { CallError } from '../onoffice/client.ts';
import type { ActionFailure, ActionSpec, ActionSuccess, ApiRecord } from '../onoffice/wire.ts';
import type { RightRequirement, UseCase } from './usecases.ts';
import { excessCandidates, rightKey } from './usecases.ts';

/** Where an answer came from, for evidence. */
export interface Refs {
  exchangeIds: string[];
  journalIds: number[];
}

export type ProbeOutcome =
  | { state: 'ok'; result: ActionSuccess; refs: Refs; request: string }
  | { state: 'failed'; result: ActionFailure; refs: Refs; request: string }
  | { state: 'call-failed'; error: CallError; refs: Refs; request: string }
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

export interface PlanInput {
  useCase: UseCase;
  expectEstates: readonly number[];
  mail: MailOptions | null;
}

/** How many records a sample read fetches: enough ids for rights checks and the picture probe, still small. */
export const SAMPLE_SIZE = 20;
/** Expected estate ids checked per run (one read, one rights check). */
export const MAX_EXPECTED = 100;

const readsEstates = (u: UseCase) => u.publish.estates || u.publish.pictures || needsModule(u, 'estate');
const readsAddresses = (u: UseCase) => u.publish.addresses || needsModule(u, 'address') || needsModule(u, 'searchCriteria');
function needsModule(u: UseCase, module: string): boolean {
  return [...u.required, ...u.optional, ...excessCandidates(u)].some((r) => r.module === module);
}

const eq = (val: string) => [{ op: '=', val }];

/** Whether a mail test (real `sendmail`) is part of this run. */
export const wantsMailTest = (input: PlanInput): boolean =>
  input.mail !== null && input.mail.consent === true && (input.mail.receiver ?? '').trim() !== '';

/** Batch 1: every probe that needs nothing from another answer. */
export function firstBatch(input: PlanInput): Probe[] {
  const { useCase } = input;
  const probes: Probe[] = [
    { key: 'health', request: 'read basicsettings', spec: { kind: 'read', resourcetype: 'basicsettings', parameters: { data: { basicData: { characteristicsCi: ['color'] } } } } },
    { key: 'impressum', request: 'read impressum', spec: { kind: 'read', resourcetype: 'impressum', parameters: { language: 'DEU' } } },
    { key: 'me', request: 'get users (userfilter onlyOwn)', spec: { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'onlyOwn' } } },
    { key: 'users', request: 'get users (userfilter ownOfficeGroupOrAll)', spec: { kind: 'get', resourcetype: 'users', parameters: { userfilter: 'ownOfficeGroupOrAll' } } },
    { key: 'log:count', request: 'read log (listlimit 0)', spec: { kind: 'read', resourcetype: 'log', parameters: { listlimit: 0 } } },
  ];
  // Sample reads give the ids rights checks run on; the publish reads only serve the publish findings.
  if (readsEstates(useCase)) {
    probes.push(
      { key: 'estates', request: `read estate (listlimit ${SAMPLE_SIZE})`, spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], listlimit: SAMPLE_SIZE } } },
      // Apart, so a server that names the agent field differently fails this action only.
      { key: 'estates:owners', request: 'read estate (agent field benutzer)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'benutzer'], listlimit: SAMPLE_SIZE } } },
    );
  }
  if (useCase.publish.estates || useCase.publish.pictures) {
    probes.push(
      { key: 'estates:published', request: 'read estate (filter veroeffentlichen = 1)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { veroeffentlichen: eq('1') }, listlimit: SAMPLE_SIZE } } },
      { key: 'estates:unpublished', request: 'read estate (filter veroeffentlichen = 0)', spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id'], filter: { veroeffentlichen: eq('0') }, listlimit: 1 } } },
    );
  }
  if (readsAddresses(useCase)) {
    probes.push(
      { key: 'addresses', request: `read address (listlimit ${SAMPLE_SIZE})`, spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id'], listlimit: SAMPLE_SIZE } } },
      { key: 'addresses:owners', request: 'read address (agent field Benutzer)', spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id', 'Benutzer'], listlimit: SAMPLE_SIZE } } },
    );
  }
  if (useCase.publish.addresses) {
    probes.push({ key: 'addresses:unpublished', request: 'read address (filter homepage_veroeffentlichen = 0)', spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id'], filter: { homepage_veroeffentlichen: eq('0') }, listlimit: 1 } } });
  }
  const expected = input.expectEstates.slice(0, MAX_EXPECTED);
  if (expected.length > 0) {
    probes.push({
      key: 'expected',
      request: `read estate (filter Id in ${expected.join(',')})`,
      spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen'], filter: { Id: [{ op: 'in', val: expected }] }, listlimit: MAX_EXPECTED } },
    });
  }
  if (input.mail && !wantsMailTest(input)) {
    probes.push({ key: 'emailinfo', request: 'get emailInfo', spec: { kind: 'get', resourcetype: 'emailInfo', parameters: { emailIdentity: input.mail.identity } } });
  }
  return probes;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading answers.

export const okResult = (o: ProbeOutcome): ActionSuccess | null => (o.state === 'ok' ? o.result : null);

/** `cntabsolute`, or the number of records when the server gives no total. */
export const countOf = (r: ActionSuccess): number => r.cntabsolute ?? r.records.length;

function field(record: ApiRecord, ...names: string[]): string | null {
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

export interface Identity {
  id: number;
  userName: string;
  name: string;
  email: string;
}

/** The API user from `get users onlyOwn` (exactly one record expected). */
export function identityOf(o: ProbeOutcome): Identity | null {
  const r = okResult(o);
  const rec = r?.records.length === 1 ? r.records[0] : undefined;
  if (!rec) return null;
  const id = Number(field(rec, 'id', 'Nr') ?? rec.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const name = [field(rec, 'vorname', 'Vorname'), field(rec, 'nachname', 'Nachname')].filter(Boolean).join(' ');
  return { id, userName: field(rec, 'username', 'Name') ?? '', name, email: field(rec, 'email') ?? '' };
}

/** Another user's id from the user list, to test "read out user data". */
export function otherUserId(o: ProbeOutcome, ownId: number): number | null {
  const r = okResult(o);
  for (const rec of r?.records ?? []) {
    const id = Number(field(rec, 'id', 'Nr') ?? rec.id);
    if (Number.isInteger(id) && id > 0 && id !== ownId) return id;
  }
  return null;
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

// ---------------------------------------------------------------------------------------------------------------
// Batch 2.

/** The sample ids a rights check for `module` runs on; search criteria belong to addresses. */
export function sampleIdsFor(module: string, probes: Probes): number[] {
  if (module === 'estate') return recordIds(okResult(probe(probes, 'estates')));
  if (module === 'address' || module === 'searchCriteria') return recordIds(okResult(probe(probes, 'addresses')));
  return [];
}

/**
 * Which `recordIds` a create check needs is not documented (§9): any sample id will do as a stand-in, and 0 when
 * none was readable. A create result is therefore always a heuristic.
 */
export function createStandIn(probes: Probes): number[] {
  const any = [...sampleIdsFor('estate', probes), ...sampleIdsFor('address', probes)];
  return any.length > 0 ? any.slice(0, 1) : [0];
}

/** Every non-read right the run checks with `checkuserrecordsright`: required, optional and excess candidates. */
export function rightsToCheck(useCase: UseCase): RightRequirement[] {
  const seen = new Set<string>();
  return [...useCase.required, ...useCase.optional, ...excessCandidates(useCase)].filter((r) => {
    if (r.action === 'read' && (r.module === 'estate' || r.module === 'address')) return false;
    const k = rightKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const rightProbeKey = (r: Pick<RightRequirement, 'module' | 'action'>): string => `right:${rightKey(r)}`;

/** Expected estates that the list read did not return. */
export function invisibleExpected(input: PlanInput, probes: Probes): number[] {
  const r = okResult(probe(probes, 'expected'));
  if (!r) return [];
  const seen = new Set(recordIds(r));
  return input.expectEstates.slice(0, MAX_EXPECTED).filter((id) => !seen.has(id));
}

/** Published estates among the visible ones, for the picture probe. */
export function publishedEstateIds(probes: Probes): number[] {
  return recordIds(okResult(probe(probes, 'estates:published')));
}

/** Batch 2: probes that need the API user's id or sample record ids from batch 1. */
export function secondBatch(input: PlanInput, probes: Probes): Probe[] {
  const me = identityOf(probe(probes, 'me'));
  const out: Probe[] = [];
  if (me) {
    out.push({
      key: 'user:self',
      request: `read user ${me.id}`,
      spec: { kind: 'read', resourcetype: 'user', resourceid: String(me.id), parameters: { data: ['Nr', 'Name', 'Vorname', 'Nachname', 'email'] } },
    });
    const other = otherUserId(probe(probes, 'users'), me.id);
    if (other !== null) {
      out.push({ key: 'user:other', request: `read user ${other}`, spec: { kind: 'read', resourcetype: 'user', resourceid: String(other), parameters: { data: ['Nr', 'Name'] } } });
    }
    for (const r of rightsToCheck(input.useCase)) {
      const ids = r.action === 'create' ? createStandIn(probes) : sampleIdsFor(r.module, probes);
      if (ids.length === 0) continue;
      out.push({
        key: rightProbeKey(r),
        request: `get checkuserrecordsright (${r.action} ${r.module}, ${ids.length} id(s))`,
        spec: { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: r.action, module: r.module, userid: me.id, recordIds: ids } },
      });
    }
    const invisible = invisibleExpected(input, probes);
    if (invisible.length > 0) {
      out.push({
        key: 'right:expected',
        request: `get checkuserrecordsright (read estate, ${invisible.join(',')})`,
        spec: { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'estate', userid: me.id, recordIds: invisible } },
      });
    }
    if (okResult(probe(probes, 'log:count'))) {
      out.push({
        key: 'log:own',
        request: `read log (user ${me.id}, latest 10)`,
        spec: { kind: 'read', resourcetype: 'log', parameters: { user: me.id, listlimit: 10, sortby: { dateTime: 'DESC' } } },
      });
    }
  }
  const published = publishedEstateIds(probes);
  if (input.useCase.publish.pictures && published.length > 0) {
    out.push({
      key: 'pictures',
      request: `get estatepictures (${published.length} published estate(s))`,
      spec: { kind: 'get', resourcetype: 'estatepictures', parameters: { estateids: published } },
    });
  }
  return out;
}

/** Batch 3: the real mail test, alone, sent at most once. */
export function mailTest(input: PlanInput): Probe | null {
  if (!wantsMailTest(input) || !input.mail) return null;
  return {
    key: 'sendmail',
    request: 'do sendmail (test mail)',
    spec: {
      kind: 'do',
      resourcetype: 'sendmail',
      parameters: {
        emailidentity: input.mail.identity,
        receiver: [(input.mail.receiver ?? '').trim()],
        subject: 'API User Desk: Testnachricht / test message',
        body: 'Diese Testnachricht wurde von API User Desk über die onOffice-API verschickt.\nThis test message was sent by API User Desk through the onOffice API.',
      },
    },
  };
}
