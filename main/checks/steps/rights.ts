/**
 * Step: rights. Read rights from what the sample reads return; every other right with `checkuserrecordsright` on
 * sample ids; Admin from the log; and what the API user holds beyond its use case (least privilege).
 * `checkuserrecordsright` is asked without `userid` (it then checks the caller), so no step here needs the
 * API user's id: when the identity stays unknown, every right is still checked.
 */
import { categoryOf, explainApiError } from '../../onoffice/errors.ts';
import {
  SHARED,
  evidenceOf,
  grantedIds,
  identityOf,
  join,
  make,
  noAnswer,
  okResult,
  probe,
  recordIds,
  userIds,
  countOf,
  type PlanInput,
  type Probe,
  type ProbeOutcome,
  type Probes,
  type StepFinding,
} from '../probes.ts';
import { ADDRESS_PUBLISH_PATH, ADMIN_PATH, ESTATE_PUBLISH_PATH, HELP_ADVICE, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH, SCOPES_NOTE, USER_DATA_RIGHT, listOf, rightName } from '../texts.ts';
import { T, type Text } from '../../domain/i18n/index.ts';
import type { RightRequirement, UseCase } from '../usecases.ts';
import { excessCandidates, rightKey } from '../usecases.ts';
import type { Step } from './step.ts';
import { emptyCause, readState, type VisibleModule } from './visibility.ts';

const isRightsCode = (code: number): boolean => categoryOf(code) === 'rights';
/** 240: the call is closed to marketplace API users — for them the right is as good as absent. */
export const MARKETPLACE_CLOSED = 240;
const refused = (o: ProbeOutcome): boolean => o.state === 'failed' && (isRightsCode(o.result.errorcode) || o.result.errorcode === MARKETPLACE_CLOSED);

function needsModule(u: UseCase, module: string): boolean {
  return [...u.required, ...u.optional, ...excessCandidates(u)].some((r) => r.module === module);
}
export const readsEstates = (u: UseCase): boolean => u.publish.estates || u.publish.pictures || needsModule(u, 'estate');
export const readsAddresses = (u: UseCase): boolean => u.publish.addresses || needsModule(u, 'address') || needsModule(u, 'searchCriteria');

/** The sample ids a rights check for `module` runs on; search criteria belong to addresses. */
export function sampleIdsFor(module: string, probes: Probes): number[] {
  if (module === 'estate') return recordIds(okResult(probe(probes, SHARED.estates.key)));
  if (module === 'address' || module === 'searchCriteria') return recordIds(okResult(probe(probes, SHARED.addresses.key)));
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

/** Reading other users' records tests "read out user data": one other user when the caller is known, else two. */
const USER_READS = ['user:other', 'user:other2'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Read rights.

const publishPath = (module: VisibleModule) => (module === 'estate' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH);

const readFix = (module: VisibleModule): Text => {
  const rn = rightName(module, 'read');
  return T('finding.rights.rightspath-set-rn-to-all-scopesnote', { rightsPath: RIGHTS_PATH, rn, scopesNote: SCOPES_NOTE });
};

/** Nothing visible and the cause cannot be told from the API: one fix that tells the two apart in enterprise. */
const NOTHING_VISIBLE_FIX = T('finding.rights.nothing-visible-fix', { rightsPath: RIGHTS_PATH, onlyPublishedRight: ONLY_PUBLISHED_RIGHT, estatePublishPath: ESTATE_PUBLISH_PATH, addressPublishPath: ADDRESS_PUBLISH_PATH, helpAdvice: HELP_ADVICE, scopesNote: SCOPES_NOTE });

const RESTRICTION_FIX = T('finding.rights.restriction-fix', { estatePublishPath: ESTATE_PUBLISH_PATH, addressPublishPath: ADDRESS_PUBLISH_PATH, onlyPublishedRight: ONLY_PUBLISHED_RIGHT, rightsPath: RIGHTS_PATH, helpAdvice: HELP_ADVICE });

function readRightFinding(req: RightRequirement, probes: Probes): StepFinding {
  const module = req.module as VisibleModule;
  const id = `rights:${rightKey(req)}`;
  const rn = rightName(module, 'read');
  const o = probe(probes, module === 'estate' ? SHARED.estates.key : SHARED.addresses.key);
  const evidence = evidenceOf(o);
  const what = module === 'estate' ? T('module.estate') : T('module.address');
  if (o.state === 'failed' && isRightsCode(o.result.errorcode)) {
    return make(id, {
      status: 'fail',
      title: T('finding.rights.right-rn-missing', { rn }),
      explanation: explainApiError(o.result.errorcode, o.result.message).explanation,
      fix: readFix(module),
      evidence,
    });
  }
  const r = okResult(o);
  if (!r) return make(id, { status: 'unknown', title: T('finding.rights.right-rn-unknown', { rn }), explanation: noAnswer(o), evidence });
  const state = readState(module, probes);
  const n = countOf(r);
  const empty = T('finding.rights.empty');
  if (state === 'none') {
    const cause = emptyCause(module, probes, module === 'estate' ? 1 : 2);
    if (cause.key === 'restriction') {
      return make(id, {
        status: 'fail',
        heuristic: true,
        cause,
        title: T('finding.rights.no-what-visible-probably-nothing-published', { what }),
        explanation: join(
          empty,
          T('finding.rights.among-the-other-records-not-one', { onlyPublishedRight: ONLY_PUBLISHED_RIGHT, what, publishPath: publishPath(module), rn }),
        ),
        fix: RESTRICTION_FIX,
        evidence,
      });
    }
    if (cause.key.startsWith('read-none:')) {
      return make(id, {
        status: 'fail',
        heuristic: true,
        cause,
        title: T('finding.rights.no-what-visible-read-right-probably', { what }),
        explanation: join(
          empty,
          T('finding.rights.the-restriction-to-published-records-is', { rn }),
        ),
        fix: readFix(module),
        evidence,
      });
    }
    return make(id, {
      status: 'fail',
      heuristic: true,
      cause,
      title: T('finding.rights.no-what-visible', { what }),
      explanation: join(
        empty,
        T('finding.rights.nothing-else-visible-narrows-the-cause', { onlyPublishedRight: ONLY_PUBLISHED_RIGHT }),
      ),
      fix: NOTHING_VISIBLE_FIX,
      evidence,
    });
  }
  if (state === 'own' && req.scope === 'all') {
    return make(id, {
      status: 'warn',
      heuristic: true,
      cause: { key: `read-own:${module}`, rank: 0 },
      title: T('finding.rights.right-rn-probably-only-own', { rn }),
      explanation: T('finding.rights.n-records-are-visible-and-the', { n }),
      fix: readFix(module),
      evidence,
    });
  }
  return make(id, {
    status: 'pass',
    title: T('finding.rights.right-rn-present', { rn }),
    explanation: T('finding.rights.the-api-user-sees-n-records', { n }),
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Other rights, Admin, excess.

type Held = { held: boolean | null; heuristic: boolean; outcome: ProbeOutcome };

/** Whether a non-read right is held, from `checkuserrecordsright` on sample ids (null: cannot tell). */
function heldRight(req: RightRequirement, probes: Probes): Held {
  const o = probe(probes, rightProbeKey(req));
  const r = okResult(o);
  return { held: r ? grantedIds(r).length > 0 : null, heuristic: req.action === 'create', outcome: o };
}

function rightFinding(req: RightRequirement, probes: Probes): StepFinding {
  if (req.action === 'read' && (req.module === 'estate' || req.module === 'address')) return readRightFinding(req, probes);
  const id = `rights:${rightKey(req)}`;
  const rn = rightName(req.module, req.action);
  const { held, heuristic, outcome } = heldRight(req, probes);
  const evidence = evidenceOf(outcome);
  const createNote = heuristic
    ? T('finding.rights.which-record-ids-the-rights-check')
    : join();
  if (held === null) {
    const why =
      outcome.state === 'not-run'
        ? T('finding.rights.no-record-is-visible-to-test')
        : noAnswer(outcome);
    return make(id, { status: 'unknown', heuristic: outcome.state === 'not-run', title: T('finding.rights.right-rn-unknown', { rn }), explanation: why, evidence });
  }
  if (held) {
    return make(id, {
      status: 'pass',
      heuristic,
      title: T('finding.rights.right-rn-present', { rn }),
      explanation: T('finding.rights.the-rights-check-checkuserrecordsright-confirms-the', { createNote }),
      evidence,
    });
  }
  return make(id, {
    status: 'fail',
    heuristic,
    title: T('finding.rights.right-rn-missing', { rn }),
    explanation: T('finding.rights.the-rights-check-checkuserrecordsright-grants-none', { createNote }),
    fix: T('finding.rights.rightspath-grant-rn-scope-all-scopesnote', { rightsPath: RIGHTS_PATH, rn, scopesNote: SCOPES_NOTE }),
    evidence,
  });
}

/** Admin from `read log` with listlimit 0: answered = Admin; a rights error = no Admin; anything else unknown. */
export function adminHeld(probes: Probes): boolean | null {
  const o = probe(probes, SHARED.logCount.key);
  if (o.state === 'ok') return true;
  return refused(o) ? false : null;
}

function adminFinding(probes: Probes): StepFinding {
  const held = adminHeld(probes);
  const o = probe(probes, SHARED.logCount.key);
  const evidence = evidenceOf(o);
  if (held === null) return make('rights:admin', { status: 'unknown', title: T('finding.rights.admin-right-unknown'), explanation: noAnswer(o), evidence });
  return held
    ? make('rights:admin', { status: 'pass', title: T('finding.rights.admin-right-present'), explanation: T('finding.rights.the-server-log-can-be-read'), evidence })
    : make('rights:admin', {
        status: 'fail',
        title: T('finding.rights.admin-right-missing'),
        explanation: T('finding.rights.the-server-log-can-only-be'),
        fix: T('finding.rights.adminpath-set-it', { adminPath: ADMIN_PATH }),
        evidence,
      });
}

/**
 * "Read out user data via API": reading another user's record works only with it. With the caller unknown, two
 * different users are read: both answered means at least one other user was readable.
 */
function userDataHeld(probes: Probes): boolean | null {
  const outcomes = USER_READS.map((k) => probe(probes, k)).filter((o) => o.state !== 'not-run');
  if (outcomes.length === 0) return null;
  if (outcomes.some(refused)) return false;
  return outcomes.every((o) => o.state === 'ok' && o.result.records.length > 0) ? true : null;
}

function excessFinding(input: PlanInput, probes: Probes): StepFinding {
  const held: Text[] = [];
  const unknown: Text[] = [];
  const fixes: Text[] = [];
  const outcomes: ProbeOutcome[] = [];
  let heuristic = false;
  for (const req of excessCandidates(input.useCase)) {
    const h = heldRight(req, probes);
    outcomes.push(h.outcome);
    if (h.held === true) {
      held.push(rightName(req.module, req.action));
      if (fixes.length === 0) fixes.push(T('finding.rights.rightspath-set-the-unneeded-rights-to', { rightsPath: RIGHTS_PATH }));
      heuristic ||= h.heuristic;
    } else if (h.held === null) unknown.push(rightName(req.module, req.action));
  }
  if (!input.useCase.admin) {
    outcomes.push(probe(probes, SHARED.logCount.key));
    const a = adminHeld(probes);
    if (a === true) {
      held.push(T('finding.rights.admin'));
      fixes.push(T('finding.rights.remove-admin-adminpath', { adminPath: ADMIN_PATH }));
    } else if (a === null) unknown.push(T('finding.rights.admin'));
  }
  outcomes.push(...USER_READS.map((k) => probe(probes, k)));
  const u = userDataHeld(probes);
  if (u === true) {
    held.push(USER_DATA_RIGHT);
    fixes.push(T('finding.rights.untick-userdataright-on-the-api-user', { userDataRight: USER_DATA_RIGHT }));
  } else if (u === null) unknown.push(USER_DATA_RIGHT);
  const list = (xs: Text[]) => listOf(xs, 'comma');
  const evidence = evidenceOf(...outcomes);
  if (held.length > 0) {
    const l = list(held);
    return make('rights:excess', {
      status: 'warn',
      heuristic,
      title: T('finding.rights.more-rights-than-needed'),
      explanation: T('finding.rights.not-needed-for-this-use-case', { l }),
      fix: join(...fixes),
      evidence,
    });
  }
  if (unknown.length > 0) {
    const l = list(unknown);
    return make('rights:excess', {
      status: 'unknown',
      title: T('finding.rights.excess-rights-not-fully-checked'),
      explanation: T('finding.rights.could-not-be-checked-no-visible', { l }),
      evidence,
    });
  }
  return make('rights:excess', {
    status: 'pass',
    title: T('finding.rights.no-excess-rights'),
    explanation: T('finding.rights.write-delete-and-admin-rights-this'),
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------

function uniqueRights(u: UseCase): RightRequirement[] {
  const seen = new Set<string>();
  return [...u.required, ...u.optional].filter((r) => {
    const k = rightKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const rightsStep: Step = {
  name: 'rights',
  findingIds: (input) => [...uniqueRights(input.useCase).map((r) => `rights:${rightKey(r)}`), ...(input.useCase.admin ? ['rights:admin'] : []), 'rights:excess'],
  firstBatch: (input) => {
    const u = input.useCase;
    const probes: Probe[] = [SHARED.me, SHARED.users, SHARED.logCount];
    if (readsEstates(u)) probes.push(SHARED.estates, SHARED.estateOwners);
    if (readsAddresses(u)) probes.push(SHARED.addresses, SHARED.addressOwners);
    return probes;
  },
  secondBatch: (input, probes) => {
    const me = identityOf(probe(probes, SHARED.me.key));
    const out: Probe[] = [];
    const others = userIds(probe(probes, SHARED.users.key), me?.id ?? null, me ? 1 : 2);
    // Without the caller's id, two users: at least one of them is somebody else.
    if (me !== null || others.length === 2) {
      others.forEach((id, i) => {
        out.push({ key: USER_READS[i] as string, request: `read user ${id}`, spec: { kind: 'read', resourcetype: 'user', resourceid: String(id), parameters: { data: ['Nr', 'Name'] } } });
      });
    }
    for (const r of rightsToCheck(input.useCase)) {
      const ids = r.action === 'create' ? createStandIn(probes) : sampleIdsFor(r.module, probes);
      if (ids.length === 0) continue;
      out.push({
        key: rightProbeKey(r),
        request: `get checkuserrecordsright (${r.action} ${r.module}, ${ids.length} id(s))`,
        spec: { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: r.action, module: r.module, recordIds: ids } },
      });
    }
    return out;
  },
  findings: (input, probes) => {
    const u = input.useCase;
    const out: StepFinding[] = uniqueRights(u).map((req) => {
      const f = rightFinding(req, probes);
      // An optional right that is missing is worth knowing, not a failure.
      return u.optional.some((o) => rightKey(o) === rightKey(req)) && f.status === 'fail' ? { ...f, status: 'warn' } : f;
    });
    if (u.admin) out.push(adminFinding(probes));
    out.push(excessFinding(input, probes));
    return out;
  },
};
