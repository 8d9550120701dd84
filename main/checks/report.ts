/**
 * A run as a report: Markdown, and self-contained printable HTML (inline CSS, no scripts, every value escaped).
 * Every text comes from the catalogue in the report's language, so a stored run reports in the language chosen
 * now. Reports carry findings and evidence only — never a token or secret — and name the profile, the customer
 * and the endpoint, times in the reader's local time.
 */
import { render, translate, type Language } from '../domain/i18n/index.ts';
import type { MessageKey } from '../domain/i18n/catalogue.ts';
import { useCaseTitle } from '../domain/usecases.ts';
import type { CheckRun, Finding, FindingStatus, FixWhere } from './types.ts';

export type Lang = Language;

/** Who the run was for: the profile's name and customer, and the time zone to show times in. */
export interface ReportContext {
  profileLabel?: string;
  customer?: string;
  /** An IANA time zone (e.g. `Europe/Berlin`); the computer's own when absent. */
  timeZone?: string;
}

export const STATUS_MARK: Readonly<Record<FindingStatus, string>> = {
  pass: '✓',
  fail: '✗',
  warn: '⚠',
  unknown: '?',
  info: 'i',
  skipped: '–',
};

const t = (lang: Lang, key: MessageKey, values?: Readonly<Record<string, string | number>>): string => translate(lang, key, values);
const status = (lang: Lang, s: FindingStatus): string => t(lang, `report.status.${s}`);
/** Runs stored before `fixWhere` existed had every fix in enterprise. */
const fixLabel = (lang: Lang, f: Finding): string => t(lang, `fix.where.${f.fixWhere ?? ('enterprise' satisfies FixWhere)}`);

/** Date and time as the reader's clock shows them, in the report's language. */
export function localDateTime(lang: Lang, iso: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** Evidence as one line: the request in words and as sent, code and message, exchange and journal ids. */
export function evidenceLine(f: Finding, lang: Lang): string {
  const e = f.evidence;
  const parts: string[] = [];
  if (e.requestText) parts.push(render(lang, e.requestText));
  if (e.request) parts.push(e.request);
  if (e.code !== undefined) parts.push(`${t(lang, 'report.code')} ${e.code}${e.message ? ` (${e.message})` : ''}`);
  else if (e.message) parts.push(e.message);
  if (e.journalIds?.length) parts.push(`${t(lang, 'report.journal')} #${e.journalIds.join(', #')}`);
  if (e.exchangeIds?.length) parts.push(`${t(lang, 'report.exchanges')} ${e.exchangeIds.join(', ')}`);
  return parts.join(' · ');
}

/** Failures outrank an open result; a run without either is fine. */
const verdict = (run: CheckRun, lang: Lang): string =>
  t(lang, run.ok ? 'report.ok' : run.summary.fail === 0 && (run.inconclusive ?? 0) > 0 ? 'report.inconclusive' : 'report.notOk');

/** The title of the finding naming this one's cause, if any. */
const causeTitle = (run: CheckRun, f: Finding, lang: Lang): string | null => {
  const cause = f.causedBy ? run.findings.find((c) => c.id === f.causedBy) : undefined;
  return cause ? render(lang, cause.title) : null;
};

const summaryLine = (run: CheckRun, lang: Lang): string =>
  (Object.keys(STATUS_MARK) as FindingStatus[])
    .filter((s) => run.summary[s] > 0)
    .map((s) => `${STATUS_MARK[s]} ${run.summary[s]} ${status(lang, s)}`)
    .join(', ');

/** The facts at the top of a report, label and value; the profile and customer only when known. */
function facts(run: CheckRun, lang: Lang, context: ReportContext): [string, string][] {
  const rows: [string, string][] = [];
  if (context.profileLabel) rows.push([t(lang, 'report.profile'), context.profileLabel]);
  if (context.customer) rows.push([t(lang, 'report.customer'), context.customer]);
  rows.push(
    [t(lang, 'report.useCase'), render(lang, useCaseTitle(run.useCase))],
    [t(lang, 'report.endpoint'), run.endpointHost],
    [t(lang, 'report.started'), localDateTime(lang, run.startedAt, context.timeZone)],
    [t(lang, 'report.finished'), localDateTime(lang, run.finishedAt, context.timeZone)],
    [t(lang, 'report.requests'), String(run.requests)],
    [t(lang, 'report.result'), `${verdict(run, lang)} (${summaryLine(run, lang)})`],
  );
  return rows;
}

/** Markdown special characters in free text (server messages, ids) would otherwise change the layout. */
const md = (text: string): string => text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');

export function renderMarkdown(run: CheckRun, lang: Lang, context: ReportContext = {}): string {
  const lines = [`# ${t(lang, 'report.title')}`, '', ...facts(run, lang, context).map(([k, v]) => `- ${k}: ${md(v)}`), ''];
  for (const f of run.findings) {
    const meta = [status(lang, f.status), ...(f.heuristic ? [t(lang, 'report.heuristic')] : [])].join(' · ');
    lines.push(`## ${STATUS_MARK[f.status]} ${md(render(lang, f.title))}`, '', meta, '', md(render(lang, f.explanation)), '');
    const cause = causeTitle(run, f, lang);
    if (cause) lines.push(`*${t(lang, 'report.causedBy')}:* ${md(cause)}`, '');
    if (f.fix) lines.push(`**${fixLabel(lang, f)}:** ${md(render(lang, f.fix))}`, '');
    const ev = evidenceLine(f, lang);
    if (ev) lines.push(`*${t(lang, 'report.evidence')}:* ${md(ev)}`, '');
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

/** A finding's anchor: its id with safe characters only (ids hold `:`). */
const anchor = (id: string): string => `finding-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function renderHtml(run: CheckRun, lang: Lang, context: ReportContext = {}): string {
  const h = escapeHtml;
  const sections = run.findings.map((f) => {
    const ev = evidenceLine(f, lang);
    const cause = causeTitle(run, f, lang);
    return [
      `<section id="${h(anchor(f.id))}" class="${f.status}">`,
      `<h2><span aria-label="${h(status(lang, f.status))}">${STATUS_MARK[f.status]}</span> ${h(render(lang, f.title))}</h2>`,
      `<p class="meta">${h(status(lang, f.status))}${f.heuristic ? ` · <span class="heuristic">${h(t(lang, 'report.heuristic'))}</span>` : ''}</p>`,
      `<p>${h(render(lang, f.explanation))}</p>`,
      cause ? `<p class="cause">${h(t(lang, 'report.causedBy'))}: ${h(cause)}</p>` : '',
      f.fix ? `<p class="fix"><strong>${h(fixLabel(lang, f))}:</strong> ${h(render(lang, f.fix))}</p>` : '',
      ev ? `<p class="evidence">${h(t(lang, 'report.evidence'))}: ${h(ev)}</p>` : '',
      '</section>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  const who = context.profileLabel ? ` – ${context.profileLabel}` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    // No scripts and no external loads: the report is a document, safe to open and print anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(t(lang, 'report.title'))}${h(who)} – ${h(run.endpointHost)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(t(lang, 'report.title'))}</h1>`,
    `<dl>${facts(run, lang, context).map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`,
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Lower case ASCII letters, digits and single dashes; German umlauts spelt out. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The report's file name: `<profile>-<use case>-<local date-time>.<ext>`, e.g.
 * `buero-mueller-website-2026-12-02-1530.md` — safe characters only, and two reports of one day apart.
 */
export function reportFileName(run: Pick<CheckRun, 'useCase' | 'startedAt'>, profileLabel: string, ext: 'md' | 'html', timeZone?: string): string {
  const at = Date.parse(run.startedAt);
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(Number.isNaN(at) ? 0 : at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  const when = `${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}`;
  const name = [slug(profileLabel) || 'profile', slug(run.useCase) || 'check', when].join('-');
  return `${name}.${ext}`;
}
