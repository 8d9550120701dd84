/**
 * A run as a report: Markdown, and self-contained printable HTML (inline CSS, no scripts, every value escaped).
 * Reports carry findings and evidence only — never a token or secret.
 */
import type { CheckRun, Finding, FindingStatus } from './types.ts';

export type Lang = 'de' | 'en';

export const STATUS_MARK: Readonly<Record<FindingStatus, string>> = {
  pass: '✓',
  fail: '✗',
  warn: '⚠',
  unknown: '?',
  info: 'i',
  skipped: '–',
};

const STATUS_LABEL: Readonly<Record<FindingStatus, { de: string; en: string }>> = {
  pass: { de: 'in Ordnung', en: 'pass' },
  fail: { de: 'Fehler', en: 'fail' },
  warn: { de: 'Warnung', en: 'warning' },
  unknown: { de: 'unbekannt', en: 'unknown' },
  info: { de: 'Hinweis', en: 'info' },
  skipped: { de: 'nicht geprüft', en: 'skipped' },
};

const T = {
  title: { de: 'Prüfbericht API-Benutzer', en: 'API user check report' },
  useCase: { de: 'Einsatzzweck', en: 'Use case' },
  endpoint: { de: 'Endpunkt', en: 'Endpoint' },
  started: { de: 'Beginn', en: 'Started' },
  finished: { de: 'Ende', en: 'Finished' },
  requests: { de: 'HTTP-Anfragen', en: 'HTTP requests' },
  result: { de: 'Ergebnis', en: 'Result' },
  ok: { de: 'Kein Fehler gefunden', en: 'No failure found' },
  notOk: { de: 'Fehler gefunden', en: 'Failures found' },
  inconclusive: { de: 'Ergebnis offen: nötige Prüfungen blieben ohne Antwort', en: 'Inconclusive: required checks stayed without an answer' },
  causedBy: { de: 'Gleiche Ursache wie', en: 'Same cause as' },
  fix: { de: 'Behebung', en: 'Fix' },
  evidence: { de: 'Nachweis', en: 'Evidence' },
  heuristic: { de: 'Schlussfolgerung (nicht sicher belegt)', en: 'Heuristic (inferred, not certain)' },
  code: { de: 'Code', en: 'code' },
  exchanges: { de: 'Austausch', en: 'exchanges' },
  journal: { de: 'Journal', en: 'journal' },
};

/** Evidence as one line: request, code and message, exchange and journal ids. */
export function evidenceLine(f: Finding, lang: Lang): string {
  const e = f.evidence;
  const parts: string[] = [];
  if (e.request) parts.push(e.request);
  if (e.code !== undefined) parts.push(`${T.code[lang]} ${e.code}${e.message ? ` (${e.message})` : ''}`);
  else if (e.message) parts.push(e.message);
  if (e.journalIds?.length) parts.push(`${T.journal[lang]} #${e.journalIds.join(', #')}`);
  if (e.exchangeIds?.length) parts.push(`${T.exchanges[lang]} ${e.exchangeIds.join(', ')}`);
  return parts.join(' · ');
}

/** Failures outrank an open result; a run without either is fine. */
const verdict = (run: CheckRun, lang: Lang): string =>
  run.ok ? T.ok[lang] : run.summary.fail === 0 && (run.inconclusive ?? 0) > 0 ? T.inconclusive[lang] : T.notOk[lang];

/** The title of the finding naming this one's cause, if any. */
const causeTitle = (run: CheckRun, f: Finding, lang: Lang): string | null => {
  const cause = f.causedBy ? run.findings.find((c) => c.id === f.causedBy) : undefined;
  return cause ? cause.title[lang] : null;
};

const summaryLine = (run: CheckRun, lang: Lang): string =>
  (Object.keys(STATUS_MARK) as FindingStatus[])
    .filter((s) => run.summary[s] > 0)
    .map((s) => `${STATUS_MARK[s]} ${run.summary[s]} ${STATUS_LABEL[s][lang]}`)
    .join(', ');

/** Markdown special characters in free text (server messages, ids) would otherwise change the layout. */
const md = (text: string): string => text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');

export function renderMarkdown(run: CheckRun, lang: Lang): string {
  const lines = [
    `# ${T.title[lang]}`,
    '',
    `- ${T.useCase[lang]}: ${md(run.useCase)}`,
    `- ${T.endpoint[lang]}: ${md(run.endpointHost)}`,
    `- ${T.started[lang]}: ${run.startedAt}`,
    `- ${T.finished[lang]}: ${run.finishedAt}`,
    `- ${T.requests[lang]}: ${run.requests}`,
    `- ${T.result[lang]}: ${verdict(run, lang)} (${summaryLine(run, lang)})`,
    '',
  ];
  for (const f of run.findings) {
    lines.push(`## ${STATUS_MARK[f.status]} ${md(f.title[lang])}`, '', `\`${f.id}\` · ${STATUS_LABEL[f.status][lang]}${f.heuristic ? ` · ${T.heuristic[lang]}` : ''}`, '', md(f.explanation[lang]), '');
    const cause = causeTitle(run, f, lang);
    if (cause) lines.push(`*${T.causedBy[lang]}:* ${md(cause)}`, '');
    if (f.fix) lines.push(`**${T.fix[lang]}:** ${md(f.fix[lang])}`, '');
    const ev = evidenceLine(f, lang);
    if (ev) lines.push(`*${T.evidence[lang]}:* ${md(ev)}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1.5rem}
dt{color:#555}dd{margin:0}
section{border:1px solid #d0d0d5;border-left-width:6px;border-radius:4px;padding:.6rem .9rem;margin:0 0 .8rem;break-inside:avoid;page-break-inside:avoid}
section.pass{border-left-color:#2e7d32}section.fail{border-left-color:#c62828}section.warn{border-left-color:#ef8f00}
section.unknown{border-left-color:#6a5acd}section.info{border-left-color:#1565c0}section.skipped{border-left-color:#9e9e9e}
h2{font-size:1.05rem;margin:0 0 .3rem}
.meta{color:#555;font-size:.85rem;margin:0 0 .4rem}
.heuristic{background:#fff4d6;border-radius:3px;padding:0 .3rem}
.fix{margin:.4rem 0 0}.evidence{color:#555;font-size:.85rem;margin:.4rem 0 0;overflow-wrap:anywhere}
code{font-family:ui-monospace,Menlo,Consolas,monospace}
@media print{body{margin:0;max-width:none;font-size:11pt}section{border-color:#999}}
`;

export function renderHtml(run: CheckRun, lang: Lang): string {
  const h = escapeHtml;
  const rows: [string, string][] = [
    [T.useCase[lang], run.useCase],
    [T.endpoint[lang], run.endpointHost],
    [T.started[lang], run.startedAt],
    [T.finished[lang], run.finishedAt],
    [T.requests[lang], String(run.requests)],
    [T.result[lang], `${verdict(run, lang)} (${summaryLine(run, lang)})`],
  ];
  const sections = run.findings.map((f) => {
    const ev = evidenceLine(f, lang);
    const cause = causeTitle(run, f, lang);
    return [
      `<section class="${f.status}">`,
      `<h2><span aria-label="${h(STATUS_LABEL[f.status][lang])}">${STATUS_MARK[f.status]}</span> ${h(f.title[lang])}</h2>`,
      `<p class="meta"><code>${h(f.id)}</code> · ${h(STATUS_LABEL[f.status][lang])}${f.heuristic ? ` · <span class="heuristic">${h(T.heuristic[lang])}</span>` : ''}</p>`,
      `<p>${h(f.explanation[lang])}</p>`,
      cause ? `<p class="cause">${h(T.causedBy[lang])}: ${h(cause)}</p>` : '',
      f.fix ? `<p class="fix"><strong>${h(T.fix[lang])}:</strong> ${h(f.fix[lang])}</p>` : '',
      ev ? `<p class="evidence">${h(T.evidence[lang])}: ${h(ev)}</p>` : '',
      '</section>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    // No scripts and no external loads: the report is a document, safe to open and print anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(T.title[lang])} – ${h(run.endpointHost)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(T.title[lang])}</h1>`,
    `<dl>${rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`,
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
