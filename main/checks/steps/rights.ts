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
import { ADDRESS_PUBLISH_PATH, ADMIN_PATH, ESTATE_PUBLISH_PATH, HELP_ADVICE, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH, SCOPES_NOTE, USER_DATA_RIGHT, rightName } from '../texts.ts';
import { L, type Localized } from '../types.ts';
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

const readFix = (module: VisibleModule): Localized => {
  const rn = rightName(module, 'read');
  return L(`${RIGHTS_PATH.de}: ${rn.de} auf Alle setzen. ${SCOPES_NOTE.de}`, `${RIGHTS_PATH.en}: set ${rn.en} to all. ${SCOPES_NOTE.en}`);
};

/** Nothing visible and the cause cannot be told from the API: one fix that tells the two apart in enterprise. */
const NOTHING_VISIBLE_FIX = L(
  `${RIGHTS_PATH.de}: Ist dort ${ONLY_PUBLISHED_RIGHT.de} gesetzt, ist das die Ursache – entweder die Datensätze veröffentlichen (Immobilien: ${ESTATE_PUBLISH_PATH.de}; Adressen: ${ADDRESS_PUBLISH_PATH.de}) oder die Einschränkung entfernen. ${HELP_ADVICE.de} Ist sie nicht gesetzt, die Leserechte für Immobilien und Adressen auf Alle setzen. ${SCOPES_NOTE.de}`,
  `${RIGHTS_PATH.en}: if ${ONLY_PUBLISHED_RIGHT.en} is set there, that is the cause — either publish the records (properties: ${ESTATE_PUBLISH_PATH.en}; addresses: ${ADDRESS_PUBLISH_PATH.en}) or remove that right. ${HELP_ADVICE.en} If it is not set, set the read rights for properties and addresses to all. ${SCOPES_NOTE.en}`,
);

const RESTRICTION_FIX = L(
  `Die Datensätze veröffentlichen (Immobilien: ${ESTATE_PUBLISH_PATH.de}; Adressen: ${ADDRESS_PUBLISH_PATH.de}) oder unter ${RIGHTS_PATH.de} ${ONLY_PUBLISHED_RIGHT.de} entfernen. ${HELP_ADVICE.de}`,
  `Publish the records (properties: ${ESTATE_PUBLISH_PATH.en}; addresses: ${ADDRESS_PUBLISH_PATH.en}) or remove ${ONLY_PUBLISHED_RIGHT.en} under ${RIGHTS_PATH.en}. ${HELP_ADVICE.en}`,
);

function readRightFinding(req: RightRequirement, probes: Probes): StepFinding {
  const module = req.module as VisibleModule;
  const id = `rights:${rightKey(req)}`;
  const rn = rightName(module, 'read');
  const o = probe(probes, module === 'estate' ? SHARED.estates.key : SHARED.addresses.key);
  const evidence = evidenceOf(o);
  const what = module === 'estate' ? L('Immobilie', 'property') : L('Adresse', 'address');
  if (o.state === 'failed' && isRightsCode(o.result.errorcode)) {
    return make(id, {
      status: 'fail',
      title: L(`Recht ${rn.de} fehlt`, `Right ${rn.en} missing`),
      explanation: explainApiError(o.result.errorcode, o.result.message).explanation,
      fix: readFix(module),
      evidence,
    });
  }
  const r = okResult(o);
  if (!r) return make(id, { status: 'unknown', title: L(`Recht ${rn.de}: unbekannt`, `Right ${rn.en}: unknown`), explanation: noAnswer(o), evidence });
  const state = readState(module, probes);
  const n = countOf(r);
  const empty = L('Die Leseabfrage war erfolgreich, lieferte aber keinen einzigen Datensatz.', 'The read succeeded but returned not a single record.');
  if (state === 'none') {
    const cause = emptyCause(module, probes, module === 'estate' ? 1 : 2);
    if (cause.key === 'restriction') {
      return make(id, {
        status: 'fail',
        heuristic: true,
        cause,
        title: L(`Keine ${what.de} sichtbar – vermutlich nichts veröffentlicht`, `No ${what.en} visible — probably nothing published`),
        explanation: join(
          empty,
          L(
            `Bei den anderen Datensätzen ist kein unveröffentlichter sichtbar: Vermutlich ist ${ONLY_PUBLISHED_RIGHT.de} gesetzt, und keine ${what.de} ist veröffentlicht (${publishPath(module).de}). Ebenso möglich: ${rn.de} steht auf keine, oder es gibt keine.`,
            `Among the other records not one unpublished is visible: probably ${ONLY_PUBLISHED_RIGHT.en} is set and no ${what.en} is published (${publishPath(module).en}). Also possible: ${rn.en} is set to none, or there are none.`,
          ),
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
        title: L(`Keine ${what.de} sichtbar – Leserecht fehlt vermutlich`, `No ${what.en} visible — read right probably missing`),
        explanation: join(
          empty,
          L(
            `Die Einschränkung auf Veröffentlichtes ist nicht gesetzt (andere Datensätze sind auch unveröffentlicht sichtbar). Also steht ${rn.de} vermutlich auf keine oder nur eigene ohne zugeordnete Datensätze – oder es gibt schlicht keine.`,
            `The restriction to published records is not set (other records are visible unpublished too). So ${rn.en} is probably set to none, or to only own with no record assigned — or there simply are none.`,
          ),
        ),
        fix: readFix(module),
        evidence,
      });
    }
    return make(id, {
      status: 'fail',
      heuristic: true,
      cause,
      title: L(`Keine ${what.de} sichtbar`, `No ${what.en} visible`),
      explanation: join(
        empty,
        L(
          `Auch sonst ist nichts sichtbar, das die Ursache eingrenzt. Zwei Ursachen sind möglich, und die API beantwortet beide gleich (mit einer leeren Liste): (1) ${ONLY_PUBLISHED_RIGHT.de} ist gesetzt und nichts ist veröffentlicht, oder (2) die Leserechte stehen auf keine bzw. auf nur eigene ohne zugeordnete Datensätze. Ein Blick in den Rechte-Reiter des API-Benutzers entscheidet es.`,
          `Nothing else visible narrows the cause down. Two causes are possible, and the API answers both alike (with an empty list): (1) ${ONLY_PUBLISHED_RIGHT.en} is set and nothing is published, or (2) the read rights are set to none, or to only own with no record assigned. One look at the API user's rights tab tells which.`,
        ),
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
      title: L(`Recht ${rn.de} vermutlich nur eigene`, `Right ${rn.en} probably only own`),
      explanation: L(
        `Sichtbar sind ${n} Datensätze, und alle sind dem API-Benutzer selbst als Betreuer zugeordnet. Das spricht für den Bereich nur eigene – das reicht meist nicht.`,
        `${n} records are visible, and the API user itself is the agent of every one of them. That points to the scope only own — which is usually too little.`,
      ),
      fix: readFix(module),
      evidence,
    });
  }
  return make(id, {
    status: 'pass',
    title: L(`Recht ${rn.de} vorhanden`, `Right ${rn.en} present`),
    explanation: L(`Der API-Benutzer sieht ${n} Datensätze.`, `The API user sees ${n} records.`),
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
    ? L(' Welche Datensatz-Ids die Rechteprüfung für anlegen braucht, ist nicht dokumentiert; das Ergebnis ist daher eine Schlussfolgerung.', ' Which record ids the rights check needs for create is not documented, so the result is an inference.')
    : L('', '');
  if (held === null) {
    const why =
      outcome.state === 'not-run'
        ? L('Es ist kein Datensatz sichtbar, an dem sich das Recht prüfen ließe.', 'No record is visible to test the right on.')
        : noAnswer(outcome);
    return make(id, { status: 'unknown', heuristic: outcome.state === 'not-run', title: L(`Recht ${rn.de}: unbekannt`, `Right ${rn.en}: unknown`), explanation: why, evidence });
  }
  if (held) {
    return make(id, {
      status: 'pass',
      heuristic,
      title: L(`Recht ${rn.de} vorhanden`, `Right ${rn.en} present`),
      explanation: L(`Die Rechteprüfung (checkuserrecordsright) bestätigt das Recht.${createNote.de}`, `The rights check (checkuserrecordsright) confirms the right.${createNote.en}`),
      evidence,
    });
  }
  return make(id, {
    status: 'fail',
    heuristic,
    title: L(`Recht ${rn.de} fehlt`, `Right ${rn.en} missing`),
    explanation: L(`Die Rechteprüfung (checkuserrecordsright) gibt keinen der geprüften Datensätze frei.${createNote.de}`, `The rights check (checkuserrecordsright) grants none of the records checked.${createNote.en}`),
    fix: L(`${RIGHTS_PATH.de}: ${rn.de} erteilen (Bereich Alle). ${SCOPES_NOTE.de}`, `${RIGHTS_PATH.en}: grant ${rn.en} (scope all). ${SCOPES_NOTE.en}`),
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
  if (held === null) return make('rights:admin', { status: 'unknown', title: L('Admin-Recht: unbekannt', 'Admin right: unknown'), explanation: noAnswer(o), evidence });
  return held
    ? make('rights:admin', { status: 'pass', title: L('Admin-Recht vorhanden', 'Admin right present'), explanation: L('Das Serverprotokoll ist über die API lesbar.', 'The server log can be read through the API.'), evidence })
    : make('rights:admin', {
        status: 'fail',
        title: L('Admin-Recht fehlt', 'Admin right missing'),
        explanation: L('Das Serverprotokoll lässt sich über die API nur mit dem Admin-Recht lesen; die Abfrage wurde abgelehnt.', 'The server log can only be read through the API with the Admin right; the read was refused.'),
        fix: L(`${ADMIN_PATH.de} setzen.`, `${ADMIN_PATH.en}: set it.`),
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
  const held: Localized[] = [];
  const unknown: Localized[] = [];
  const fixes: Localized[] = [];
  const outcomes: ProbeOutcome[] = [];
  let heuristic = false;
  for (const req of excessCandidates(input.useCase)) {
    const h = heldRight(req, probes);
    outcomes.push(h.outcome);
    if (h.held === true) {
      held.push(rightName(req.module, req.action));
      if (fixes.length === 0) fixes.push(L(`${RIGHTS_PATH.de}: nicht benötigte Rechte auf keine setzen.`, `${RIGHTS_PATH.en}: set the unneeded rights to none.`));
      heuristic ||= h.heuristic;
    } else if (h.held === null) unknown.push(rightName(req.module, req.action));
  }
  if (!input.useCase.admin) {
    outcomes.push(probe(probes, SHARED.logCount.key));
    const a = adminHeld(probes);
    if (a === true) {
      held.push(L('Admin', 'Admin'));
      fixes.push(L(`Admin entfernen: ${ADMIN_PATH.de}.`, `Remove Admin: ${ADMIN_PATH.en}.`));
    } else if (a === null) unknown.push(L('Admin', 'Admin'));
  }
  outcomes.push(...USER_READS.map((k) => probe(probes, k)));
  const u = userDataHeld(probes);
  if (u === true) {
    held.push(USER_DATA_RIGHT);
    fixes.push(L(`${USER_DATA_RIGHT.de} auf der Registerkarte API-Benutzer abwählen.`, `Untick ${USER_DATA_RIGHT.en} on the API user tab.`));
  } else if (u === null) unknown.push(USER_DATA_RIGHT);
  const list = (xs: Localized[]) => L(xs.map((x) => x.de).join(', '), xs.map((x) => x.en).join(', '));
  const evidence = evidenceOf(...outcomes);
  if (held.length > 0) {
    const l = list(held);
    return make('rights:excess', {
      status: 'warn',
      heuristic,
      title: L('Mehr Rechte als nötig', 'More rights than needed'),
      explanation: L(
        `Für diesen Einsatzzweck nicht nötig, aber vorhanden: ${l.de}. onOffice rät, Schreib- und Löschrechte sowie Admin nur zu vergeben, wenn sie gebraucht werden – ein entwendetes Token kann sonst Daten ändern oder löschen.`,
        `Not needed for this use case, but held: ${l.en}. onOffice advises granting write and delete rights and Admin only when needed — otherwise a stolen token can change or delete data.`,
      ),
      fix: join(...fixes),
      evidence,
    });
  }
  if (unknown.length > 0) {
    const l = list(unknown);
    return make('rights:excess', {
      status: 'unknown',
      title: L('Überzählige Rechte nicht vollständig geprüft', 'Excess rights not fully checked'),
      explanation: L(`Nicht prüfbar (kein sichtbarer Datensatz, kein zweiter Benutzer oder keine Antwort): ${l.de}. Alle anderen überzähligen Rechte fehlen, wie es sein soll.`, `Could not be checked (no visible record, no second user or no answer): ${l.en}. All other unneeded rights are absent, as they should be.`),
      evidence,
    });
  }
  return make('rights:excess', {
    status: 'pass',
    title: L('Keine überzähligen Rechte', 'No excess rights'),
    explanation: L('Schreib-, Lösch- und Admin-Rechte, die dieser Einsatzzweck nicht braucht, fehlen – wie es sein soll.', 'Write, delete and Admin rights this use case does not need are absent — as they should be.'),
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
