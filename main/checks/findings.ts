/**
 * From answers to findings: pure functions over the probe outcomes. A probe whose action failed for a reason
 * that says nothing about the setup (server error, unknown code, no answer) gives `unknown`, never `fail`:
 * a flaky server must not produce wrong findings.
 */
import { categoryOf, explainApiError, explainTransportError, CLOCK_WINDOW_SECONDS, type ErrorContext } from '../onoffice/errors.ts';
import type { CallError } from '../onoffice/client.ts';
import type { FormatResult } from './credentials.ts';
import { formatFinding } from './credentials.ts';
import type { Identity, PlanInput, ProbeOutcome, Probes, Refs } from './plan.ts';
import {
  countOf,
  grantedIds,
  identityOf,
  invisibleExpected,
  okResult,
  probe,
  publishedEstateIds,
  recordField,
  rightProbeKey,
  wantsMailTest,
} from './plan.ts';
import {
  ADDRESS_PUBLISH_PATH,
  ADMIN_PATH,
  CACHE_HINT,
  ESTATE_PUBLISH_PATH,
  HELP_ADVICE,
  LOG_PATH,
  MAILBOX_PATH,
  ONLY_PUBLISHED_RIGHT,
  RIGHTS_PATH,
  USER_DATA_RIGHT,
  rightName,
  topicOf,
} from './texts.ts';
import { L, type Evidence, type Finding, type FindingStatus, type Localized } from './types.ts';
import type { RightRequirement } from './usecases.ts';
import { excessCandidates, rightKey } from './usecases.ts';

const join = (...parts: Localized[]): Localized => L(parts.map((p) => p.de).join(' '), parts.map((p) => p.en).join(' '));

interface Draft {
  status: FindingStatus;
  title: Localized;
  explanation: Localized;
  fix?: Localized | null;
  evidence?: Evidence;
  heuristic?: boolean;
}

const make = (id: string, d: Draft): Finding => ({
  id,
  status: d.status,
  title: d.title,
  explanation: d.explanation,
  fix: d.fix ?? null,
  evidence: d.evidence ?? {},
  heuristic: d.heuristic ?? false,
});

/** Evidence from one or more probes: their exchanges, the first error code seen, the requests. */
export function evidenceOf(...outcomes: ProbeOutcome[]): Evidence {
  const exchangeIds = new Set<string>();
  const journalIds = new Set<number>();
  const requests: string[] = [];
  let code: number | string | undefined;
  let message: string | undefined;
  for (const o of outcomes) {
    if (o.state === 'not-run') continue;
    o.refs.exchangeIds.forEach((id) => exchangeIds.add(id));
    o.refs.journalIds.forEach((id) => journalIds.add(id));
    requests.push(o.request);
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
  };
}

const refsEvidence = (refs: Refs | null, extra: Evidence = {}): Evidence => ({
  ...(refs?.exchangeIds.length ? { exchangeIds: refs.exchangeIds } : {}),
  ...(refs?.journalIds.length ? { journalIds: refs.journalIds } : {}),
  ...extra,
});

/** Why a probe gave no usable answer, for `unknown` findings. */
function noAnswer(o: ProbeOutcome): Localized {
  if (o.state === 'failed') {
    return L(
      `Die Prüfaktion scheiterte mit Code ${o.result.errorcode} („${o.result.message}“), der nichts über die Einrichtung aussagt. Bitte später erneut prüfen.`,
      `The probe failed with code ${o.result.errorcode} ("${o.result.message}"), which says nothing about the setup. Please check again later.`,
    );
  }
  if (o.state === 'call-failed') {
    return L(
      'Auf diese Prüfung kam keine verwertbare Antwort (Verbindungs- oder Serverfehler). Bitte später erneut prüfen.',
      'No usable answer arrived for this probe (connection or server error). Please check again later.',
    );
  }
  return L('Diese Prüfung konnte nicht laufen.', 'This probe could not run.');
}

const isRightsCode = (code: number): boolean => categoryOf(code) === 'rights';

// ---------------------------------------------------------------------------------------------------------------
// Planned finding ids.

export function plannedFindingIds(input: PlanInput): string[] {
  const u = input.useCase;
  const ids = ['credentials', 'connection', 'clock', 'identity'];
  for (const r of [...u.required, ...u.optional]) ids.push(`rights:${rightKey(r)}`);
  if (u.admin) ids.push('rights:admin');
  ids.push('rights:excess');
  if (u.publish.estates) ids.push('publish:estates');
  if (u.publish.addresses) ids.push('publish:addresses');
  if (u.publish.pictures) ids.push('publish:pictures');
  if (input.expectEstates.length > 0) ids.push('publish:expected');
  if (u.mail === 'required' || input.mail !== null) ids.push('mailbox');
  ids.push('server-log');
  return [...new Set(ids)];
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 1: credentials, connection, clock. They decide whether anything else can be checked.

export interface FirstCall {
  ok: boolean;
  error: CallError | null;
  clockOffsetSeconds: number | null;
  refs: Refs;
}

export interface Gate {
  findings: Finding[];
  /** Set when later probes cannot run: they are then `skipped` with this reason. */
  blocked: Localized | null;
}

const BLOCKED_BY_CREDENTIALS = L(
  'Nicht geprüft: Ohne gültige Zugangsdaten beantwortet onOffice keine Anfrage. Erst die Zugangsdaten korrigieren.',
  'Not checked: onOffice answers no request without valid credentials. Fix the credentials first.',
);
const BLOCKED_BY_CLOCK = L(
  'Nicht geprüft: Wegen der falschen Uhrzeit lehnt onOffice jede Aktion ab. Erst die Uhr korrigieren.',
  'Not checked: because of the wrong clock onOffice rejects every action. Fix the clock first.',
);
const BLOCKED_BY_CONNECTION = L(
  'Nicht geprüft: Es kam keine verwertbare Antwort vom Server.',
  'Not checked: no usable answer arrived from the server.',
);

const skipped = (id: string, reason: Localized, refs: Refs | null = null): Finding =>
  make(id, { status: 'skipped', title: L(`${topicOf(id).de}: nicht geprüft`, `${topicOf(id).en}: not checked`), explanation: reason, evidence: refsEvidence(refs) });

export function clockFinding(offset: number | null, saw136: boolean, refs: Refs | null): Finding {
  const explained = explainApiError(136, '', { clockOffsetSeconds: offset });
  const evidence = refsEvidence(refs, offset === null ? {} : { message: `clock offset ${offset} s (server minus local)` });
  if (saw136) {
    return make('clock', { status: 'fail', title: L('Uhrzeit weicht zu stark ab (136)', 'Clock is off too far (136)'), explanation: explained.explanation, fix: explained.fix, evidence: { ...evidence, code: 136 } });
  }
  if (offset === null) {
    return make('clock', {
      status: 'unknown',
      heuristic: true,
      title: L('Uhrzeit nicht messbar', 'Clock could not be measured'),
      explanation: L('Die Antwort enthielt keinen verwertbaren Date-Header; die Abweichung Ihrer Uhr ist unbekannt.', 'The answer carried no usable Date header; the offset of your clock is unknown.'),
      evidence,
    });
  }
  const abs = Math.abs(offset);
  if (abs > CLOCK_WINDOW_SECONDS) {
    // The server accepted the timestamps anyway: the Date header may come from a proxy, so only warn.
    return make('clock', {
      status: 'warn',
      heuristic: true,
      title: L(`Uhrzeit weicht ${abs} s ab`, `Clock is off by ${abs} s`),
      explanation: join(explained.explanation, L('Der Server hat die Anfragen trotzdem angenommen; womöglich stammt die Zeitangabe von einem Proxy.', 'The server accepted the requests anyway; the time may come from a proxy.')),
      fix: explained.fix,
      evidence,
    });
  }
  if (abs > CLOCK_WINDOW_SECONDS / 2) {
    return make('clock', {
      status: 'warn',
      title: L(`Uhrzeit weicht ${abs} s ab – nahe an der Grenze`, `Clock is off by ${abs} s — close to the limit`),
      explanation: L(
        `onOffice akzeptiert höchstens ±${CLOCK_WINDOW_SECONDS} s. Noch klappt es, aber eine weiter abdriftende Uhr führt bald zu Fehler 136.`,
        `onOffice accepts at most ±${CLOCK_WINDOW_SECONDS} s. It still works, but a clock drifting further will soon cause error 136.`,
      ),
      fix: explained.fix,
      evidence,
    });
  }
  return make('clock', {
    status: 'pass',
    title: L('Uhrzeit stimmt', 'Clock is right'),
    explanation: L(`Abweichung zur Serverzeit: ${offset} s (erlaubt sind ±${CLOCK_WINDOW_SECONDS} s).`, `Offset to server time: ${offset} s (±${CLOCK_WINDOW_SECONDS} s allowed).`),
    evidence,
  });
}

const BLOCKING = new Set(['credentials', 'marketplace']);

export function gate(format: FormatResult, first: FirstCall | null, probes: Probes, endpointHost: string): Gate {
  const fmt = formatFinding(format);
  if (!format.usable || first === null) {
    return {
      findings: [fmt ?? skipped('credentials', BLOCKED_BY_CREDENTIALS), skipped('connection', BLOCKED_BY_CREDENTIALS), skipped('clock', BLOCKED_BY_CREDENTIALS)],
      blocked: BLOCKED_BY_CREDENTIALS,
    };
  }
  const ctx: ErrorContext = { tokenLength: format.tokenLength, secretLength: format.secretLength, clockOffsetSeconds: first.clockOffsetSeconds, endpointHost };
  const offset = first.clockOffsetSeconds;
  const connectionOk = make('connection', {
    status: 'pass',
    title: L('Verbindung zur API steht', 'Connected to the API'),
    explanation: L(`${endpointHost} hat mit einer API-Antwort geantwortet.`, `${endpointHost} answered with an API answer.`),
    evidence: refsEvidence(first.refs, { request: 'read basicsettings' }),
  });
  const unchecked = (reason: Localized) => skipped('credentials', reason, first.refs);

  if (first.error?.kind === 'transport') {
    const e = explainTransportError(first.error.code, { ...ctx, httpStatus: first.error.httpStatus, detail: first.error.message });
    return {
      findings: [
        fmt ?? unchecked(BLOCKED_BY_CONNECTION),
        make('connection', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence: refsEvidence(first.refs, { code: first.error.code, message: first.error.message }) }),
        offset === null ? skipped('clock', BLOCKED_BY_CONNECTION, first.refs) : clockFinding(offset, false, first.refs),
      ],
      blocked: BLOCKED_BY_CONNECTION,
    };
  }
  if (first.error?.kind === 'api') {
    const { errorcode, message } = first.error;
    const e = explainApiError(errorcode, message, ctx);
    const evidence = refsEvidence(first.refs, { code: errorcode, message });
    if (errorcode === 136) {
      return { findings: [unchecked(BLOCKED_BY_CLOCK), connectionOk, clockFinding(offset, true, first.refs)], blocked: BLOCKED_BY_CLOCK };
    }
    if (BLOCKING.has(e.category)) {
      return {
        findings: [make('credentials', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence }), connectionOk, clockFinding(offset, false, first.refs)],
        blocked: BLOCKED_BY_CREDENTIALS,
      };
    }
    return {
      findings: [unchecked(BLOCKED_BY_CONNECTION), make('connection', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence }), clockFinding(offset, false, first.refs)],
      blocked: BLOCKED_BY_CONNECTION,
    };
  }

  const outcomes = [...probes.values()];
  const failures = outcomes.flatMap((o) => (o.state === 'failed' ? [o.result] : []));
  const successes = outcomes.filter((o) => o.state === 'ok').length;
  const clockFailure = failures.find((f) => f.errorcode === 136);
  if (clockFailure && successes === 0) {
    return { findings: [unchecked(BLOCKED_BY_CLOCK), connectionOk, clockFinding(offset, true, first.refs)], blocked: BLOCKED_BY_CLOCK };
  }
  const credentialFailure = failures.find((f) => BLOCKING.has(categoryOf(f.errorcode)));
  if (credentialFailure && successes === 0) {
    const e = explainApiError(credentialFailure.errorcode, credentialFailure.message, ctx);
    return {
      findings: [
        make('credentials', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence: refsEvidence(first.refs, { code: credentialFailure.errorcode, message: credentialFailure.message }) }),
        connectionOk,
        clockFinding(offset, false, first.refs),
      ],
      blocked: BLOCKED_BY_CREDENTIALS,
    };
  }
  const accepted = make('credentials', {
    status: fmt ? 'warn' : 'pass',
    title: L('Token und Secret werden angenommen', 'Token and secret are accepted'),
    explanation: fmt ? join(L('onOffice hat die signierten Anfragen angenommen.', 'onOffice accepted the signed requests.'), fmt.explanation) : L('onOffice hat die signierten Anfragen angenommen.', 'onOffice accepted the signed requests.'),
    fix: fmt?.fix ?? null,
    evidence: refsEvidence(first.refs),
  });
  return { findings: [accepted, connectionOk, clockFinding(offset, clockFailure !== undefined, first.refs)], blocked: null };
}

export function blockedFindings(ids: readonly string[], reason: Localized): Finding[] {
  return ids.map((id) => skipped(id, reason));
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 2: identity, rights, publish, mailbox heuristic, server log.

function identityFinding(probes: Probes): Finding {
  const me = probe(probes, 'me');
  const who = identityOf(me);
  const imprint = okResult(probe(probes, 'impressum'))?.records[0]?.elements;
  const firm = imprint && typeof imprint === 'object' && !Array.isArray(imprint) ? (imprint as Record<string, unknown>).firma : undefined;
  if (!who) {
    return make('identity', {
      status: 'unknown',
      title: L('API-Benutzer nicht ermittelt', 'API user not identified'),
      explanation: join(noAnswer(me), L('Ohne die Benutzer-Id lassen sich die Rechte nicht einzeln prüfen.', 'Without the user id the rights cannot be checked one by one.')),
      evidence: evidenceOf(me),
    });
  }
  const label = `#${who.id} ${who.userName}${who.name ? ` (${who.name})` : ''}`;
  const office = typeof firm === 'string' && firm !== '' ? L(` Impressum: ${firm}.`, ` Imprint: ${firm}.`) : L('', '');
  return make('identity', {
    status: 'pass',
    title: L(`Angemeldet als API-Benutzer ${label}`, `Signed in as API user ${label}`),
    explanation: L(
      `Die Anfragen laufen unter dem API-Benutzer ${label}.${office.de} Das Impressum richtet sich nach der Gruppe des Benutzers (Extras → Einstellungen → Gruppen).`,
      `The requests run as API user ${label}.${office.en} The imprint follows the user's office group (Extras → Settings → Groups).`,
    ),
    evidence: evidenceOf(me, probe(probes, 'impressum'), probe(probes, 'user:self')),
  });
}

const NONE_VISIBLE_CAUSES = (module: 'estate' | 'address'): Localized => {
  const rn = rightName(module, 'read');
  const path = module === 'estate' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH;
  return L(
    `Mögliche Ursachen: (1) Das Recht ${rn.de} steht auf „keine“ – oder auf „nur eigene“, und dem API-Benutzer ist kein Datensatz zugeordnet; (2) das Recht ${ONLY_PUBLISHED_RIGHT.de} ist gesetzt und nichts ist veröffentlicht (${path.de}); (3) es gibt schlicht keine Datensätze. Die API meldet in allen Fällen nur eine leere Liste, daher lässt sich das nicht unterscheiden.`,
    `Possible causes: (1) the right ${rn.en} is set to "none" — or to "only own" with no record assigned to the API user; (2) the right ${ONLY_PUBLISHED_RIGHT.en} is set and nothing is published (${path.en}); (3) there simply are no records. The API answers every case with an empty list, so they cannot be told apart.`,
  );
};

const readFix = (module: 'estate' | 'address'): Localized => {
  const rn = rightName(module, 'read');
  const path = module === 'estate' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH;
  return L(
    `${RIGHTS_PATH.de}: ${rn.de} auf „alle“ setzen. Ist ${ONLY_PUBLISHED_RIGHT.de} gesetzt, entweder das Recht entfernen oder die Datensätze veröffentlichen (${path.de}).`,
    `${RIGHTS_PATH.en}: set ${rn.en} to "all". If ${ONLY_PUBLISHED_RIGHT.en} is set, either remove that right or publish the records (${path.en}).`,
  );
};

function readRightFinding(req: RightRequirement, probes: Probes, me: Identity | null): Finding {
  const module = req.module as 'estate' | 'address';
  const id = `rights:${rightKey(req)}`;
  const rn = rightName(module, 'read');
  const o = probe(probes, module === 'estate' ? 'estates' : 'addresses');
  const evidence = evidenceOf(o);
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
  const n = countOf(r);
  if (n === 0) {
    return make(id, {
      status: 'fail',
      heuristic: true,
      title: module === 'estate' ? L('Keine Immobilie sichtbar', 'No property visible') : L('Keine Adresse sichtbar', 'No address visible'),
      explanation: join(L('Die Leseabfrage war erfolgreich, lieferte aber keinen einzigen Datensatz.', 'The read succeeded but returned not a single record.'), NONE_VISIBLE_CAUSES(module)),
      fix: readFix(module),
      evidence,
    });
  }
  const ownersRead = okResult(probe(probes, module === 'estate' ? 'estates:owners' : 'addresses:owners'));
  const owners = ownersRead ? recordField(ownersRead, module === 'estate' ? 'benutzer' : 'Benutzer') : [];
  const onlyOwn = req.scope === 'all' && me !== null && owners.length > 0 && owners.every((v) => v === String(me.id));
  if (onlyOwn) {
    return make(id, {
      status: 'warn',
      heuristic: true,
      title: L(`Recht ${rn.de} vermutlich nur „nur eigene“`, `Right ${rn.en} probably "only own"`),
      explanation: L(
        `Sichtbar sind ${n} Datensätze, und alle sind dem API-Benutzer selbst als Betreuer zugeordnet. Das spricht für „nur eigene“ – das reicht meist nicht.`,
        `${n} records are visible, and the API user itself is the agent of every one of them. That points to "only own" — which is usually too little.`,
      ),
      fix: L(`${RIGHTS_PATH.de}: ${rn.de} auf „alle“ setzen.`, `${RIGHTS_PATH.en}: set ${rn.en} to "all".`),
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

type Held = { held: boolean | null; heuristic: boolean; outcome: ProbeOutcome };

/** Whether a non-read right is held, from `checkuserrecordsright` on sample ids (null: cannot tell). */
function heldRight(req: RightRequirement, probes: Probes): Held {
  const o = probe(probes, rightProbeKey(req));
  const r = okResult(o);
  return { held: r ? grantedIds(r).length > 0 : null, heuristic: req.action === 'create', outcome: o };
}

function rightFinding(req: RightRequirement, probes: Probes, me: Identity | null): Finding {
  if (req.action === 'read' && (req.module === 'estate' || req.module === 'address')) return readRightFinding(req, probes, me);
  const id = `rights:${rightKey(req)}`;
  const rn = rightName(req.module, req.action);
  const { held, heuristic, outcome } = heldRight(req, probes);
  const evidence = evidenceOf(outcome);
  const fix = L(`${RIGHTS_PATH.de}: ${rn.de} erteilen.`, `${RIGHTS_PATH.en}: grant ${rn.en}.`);
  const createNote = heuristic
    ? L(' Welche Datensatz-Ids die Rechteprüfung für „anlegen“ braucht, ist nicht dokumentiert; das Ergebnis ist daher eine Schlussfolgerung.', ' Which record ids the rights check needs for "create" is not documented, so the result is an inference.')
    : L('', '');
  if (held === null) {
    const why =
      outcome.state === 'not-run'
        ? me === null
          ? L('Die Id des API-Benutzers ist unbekannt, daher lief die Rechteprüfung nicht.', 'The API user\'s id is unknown, so the rights check did not run.')
          : L('Es ist kein Datensatz sichtbar, an dem sich das Recht prüfen ließe.', 'No record is visible to test the right on.')
        : noAnswer(outcome);
    return make(id, { status: 'unknown', heuristic: outcome.state === 'not-run', title: L(`Recht ${rn.de}: unbekannt`, `Right ${rn.en}: unknown`), explanation: why, fix, evidence });
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
    fix,
    evidence,
  });
}

/** Admin from `read log` with listlimit 0: answered = Admin; a rights error = no Admin; anything else unknown. */
function adminHeld(probes: Probes): boolean | null {
  const o = probe(probes, 'log:count');
  if (o.state === 'ok') return true;
  if (o.state === 'failed' && isRightsCode(o.result.errorcode)) return false;
  return null;
}

function adminFinding(probes: Probes): Finding {
  const held = adminHeld(probes);
  const o = probe(probes, 'log:count');
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

/** "Read out user data via API": reading another user's record works only with it. */
function userDataHeld(probes: Probes): boolean | null {
  const o = probe(probes, 'user:other');
  if (o.state === 'ok') return o.result.records.length > 0 ? true : null;
  if (o.state === 'failed' && isRightsCode(o.result.errorcode)) return false;
  return null;
}

function excessFinding(input: PlanInput, probes: Probes): Finding {
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
      if (fixes.length === 0) fixes.push(L(`${RIGHTS_PATH.de}: nicht benötigte Rechte auf „keine“ setzen.`, `${RIGHTS_PATH.en}: set the unneeded rights to "none".`));
      heuristic ||= h.heuristic;
    } else if (h.held === null) unknown.push(rightName(req.module, req.action));
  }
  if (!input.useCase.admin) {
    outcomes.push(probe(probes, 'log:count'));
    const a = adminHeld(probes);
    if (a === true) {
      held.push(L('Admin', 'Admin'));
      fixes.push(L(`Admin entfernen: ${ADMIN_PATH.de}.`, `Remove Admin: ${ADMIN_PATH.en}.`));
    }
    else if (a === null) unknown.push(L('Admin', 'Admin'));
  }
  outcomes.push(probe(probes, 'user:other'));
  const u = userDataHeld(probes);
  if (u === true) {
    held.push(USER_DATA_RIGHT);
    fixes.push(L(`${USER_DATA_RIGHT.de} auf der Registerkarte API-Benutzer abwählen.`, `Untick ${USER_DATA_RIGHT.en} on the API user tab.`));
  }
  else if (u === null) unknown.push(USER_DATA_RIGHT);
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
      explanation: L(`Nicht prüfbar (kein sichtbarer Datensatz oder keine Antwort): ${l.de}. Alle anderen überzähligen Rechte fehlen, wie es sein soll.`, `Could not be checked (no visible record or no answer): ${l.en}. All other unneeded rights are absent, as they should be.`),
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

function publishFinding(kind: 'estates' | 'addresses', input: PlanInput, probes: Probes): Finding {
  const id = `publish:${kind}`;
  const all = probe(probes, kind);
  const unpublishedProbe = probe(probes, `${kind}:unpublished`);
  const evidence = evidenceOf(all, unpublishedProbe);
  const a = okResult(all);
  const u = okResult(unpublishedProbe);
  const what = kind === 'estates' ? L('Immobilien', 'properties') : L('Adressen', 'addresses');
  const path = kind === 'estates' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH;
  if (!a || !u) return make(id, { status: 'unknown', title: L(`Veröffentlichung der ${what.de}: unbekannt`, `Publication of ${what.en}: unknown`), explanation: noAnswer(a ? unpublishedProbe : all), evidence });
  const total = countOf(a);
  const unpublished = countOf(u);
  const published = total - unpublished;
  if (total === 0) {
    return make(id, {
      status: 'unknown',
      heuristic: true,
      title: L(`Keine ${what.de} sichtbar – Einschränkung nicht bestimmbar`, `No ${what.en} visible — restriction cannot be determined`),
      explanation: L(
        `Ohne einen sichtbaren Datensatz lässt sich nicht erkennen, ob ${ONLY_PUBLISHED_RIGHT.de} gesetzt ist. Ist es gesetzt, muss veröffentlicht werden: ${path.de}. ${HELP_ADVICE.de}`,
        `With no visible record it cannot be told whether ${ONLY_PUBLISHED_RIGHT.en} is set. If it is, records must be published: ${path.en}. ${HELP_ADVICE.en}`,
      ),
      fix: L(`${RIGHTS_PATH.de}: ${ONLY_PUBLISHED_RIGHT.de} prüfen; ggf. veröffentlichen (${path.de}).`, `${RIGHTS_PATH.en}: check ${ONLY_PUBLISHED_RIGHT.en}; publish where needed (${path.en}).`),
      evidence,
    });
  }
  if (unpublished > 0) {
    return make(id, {
      status: 'pass',
      title: L(`Keine Einschränkung auf veröffentlichte ${what.de}`, `No restriction to published ${what.en}`),
      explanation: L(
        `Sichtbar sind ${total} ${what.de}, davon ${published} veröffentlicht und ${unpublished} nicht – also ist ${ONLY_PUBLISHED_RIGHT.de} nicht gesetzt. Eine Website zeigt trotzdem nur, was veröffentlicht ist (${path.de}).`,
        `${total} ${what.en} are visible, ${published} published and ${unpublished} not — so ${ONLY_PUBLISHED_RIGHT.en} is not set. A website still shows only what is published (${path.en}).`,
      ),
      evidence,
    });
  }
  // Nothing unpublished is visible: either the restriction is on, or every record happens to be published.
  const website = input.useCase.name === 'website';
  return make(id, {
    status: website ? 'info' : 'warn',
    heuristic: true,
    title: L(`Vermutlich nur veröffentlichte ${what.de} sichtbar`, `Probably only published ${what.en} visible`),
    explanation: L(
      `Sichtbar sind ${total} ${what.de}, darunter keine unveröffentlichten. Entweder ist ${ONLY_PUBLISHED_RIGHT.de} gesetzt, oder es ist zufällig alles veröffentlicht. ${HELP_ADVICE.de}${website ? '' : ' Für diesen Einsatzzweck fehlen dann alle unveröffentlichten Datensätze.'}`,
      `${total} ${what.en} are visible, not one of them unpublished. Either ${ONLY_PUBLISHED_RIGHT.en} is set, or everything happens to be published. ${HELP_ADVICE.en}${website ? '' : ' For this use case every unpublished record is then missing.'}`,
    ),
    fix: L(
      `Soll der API-Benutzer auch Unveröffentlichtes sehen: ${RIGHTS_PATH.de} → ${ONLY_PUBLISHED_RIGHT.de} entfernen. Sonst die gewünschten Datensätze veröffentlichen (${path.de}). ${CACHE_HINT.de}`,
      `If the API user should see unpublished records too: ${RIGHTS_PATH.en} → remove ${ONLY_PUBLISHED_RIGHT.en}. Otherwise publish the records wanted (${path.en}). ${CACHE_HINT.en}`,
    ),
    evidence,
  });
}

function picturesFinding(probes: Probes): Finding {
  const published = publishedEstateIds(probes);
  const o = probe(probes, 'pictures');
  const evidence = evidenceOf(probe(probes, 'estates:published'), o);
  if (published.length === 0) {
    const source = probe(probes, 'estates:published');
    return okResult(source)
      ? make('publish:pictures', { status: 'skipped', title: L('Bilder nicht geprüft', 'Pictures not checked'), explanation: L('Es ist keine veröffentlichte Immobilie sichtbar, deren Bilder sich prüfen ließen.', 'No published property is visible whose pictures could be checked.'), evidence })
      : make('publish:pictures', { status: 'unknown', title: L('Bilder: unbekannt', 'Pictures: unknown'), explanation: noAnswer(source), evidence });
  }
  const r = okResult(o);
  if (!r) return make('publish:pictures', { status: 'unknown', title: L('Bilder: unbekannt', 'Pictures: unknown'), explanation: noAnswer(o), evidence });
  const withPictures = new Set<number>();
  for (const rec of r.records) {
    const items = Array.isArray(rec.elements) ? rec.elements : [rec.elements];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const e = item as Record<string, unknown>;
      const id = Number(e.estateid ?? e.estateMainId);
      if (Number.isInteger(id)) withPictures.add(id);
    }
  }
  const missing = published.filter((id) => !withPictures.has(id));
  if (missing.length === 0) {
    return make('publish:pictures', {
      status: 'pass',
      title: L('Bilder für die Homepage freigegeben', 'Pictures released for the website'),
      explanation: L(`Alle ${published.length} geprüften veröffentlichten Immobilien haben mindestens ein für „Homepage/API“ freigegebenes Bild.`, `All ${published.length} published properties checked have at least one picture released for "homepage/API".`),
      evidence,
    });
  }
  return make('publish:pictures', {
    status: 'warn',
    heuristic: true,
    title: L(`${missing.length} veröffentlichte Immobilien ohne freigegebenes Bild`, `${missing.length} published properties without a released picture`),
    explanation: L(
      `Die API liefert nur Bilder, die für die eigene Homepage/API freigegeben sind. Ohne ein solches Bild: ${missing.join(', ')}. Entweder fehlen Bilder ganz, oder keines ist freigegeben – das lässt sich über die API nicht unterscheiden.`,
      `The API returns only pictures released for the own website/API. Without such a picture: ${missing.join(', ')}. Either there are no pictures at all, or none is released — the API cannot tell which.`,
    ),
    fix: L(
      'In der Immobilie auf der Registerkarte Dateien das Bild öffnen und bei der Veröffentlichung „Homepage“ (eigene Homepage/API) setzen, dann speichern.',
      'In the property, on the Files tab, open the picture, set the publication to "Homepage" (own website/API) and save.',
    ),
    evidence,
  });
}

function expectedFinding(input: PlanInput, probes: Probes): Finding {
  const read = probe(probes, 'expected');
  const check = probe(probes, 'right:expected');
  const evidence = evidenceOf(read, check);
  if (!okResult(read)) return make('publish:expected', { status: 'unknown', title: L('Erwartete Immobilien: unbekannt', 'Expected properties: unknown'), explanation: noAnswer(read), evidence });
  const invisible = invisibleExpected(input, probes);
  const asked = input.expectEstates.length;
  if (invisible.length === 0) {
    return make('publish:expected', {
      status: 'pass',
      title: L('Alle erwarteten Immobilien sichtbar', 'All expected properties visible'),
      explanation: L(`Alle ${asked} erwarteten Immobilien sind für den API-Benutzer sichtbar.`, `All ${asked} expected properties are visible to the API user.`),
      evidence,
    });
  }
  const c = okResult(check);
  const granted = new Set(c ? grantedIds(c) : []);
  const hidden = invisible.filter((id) => granted.has(id));
  const other = invisible.filter((id) => !granted.has(id));
  const parts: Localized[] = [L(`Nicht sichtbar: ${invisible.join(', ')}.`, `Not visible: ${invisible.join(', ')}.`)];
  if (c && hidden.length > 0) {
    parts.push(
      L(
        `${hidden.join(', ')}: Das Leserecht ist vorhanden, die Immobilie bleibt trotzdem unsichtbar – vermutlich ist ${ONLY_PUBLISHED_RIGHT.de} gesetzt und sie ist nicht veröffentlicht (${ESTATE_PUBLISH_PATH.de}).`,
        `${hidden.join(', ')}: the read right is there, yet the property stays invisible — probably ${ONLY_PUBLISHED_RIGHT.en} is set and it is not published (${ESTATE_PUBLISH_PATH.en}).`,
      ),
    );
  }
  if (other.length > 0) {
    parts.push(
      c
        ? L(
            `${other.join(', ')}: Kein Leserecht – oder die Id existiert nicht (es zählt die Datensatznummer, nicht die externe Objektnummer), oder die Rechteprüfung berücksichtigt hier auch die Veröffentlichung (das ist nicht dokumentiert).`,
            `${other.join(', ')}: no read right — or the id does not exist (the record number counts, not the external object number), or the rights check takes publication into account here too (this is not documented).`,
          )
        : L(`${other.join(', ')}: Der Grund ließ sich nicht prüfen.`, `${other.join(', ')}: the reason could not be checked.`),
    );
  }
  return make('publish:expected', {
    status: 'fail',
    heuristic: true,
    title: L(`${invisible.length} von ${asked} erwarteten Immobilien unsichtbar`, `${invisible.length} of ${asked} expected properties invisible`),
    explanation: join(...parts),
    fix: L(
      `Immobilie veröffentlichen (${ESTATE_PUBLISH_PATH.de}) oder ${ONLY_PUBLISHED_RIGHT.de} entfernen; sonst ${RIGHTS_PATH.de}: „Immobilie lesen“ auf „alle“. ${CACHE_HINT.de}`,
      `Publish the property (${ESTATE_PUBLISH_PATH.en}) or remove ${ONLY_PUBLISHED_RIGHT.en}; otherwise ${RIGHTS_PATH.en}: "read property" to "all". ${CACHE_HINT.en}`,
    ),
    evidence,
  });
}

const MAILBOX_FIX = L(`${MAILBOX_PATH.de}. Das Postfach muss aktiv sein; ein deaktiviertes Postfach versendet nichts.`, `${MAILBOX_PATH.en}. The mailbox must be active; a deactivated mailbox sends nothing.`);

/** Mailbox without a mail test: the emailInfo heuristic, or skipped without an identity. */
function mailboxHeuristicFinding(input: PlanInput, probes: Probes): Finding {
  if (!input.mail) {
    return make('mailbox', {
      status: 'skipped',
      title: L('Postfach nicht geprüft', 'Mailbox not checked'),
      explanation: L('Für die Prüfung wird die Absenderadresse (E-Mail-Identität) eines Postfachs gebraucht; es wurde keine angegeben.', 'The check needs the sender address (e-mail identity) of a mailbox; none was given.'),
      fix: L(`Absenderadresse angeben. Zuweisung prüfen: ${MAILBOX_PATH.de}.`, `Give the sender address. Check the assignment: ${MAILBOX_PATH.en}.`),
    });
  }
  const o = probe(probes, 'emailinfo');
  const evidence = evidenceOf(o);
  const heuristicNote = L(
    'Ohne Ihre Zustimmung wurde keine Test-E-Mail verschickt; geprüft wurde nur per emailInfo, ob die Identität dem API-Benutzer gehört. Das ist eine Schlussfolgerung – nur eine echte Test-E-Mail gibt Gewissheit.',
    'Without your consent no test mail was sent; only emailInfo was asked whether the identity belongs to the API user. That is an inference — only a real test mail gives certainty.',
  );
  const inactive = okResult(o)?.records.some((rec) => {
    const active = (rec.elements as Record<string, unknown> | null)?.active;
    return active === '0' || active === 0 || active === false;
  });
  if (inactive) {
    return make('mailbox', {
      status: 'fail',
      heuristic: true,
      title: L('Postfach vermutlich deaktiviert', 'Mailbox probably deactivated'),
      explanation: join(L('emailInfo kennt die Identität, meldet das Postfach aber als inaktiv. Ein deaktiviertes Postfach versendet nichts.', 'emailInfo knows the identity but reports the mailbox as inactive. A deactivated mailbox sends nothing.'), heuristicNote),
      fix: L('Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → aktivieren → Speichern.', 'Extras → Settings → Basic settings → E-mail → open the mailbox → activate → save.'),
      evidence,
    });
  }
  if (o.state === 'ok' && o.result.records.length > 0) {
    return make('mailbox', { status: 'pass', heuristic: true, title: L('Postfach vermutlich zugewiesen', 'Mailbox probably assigned'), explanation: join(L('emailInfo kennt die Identität.', 'emailInfo knows the identity.'), heuristicNote), evidence });
  }
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'warn',
      heuristic: true,
      title: L('Postfach nicht bestätigt', 'Mailbox not confirmed'),
      explanation: join(L('emailInfo antwortete ohne Datensatz – das Postfach ist womöglich nicht zugewiesen.', 'emailInfo answered with no record — the mailbox may not be assigned.'), heuristicNote),
      fix: MAILBOX_FIX,
      evidence,
    });
  }
  if (o.state === 'failed' && (o.result.errorcode === 50 || o.result.errorcode === 51 || categoryOf(o.result.errorcode) === 'rights')) {
    return make('mailbox', {
      status: 'fail',
      heuristic: true,
      title: L('Postfach vermutlich nicht zugewiesen', 'Mailbox probably not assigned'),
      explanation: join(L(`emailInfo lehnt die Identität ab (${o.result.errorcode}): Sie gehört wohl zu keinem Postfach, das dem API-Benutzer zugewiesen ist.`, `emailInfo rejects the identity (${o.result.errorcode}): it probably belongs to no mailbox assigned to the API user.`), heuristicNote),
      fix: MAILBOX_FIX,
      evidence,
    });
  }
  return make('mailbox', { status: 'unknown', heuristic: true, title: L('Postfach: unbekannt', 'Mailbox: unknown'), explanation: noAnswer(o), evidence });
}

/** The real mail test: codes 50/51/148/211 all stand for a missing or unusable mailbox (§9). */
export function mailTestFinding(o: ProbeOutcome, receiver: string): Finding {
  const evidence = evidenceOf(o);
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'pass',
      title: L('Test-E-Mail verschickt', 'Test mail sent'),
      explanation: L(`onOffice hat die Test-E-Mail an ${receiver} angenommen. Kommt sie nicht an, Spam-Ordner und den Postausgang des Postfachs prüfen.`, `onOffice accepted the test mail to ${receiver}. If it does not arrive, check the spam folder and the mailbox's outbox.`),
      evidence,
    });
  }
  if (o.state === 'failed') {
    const code = o.result.errorcode;
    const e = explainApiError(code, o.result.message);
    if ([50, 51, 148, 211].includes(code)) {
      return make('mailbox', {
        status: 'fail',
        title: L(`Test-E-Mail nicht verschickt (${code})`, `Test mail not sent (${code})`),
        explanation: L(
          `onOffice meldet ${code} („${o.result.message}“). Je nach Installation steht jeder der Codes 50, 51, 148 und 211 für dasselbe: Die Identität gehört zu keinem Postfach, das dem API-Benutzer zugewiesen ist, oder das Postfach ist deaktiviert bzw. kann nicht senden.`,
          `onOffice reports ${code} ("${o.result.message}"). Depending on the installation each of the codes 50, 51, 148 and 211 means the same: the identity belongs to no mailbox assigned to the API user, or the mailbox is deactivated or cannot send.`,
        ),
        fix: MAILBOX_FIX,
        evidence,
      });
    }
    if (categoryOf(code) === 'mail') return make('mailbox', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence });
  }
  return make('mailbox', {
    status: 'unknown',
    title: L('Test-E-Mail: Ausgang unklar', 'Test mail: outcome unclear'),
    explanation: join(noAnswer(o), L('Die Test-E-Mail wird nicht automatisch wiederholt – sie könnte trotzdem verschickt worden sein.', 'The test mail is not repeated automatically — it may have been sent anyway.')),
    evidence,
  });
}

function serverLogFinding(probes: Probes, me: Identity | null): Finding {
  const admin = adminHeld(probes);
  const o = probe(probes, 'log:own');
  if (admin === false) {
    return make('server-log', {
      status: 'info',
      title: L('Serverprotokoll in enterprise einsehen', 'View the server log in enterprise'),
      explanation: L(
        'Über die API ist das Protokoll nur mit dem Admin-Recht lesbar, das dieser API-Benutzer nicht hat (und meist nicht braucht). In enterprise lässt es sich direkt einsehen.',
        'Through the API the log can only be read with the Admin right, which this API user does not hold (and usually does not need). It can be viewed directly in enterprise.',
      ),
      fix: LOG_PATH,
      evidence: evidenceOf(probe(probes, 'log:count')),
    });
  }
  const r = okResult(o);
  if (admin === null || !r || !me) {
    return make('server-log', { status: 'unknown', title: L('Serverprotokoll: unbekannt', 'Server log: unknown'), explanation: noAnswer(admin === null ? probe(probes, 'log:count') : o), fix: LOG_PATH, evidence: evidenceOf(probe(probes, 'log:count'), o) });
  }
  const lines = r.records.slice(0, 5).map((rec) => {
    const e = (rec.elements ?? {}) as Record<string, unknown>;
    return `${String(e.dateTime ?? '')} ${String(e.action ?? '')} ${String(e.module ?? '')} ${String(e.resourceId ?? '')}`.trim();
  });
  const n = countOf(r);
  const note = L(
    'Das Protokoll verzeichnet Datenänderungen; ob auch Lesezugriffe oder fehlgeschlagene Anmeldungen erscheinen, ist nicht dokumentiert.',
    'The log records data changes; whether reads or failed logins appear is not documented.',
  );
  return make('server-log', {
    status: 'info',
    heuristic: n === 0,
    title: L(`${n} Protokolleinträge des API-Benutzers`, `${n} log entries of the API user`),
    explanation: join(L(n > 0 ? `Neueste Einträge von Benutzer #${me.id}: ${lines.join(' | ')}.` : `Keine Einträge von Benutzer #${me.id}.`, n > 0 ? `Latest entries of user #${me.id}: ${lines.join(' | ')}.` : `No entries of user #${me.id}.`), note),
    fix: LOG_PATH,
    evidence: evidenceOf(o),
  });
}

/** Every finding after batch 2, except the mail test's. */
export function probeFindings(input: PlanInput, probes: Probes): Finding[] {
  const me = identityOf(probe(probes, 'me'));
  const u = input.useCase;
  const out: Finding[] = [identityFinding(probes)];
  const seen = new Set<string>();
  for (const req of [...u.required, ...u.optional]) {
    const k = rightKey(req);
    if (seen.has(k)) continue;
    seen.add(k);
    const f = rightFinding(req, probes, me);
    // An optional right that is missing is worth knowing, not a failure.
    out.push(u.optional.includes(req) && f.status === 'fail' ? { ...f, status: 'warn' } : f);
  }
  if (u.admin) out.push(adminFinding(probes));
  out.push(excessFinding(input, probes));
  if (u.publish.estates) out.push(publishFinding('estates', input, probes));
  if (u.publish.addresses) out.push(publishFinding('addresses', input, probes));
  if (u.publish.pictures) out.push(picturesFinding(probes));
  if (input.expectEstates.length > 0) out.push(expectedFinding(input, probes));
  if ((u.mail === 'required' || input.mail !== null) && !wantsMailTest(input)) out.push(mailboxHeuristicFinding(input, probes));
  out.push(serverLogFinding(probes, me));
  return out;
}
