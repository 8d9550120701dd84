/**
 * Step: connection, credentials as the server judges them, clock and identity. The gate decides from the first
 * request whether anything else can be checked; identity names the API user the requests run as.
 */
import type { CallError } from '../../onoffice/client.ts';
import { CLOCK_WINDOW_SECONDS, categoryOf, explainApiError, explainTransportError, type ErrorContext } from '../../onoffice/errors.ts';
import {
  SHARED,
  evidenceOf,
  identityOf,
  join,
  make,
  noAnswer,
  okResult,
  probe,
  refsEvidence,
  type PlanInput,
  type Probe,
  type ProbeOutcome,
  type Probes,
  type Refs,
  type StepFinding,
} from '../probes.ts';
import { FROM_THIS_COMPUTER, IP_FROM_THIS_COMPUTER, topicOf } from '../texts.ts';
import { L, type Localized } from '../types.ts';
import type { FormatResult } from './credentials.ts';
import { formatFinding } from './credentials.ts';
import type { Step } from './step.ts';

export const HEALTH: Probe = {
  key: 'health',
  request: 'read basicsettings',
  spec: { kind: 'read', resourcetype: 'basicsettings', parameters: { data: { basicData: { characteristicsCi: ['color'] } } } },
};
const IMPRESSUM: Probe = { key: 'impressum', request: 'read impressum', spec: { kind: 'read', resourcetype: 'impressum', parameters: { language: 'DEU' } } };

export interface FirstCall {
  ok: boolean;
  error: CallError | null;
  clockOffsetSeconds: number | null;
  refs: Refs;
}

export interface Gate {
  findings: StepFinding[];
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
const BLOCKED_BY_SERVER = L(
  'Nicht geprüft: Der Server hat jede Aktion mit einem Serverfehler beantwortet.',
  'Not checked: the server answered every action with a server error.',
);

export const skipped = (id: string, reason: Localized, refs: Refs | null = null): StepFinding =>
  make(id, { status: 'skipped', title: L(`${topicOf(id).de}: nicht geprüft`, `${topicOf(id).en}: not checked`), explanation: reason, evidence: refsEvidence(refs) });

export function clockFinding(offset: number | null, saw136: boolean, refs: Refs | null): StepFinding {
  const explained = explainApiError(136, '', { clockOffsetSeconds: offset });
  const evidence = refsEvidence(refs, offset === null ? {} : { message: `clock offset ${offset} s (server minus local)` });
  if (saw136) {
    return make('clock', {
      status: 'fail',
      title: L('Uhrzeit weicht zu stark ab (136)', 'Clock is off too far (136)'),
      explanation: join(explained.explanation, FROM_THIS_COMPUTER),
      fix: explained.fix,
      evidence: { ...evidence, code: 136 },
    });
  }
  if (offset === null) {
    return make('clock', {
      status: 'unknown',
      heuristic: true,
      title: L('Uhrzeit nicht messbar', 'Clock could not be measured'),
      explanation: join(L('Die Antwort enthielt keinen verwertbaren Date-Header; die Abweichung dieser Uhr ist unbekannt.', 'The answer carried no usable Date header; the offset of this clock is unknown.'), FROM_THIS_COMPUTER),
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
      explanation: join(explained.explanation, L('Der Server hat die Anfragen trotzdem angenommen; womöglich stammt die Zeitangabe von einem Proxy.', 'The server accepted the requests anyway; the time may come from a proxy.'), FROM_THIS_COMPUTER),
      fix: explained.fix,
      evidence,
    });
  }
  if (abs > CLOCK_WINDOW_SECONDS / 2) {
    return make('clock', {
      status: 'warn',
      title: L(`Uhrzeit weicht ${abs} s ab – nahe an der Grenze`, `Clock is off by ${abs} s — close to the limit`),
      explanation: join(
        L(
          `onOffice akzeptiert höchstens ±${CLOCK_WINDOW_SECONDS} s. Noch klappt es, aber eine weiter abdriftende Uhr führt bald zu Fehler 136.`,
          `onOffice accepts at most ±${CLOCK_WINDOW_SECONDS} s. It still works, but a clock drifting further will soon cause error 136.`,
        ),
        FROM_THIS_COMPUTER,
      ),
      fix: explained.fix,
      evidence,
    });
  }
  return make('clock', {
    status: 'pass',
    title: L('Uhrzeit stimmt (auf diesem Computer)', 'Clock is right (on this computer)'),
    explanation: join(L(`Abweichung zur Serverzeit: ${offset} s (erlaubt sind ±${CLOCK_WINDOW_SECONDS} s).`, `Offset to server time: ${offset} s (±${CLOCK_WINDOW_SECONDS} s allowed).`), FROM_THIS_COMPUTER),
    evidence,
  });
}

const BLOCKING = new Set(['credentials', 'marketplace']);

/** Whether an action's failure is the server's own (unknown error, 500): it says nothing about the setup. */
const isServerFailure = (o: ProbeOutcome): boolean => o.state === 'failed' && categoryOf(o.result.errorcode) === 'server';

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
    explanation: join(L(`${endpointHost} hat mit einer API-Antwort geantwortet.`, `${endpointHost} answered with an API answer.`), IP_FROM_THIS_COMPUTER),
    evidence: refsEvidence(first.refs, { request: HEALTH.request }),
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
  if (successes === 0 && outcomes.length > 0 && outcomes.every(isServerFailure)) {
    // Every action failed with the server's own error: the setup cannot be judged, the server is the problem.
    const f = failures[0] as (typeof failures)[number];
    const e = explainApiError(f.errorcode, f.message, ctx);
    return {
      findings: [
        make('credentials', {
          status: 'unknown',
          title: L('Zugangsdaten nicht bestätigt', 'Credentials not confirmed'),
          explanation: noAnswer(outcomes[0] as ProbeOutcome),
          evidence: refsEvidence(first.refs, { code: f.errorcode, message: f.message }),
        }),
        make('connection', {
          status: 'fail',
          title: L(`Server beantwortet jede Aktion mit Fehler ${f.errorcode}`, `The server answers every action with error ${f.errorcode}`),
          explanation: e.explanation,
          fix: e.fix,
          evidence: refsEvidence(first.refs, { code: f.errorcode, message: f.message }),
        }),
        clockFinding(offset, false, first.refs),
      ],
      blocked: BLOCKED_BY_SERVER,
    };
  }
  const accepted = L('onOffice hat die signierten Anfragen angenommen.', 'onOffice accepted the signed requests.');
  return {
    findings: [
      make('credentials', {
        status: fmt ? 'warn' : 'pass',
        title: L('Token und Secret werden angenommen', 'Token and secret are accepted'),
        explanation: fmt ? join(accepted, fmt.explanation) : accepted,
        fix: fmt?.fix ?? null,
        evidence: refsEvidence(first.refs),
      }),
      connectionOk,
      clockFinding(offset, clockFailure !== undefined, first.refs),
    ],
    blocked: null,
  };
}

export function blockedFindings(ids: readonly string[], reason: Localized): StepFinding[] {
  return ids.map((id) => skipped(id, reason));
}

function identityFinding(probes: Probes): StepFinding {
  const me = probe(probes, 'me');
  const who = identityOf(me);
  const imprint = okResult(probe(probes, 'impressum'))?.records[0]?.elements;
  const firm = imprint && typeof imprint === 'object' && !Array.isArray(imprint) ? (imprint as Record<string, unknown>).firma : undefined;
  const listed = okResult(me)?.records.length ?? 0;
  if (!who) {
    return make('identity', {
      status: 'unknown',
      heuristic: listed > 1,
      title: L('API-Benutzer nicht ermittelt', 'API user not identified'),
      explanation:
        listed > 1
          ? L(
              `Die Abfrage der eigenen Benutzerdaten (get users, onlyOwn) lieferte ${listed} Benutzer statt einem; welcher davon der API-Benutzer ist, lässt sich so nicht sagen. Rechte und Veröffentlichung werden trotzdem vollständig geprüft – sie brauchen die Benutzer-Id nicht.`,
              `Asking for the own user (get users, onlyOwn) returned ${listed} users instead of one, so which of them is the API user cannot be told. Rights and publishing are still checked in full — they do not need the user id.`,
            )
          : noAnswer(me),
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

export const connectionStep: Step = {
  name: 'connection',
  findingIds: () => ['identity'],
  firstBatch: () => [HEALTH, IMPRESSUM, SHARED.me],
  secondBatch: (_input: PlanInput, probes: Probes) => {
    const me = identityOf(probe(probes, 'me'));
    if (!me) return [];
    return [
      {
        key: 'user:self',
        request: `read user ${me.id}`,
        spec: { kind: 'read', resourcetype: 'user', resourceid: String(me.id), parameters: { data: ['Nr', 'Name', 'Vorname', 'Nachname', 'email'] } },
      },
    ];
  },
  findings: (_input, probes) => [identityFinding(probes)],
};
