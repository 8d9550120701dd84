/**
 * Step: the server log. Readable through the API only with Admin; `listlimit` is mandatory and no sort order is
 * documented, so recent entries come from a date window, sorted here by their time (newest first).
 */
import {
  SHARED,
  countOf,
  evidenceOf,
  identityOf,
  join,
  make,
  noAnswer,
  okResult,
  probe,
  type PlanInput,
  type Probe,
  type Probes,
  type StepFinding,
} from '../probes.ts';
import { LOG_PATH } from '../texts.ts';
import { T } from '../../domain/i18n/index.ts';
import { MARKETPLACE_CLOSED, adminHeld } from './rights.ts';
import type { Step } from './step.ts';

/** The window the log probe reads, and the most entries one read returns (§6). */
export const LOG_WINDOW_DAYS = 30;
const LOG_LIMIT = 500;
const SHOWN = 5;

/** `YYYY-MM-DD HH:mm:ss`, the log's dateTime format (UTC here: a few hours' zone offset do not matter to the window). */
export const logDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function recentLogProbe(input: PlanInput, userId: number | null): Probe {
  const since = logDateTime(input.now - LOG_WINDOW_DAYS * 86_400_000);
  return {
    key: 'log:recent',
    request: `read log (${userId === null ? 'all users' : `user ${userId}`}, dateTime >= ${since}, listlimit ${LOG_LIMIT})`,
    spec: {
      kind: 'read',
      resourcetype: 'log',
      parameters: { listlimit: LOG_LIMIT, filter: { dateTime: [{ op: '>=', val: since }] }, ...(userId === null ? {} : { user: userId }) },
    },
  };
}

interface LogLine {
  dateTime: string;
  text: string;
}

/** Entries newest first, whatever order the server sent them in. */
export function newestEntries(probes: Probes, n: number): LogLine[] {
  const r = okResult(probe(probes, 'log:recent'));
  const lines = (r?.records ?? []).map((rec) => {
    const e = (rec.elements ?? {}) as Record<string, unknown>;
    const dateTime = String(e.dateTime ?? '');
    return { dateTime, text: `${dateTime} ${String(e.action ?? '')} ${String(e.module ?? '')} ${String(e.resourceId ?? '')}`.trim() };
  });
  return lines.sort((a, b) => (a.dateTime < b.dateTime ? 1 : a.dateTime > b.dateTime ? -1 : 0)).slice(0, n);
}

function serverLogFinding(probes: Probes): StepFinding {
  const admin = adminHeld(probes);
  const count = probe(probes, SHARED.logCount.key);
  const o = probe(probes, 'log:recent');
  const me = identityOf(probe(probes, SHARED.me.key));
  if (count.state === 'failed' && count.result.errorcode === MARKETPLACE_CLOSED) {
    return make('server-log', {
      status: 'info',
      title: T('finding.log.view-the-server-log-in-enterprise'),
      explanation: T('finding.log.marketplace-api-users-may-not-read'),
      fix: LOG_PATH,
      evidence: evidenceOf(count),
    });
  }
  if (admin === false) {
    return make('server-log', {
      status: 'info',
      title: T('finding.log.view-the-server-log-in-enterprise'),
      explanation: T('finding.log.through-the-api-the-log-can'),
      fix: LOG_PATH,
      evidence: evidenceOf(count),
    });
  }
  const r = okResult(o);
  if (admin === null || !r) {
    return make('server-log', { status: 'unknown', title: T('finding.log.server-log-unknown'), explanation: noAnswer(admin === null ? count : o), evidence: evidenceOf(count, o) });
  }
  const n = countOf(r);
  const lines = newestEntries(probes, SHOWN).map((l) => l.text);
  const whose = me ? T('finding.log.of-user-id', { id: me.id }) : T('finding.log.of-all-users-the-api-user');
  const note = T('finding.log.note');
  return make('server-log', {
    status: 'info',
    heuristic: n === 0,
    title: T('finding.log.n-log-entries-in-logwindowdays-days', { n, logWindowDays: LOG_WINDOW_DAYS }),
    explanation: join(
      n > 0
        ? T('finding.log.latest-entries-whose-lines', { whose, lines: lines.join(' | ') })
        : T('finding.log.no-entries-whose-in-the-last', { whose, logWindowDays: LOG_WINDOW_DAYS }),
      note,
    ),
    fix: LOG_PATH,
    evidence: evidenceOf(o),
  });
}

export const logStep: Step = {
  name: 'log',
  findingIds: () => ['server-log'],
  firstBatch: () => [SHARED.me, SHARED.logCount],
  secondBatch: (input, probes) => (okResult(probe(probes, SHARED.logCount.key)) ? [recentLogProbe(input, identityOf(probe(probes, SHARED.me.key))?.id ?? null)] : []),
  findings: (_input, probes) => [serverLogFinding(probes)],
};
