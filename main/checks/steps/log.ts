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
import { L } from '../types.ts';
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
      title: L('Serverprotokoll in enterprise einsehen', 'View the server log in enterprise'),
      explanation: L(
        'Marketplace-API-Benutzer dürfen das Protokoll nicht über die API lesen (240). Der Kunde kann es in enterprise einsehen.',
        'Marketplace API users may not read the log through the API (240). The customer can view it in enterprise.',
      ),
      fix: LOG_PATH,
      evidence: evidenceOf(count),
    });
  }
  if (admin === false) {
    return make('server-log', {
      status: 'info',
      title: L('Serverprotokoll in enterprise einsehen', 'View the server log in enterprise'),
      explanation: L(
        'Über die API ist das Protokoll nur mit dem Admin-Recht lesbar, das dieser API-Benutzer nicht hat (und meist nicht braucht). In enterprise lässt es sich direkt einsehen.',
        'Through the API the log can only be read with the Admin right, which this API user does not hold (and usually does not need). It can be viewed directly in enterprise.',
      ),
      fix: LOG_PATH,
      evidence: evidenceOf(count),
    });
  }
  const r = okResult(o);
  if (admin === null || !r) {
    return make('server-log', { status: 'unknown', title: L('Serverprotokoll: unbekannt', 'Server log: unknown'), explanation: noAnswer(admin === null ? count : o), evidence: evidenceOf(count, o) });
  }
  const n = countOf(r);
  const lines = newestEntries(probes, SHOWN).map((l) => l.text);
  const whose = me ? L(`von Benutzer #${me.id}`, `of user #${me.id}`) : L('aller Benutzer (der API-Benutzer ist nicht ermittelt)', 'of all users (the API user is not identified)');
  const note = L(
    'Das Protokoll verzeichnet Datenänderungen; ob auch Lesezugriffe oder fehlgeschlagene Anmeldungen erscheinen, ist nicht dokumentiert.',
    'The log records data changes; whether reads or failed logins appear is not documented.',
  );
  return make('server-log', {
    status: 'info',
    heuristic: n === 0,
    title: L(`${n} Protokolleinträge in ${LOG_WINDOW_DAYS} Tagen`, `${n} log entries in ${LOG_WINDOW_DAYS} days`),
    explanation: join(
      n > 0
        ? L(`Neueste Einträge ${whose.de}: ${lines.join(' | ')}.`, `Latest entries ${whose.en}: ${lines.join(' | ')}.`)
        : L(`Keine Einträge ${whose.de} in den letzten ${LOG_WINDOW_DAYS} Tagen.`, `No entries ${whose.en} in the last ${LOG_WINDOW_DAYS} days.`),
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
