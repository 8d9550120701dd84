/**
 * Step: connection, credentials as the server judges them, clock and identity. The gate decides from the first
 * request whether anything else can be checked; identity names the API user the requests run as.
 */
import type { CallError } from '../../onoffice/client.ts';
import { CLOCK_WINDOW_SECONDS, categoryOf, explainApiError, explainTransportError, type ErrorContext, type TransportErrorCode } from '../../onoffice/errors.ts';
import type { FixWhere } from '../types.ts';
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
  requestTextOf,
  type PlanInput,
  type Probe,
  type ProbeOutcome,
  type Probes,
  type Refs,
  type StepFinding,
} from '../probes.ts';
import { FROM_THIS_COMPUTER, IP_FROM_THIS_COMPUTER, topicOf } from '../texts.ts';
import { T, type Text } from '../../domain/i18n/index.ts';
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
  blocked: Text | null;
}

const BLOCKED_BY_CREDENTIALS = T('finding.connection.blocked-by-credentials');
const BLOCKED_BY_CLOCK = T('finding.connection.blocked-by-clock');
const BLOCKED_BY_CONNECTION = T('finding.connection.blocked-by-connection');
const BLOCKED_BY_SERVER = T('finding.connection.blocked-by-server');

export const skipped = (id: string, reason: Text, refs: Refs | null = null): StepFinding =>
  make(id, { status: 'skipped', title: T('finding.connection.topicof-not-checked', { topicOf: topicOf(id) }), explanation: reason, evidence: refsEvidence(refs) });

export function clockFinding(offset: number | null, saw136: boolean, refs: Refs | null): StepFinding {
  const explained = explainApiError(136, '', { clockOffsetSeconds: offset });
  const evidence = refsEvidence(refs, offset === null ? {} : { message: `clock offset ${offset} s (server minus local)` });
  if (saw136) {
    return make('clock', {
      status: 'fail',
      title: T('finding.connection.clock-is-off-too-far-136'),
      explanation: join(explained.explanation, FROM_THIS_COMPUTER),
      fix: explained.fix,
      fixWhere: 'this-computer',
      evidence: { ...evidence, code: 136 },
    });
  }
  if (offset === null) {
    return make('clock', {
      status: 'unknown',
      heuristic: true,
      title: T('finding.connection.clock-could-not-be-measured'),
      explanation: join(T('finding.connection.the-answer-carried-no-usable-date'), FROM_THIS_COMPUTER),
      evidence,
    });
  }
  const abs = Math.abs(offset);
  if (abs > CLOCK_WINDOW_SECONDS) {
    // The server accepted the timestamps anyway: the Date header may come from a proxy, so only warn.
    return make('clock', {
      status: 'warn',
      heuristic: true,
      title: T('finding.connection.clock-is-off-by-abs-s', { abs }),
      explanation: join(explained.explanation, T('finding.connection.the-server-accepted-the-requests-anyway'), FROM_THIS_COMPUTER),
      fix: explained.fix,
      fixWhere: 'this-computer',
      evidence,
    });
  }
  if (abs > CLOCK_WINDOW_SECONDS / 2) {
    return make('clock', {
      status: 'warn',
      title: T('finding.connection.clock-is-off-by-abs-s-2', { abs }),
      explanation: join(
        T('finding.connection.onoffice-accepts-at-most-clockwindowseconds-s', { clockWindowSeconds: CLOCK_WINDOW_SECONDS }),
        FROM_THIS_COMPUTER,
      ),
      fix: explained.fix,
      fixWhere: 'this-computer',
      evidence,
    });
  }
  return make('clock', {
    status: 'pass',
    title: T('finding.connection.clock-is-right-on-this-computer'),
    explanation: join(T('finding.connection.offset-to-server-time-offset-s', { offset, clockWindowSeconds: CLOCK_WINDOW_SECONDS }), FROM_THIS_COMPUTER),
    evidence,
  });
}

const BLOCKING = new Set(['credentials', 'marketplace']);

/**
 * Where a transport failure is fixed: the server's own failures (5xx, an answer that is no API answer) at the
 * server; the endpoint's address in the profile on this computer; everything else in the network between.
 */
export function transportFixWhere(code: TransportErrorCode, httpStatus: number | undefined): FixWhere {
  if (code === 'http-status') return httpStatus !== undefined && httpStatus >= 500 ? 'server' : 'network';
  if (code === 'malformed' || code === 'too-large') return 'server';
  if (code === 'plain-http' || code === 'endpoint-invalid') return 'this-computer';
  return 'network';
}

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
    title: T('finding.connection.connected-to-the-api'),
    explanation: join(T('finding.connection.endpointhost-answered-with-an-api-answer', { endpointHost }), IP_FROM_THIS_COMPUTER),
    evidence: refsEvidence(first.refs, { request: HEALTH.request, requestText: requestTextOf(HEALTH) }),
  });
  const unchecked = (reason: Text) => skipped('credentials', reason, first.refs);

  if (first.error?.kind === 'transport') {
    const e = explainTransportError(first.error.code, { ...ctx, httpStatus: first.error.httpStatus, detail: first.error.message });
    return {
      findings: [
        fmt ?? unchecked(BLOCKED_BY_CONNECTION),
        make('connection', {
          status: 'fail',
          title: e.title,
          explanation: e.explanation,
          fix: e.fix,
          fixWhere: transportFixWhere(first.error.code, first.error.httpStatus),
          evidence: refsEvidence(first.refs, { code: first.error.code, message: first.error.message }),
        }),
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
      findings: [
        unchecked(BLOCKED_BY_CONNECTION),
        make('connection', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, fixWhere: e.category === 'server' ? 'server' : 'enterprise', evidence }),
        clockFinding(offset, false, first.refs),
      ],
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
          title: T('finding.connection.credentials-not-confirmed'),
          explanation: noAnswer(outcomes[0] as ProbeOutcome),
          evidence: refsEvidence(first.refs, { code: f.errorcode, message: f.message }),
        }),
        make('connection', {
          status: 'fail',
          title: T('finding.connection.the-server-answers-every-action-with', { errorcode: f.errorcode }),
          explanation: e.explanation,
          fix: e.fix,
          fixWhere: 'server',
          evidence: refsEvidence(first.refs, { code: f.errorcode, message: f.message }),
        }),
        clockFinding(offset, false, first.refs),
      ],
      blocked: BLOCKED_BY_SERVER,
    };
  }
  const accepted = T('finding.connection.accepted');
  return {
    findings: [
      make('credentials', {
        status: fmt ? 'warn' : 'pass',
        title: T('finding.connection.token-and-secret-are-accepted'),
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

export function blockedFindings(ids: readonly string[], reason: Text): StepFinding[] {
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
      title: T('finding.connection.api-user-not-identified'),
      explanation:
        listed > 1
          ? T('finding.connection.asking-for-the-own-user-get', { listed })
          : noAnswer(me),
      evidence: evidenceOf(me),
    });
  }
  const label = `#${who.id} ${who.userName}${who.name ? ` (${who.name})` : ''}`;
  const office = typeof firm === 'string' && firm !== '' ? T('finding.connection.imprint-firm', { firm }) : join();
  return make('identity', {
    status: 'pass',
    title: T('finding.connection.signed-in-as-api-user-label', { label }),
    explanation: T('finding.connection.the-requests-run-as-api-user', { label, office }),
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
