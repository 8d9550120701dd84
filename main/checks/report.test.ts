import { describe, expect, it } from 'vitest';
import { T } from '../domain/i18n/index.ts';
import { escapeHtml, localDateTime, renderHtml, renderMarkdown, reportFileName, slug } from './report.ts';
import { summarize, type CheckRun, type Finding } from './types.ts';

const evil = '<script>alert("x")</script> & \'q\'';
// Texts as runs stored before the catalogue carried them: both languages.
const findings: Finding[] = [
  {
    id: 'credentials',
    status: 'fail',
    title: { de: `Fehler ${evil}`, en: `Failure ${evil}` },
    explanation: { de: 'Erklärung *fett* | Pipe', en: 'Explanation *bold* | pipe' },
    fix: { de: 'Extras → Einstellungen → Benutzer', en: 'Extras → Settings → User' },
    evidence: { code: 137, message: evil, exchangeIds: ['r:1'], journalIds: [12], request: 'read estate' },
    heuristic: false,
  },
  {
    id: 'publish:estates',
    status: 'info',
    title: { de: 'Nur veröffentlichte', en: 'Only published' },
    explanation: { de: 'Vermutlich.', en: 'Probably.' },
    fix: null,
    evidence: {},
    heuristic: true,
  },
];
const run: CheckRun = {
  id: 'r',
  useCase: 'website',
  endpointHost: 'api.onoffice.de',
  startedAt: '2026-01-02T03:04:05.000Z',
  finishedAt: '2026-01-02T03:04:06.000Z',
  requests: 2,
  ok: false,
  findings,
  summary: summarize(findings),
};
const context = { profileLabel: 'Büro Müller', customer: 'Müller Immobilien GmbH', timeZone: 'Europe/Berlin' };

describe('reports', () => {
  it('HTML is self-contained, printable, escaped and has no scripts', () => {
    const html = renderHtml(run, 'de', context);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="de">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(html).toContain('@media print');
    expect(html).toContain('Schlussfolgerung');
    expect(html).toContain('Journal #12');
    expect(renderHtml(run, 'en', context)).toContain('Extras → Settings → User');
  });

  it('Markdown lists every finding with mark, status, fix and evidence; markup in texts is neutralised', () => {
    const text = renderMarkdown(run, 'en', context);
    expect(text).toContain('# API user check report');
    expect(text).toContain('## ✗ Failure \\<script\\>');
    expect(text).toContain('\nfail\n');
    expect(text).toContain('**Fix in enterprise:** Extras → Settings → User');
    expect(text).toContain('Explanation \\*bold\\* \\| pipe');
    expect(text).toContain('code 137');
    expect(text).toContain('## i Only published');
    expect(text).toContain('Heuristic');
    expect(text).toContain('✗ 1 fail, i 1 info');
  });

  it('a symptom names the finding with its cause; an open run is not reported as failed', () => {
    const linked = findings.map((f) => (f.id === 'publish:estates' ? { ...f, causedBy: 'credentials' } : f));
    const withCause: CheckRun = { ...run, findings: linked };
    expect(renderMarkdown(withCause, 'en')).toContain(`*Same cause as:* Failure \\<script\\>`);
    expect(renderHtml(withCause, 'de')).toContain('<p class="cause">Gleiche Ursache wie: Fehler &lt;script&gt;');
    const unknown: Finding[] = [{ ...(findings[1] as Finding), status: 'unknown', required: true }];
    const open: CheckRun = { ...run, findings: unknown, summary: summarize(unknown), inconclusive: 1 };
    expect(renderMarkdown(open, 'en')).toContain('- Result: Inconclusive: required checks stayed without an answer');
    expect(renderMarkdown(run, 'en')).toContain('- Result: Failures found');
  });

  it('names the profile, the customer and the endpoint, and the use case by its title', () => {
    for (const text of [renderMarkdown(run, 'de', context), renderHtml(run, 'de', context)]) {
      expect(text).toContain('Büro Müller');
      expect(text).toContain('Müller Immobilien GmbH');
      expect(text).toContain('api.onoffice.de');
      expect(text).toContain('Website / WordPress-Plugin');
      expect(text).not.toMatch(/Einsatzzweck(:|<\/dt><dd>) ?website\b/);
    }
    expect(renderMarkdown(run, 'en', context)).toContain('- Use case: Website / WordPress plugin');
    expect(renderMarkdown(run, 'en', context)).toContain('- Profile: Büro Müller');
    expect(renderMarkdown(run, 'en', context)).toContain('- Customer: Müller Immobilien GmbH');
  });

  it('shows local date and time in the report\'s language, not UTC ISO times', () => {
    const de = renderMarkdown(run, 'de', context);
    // 03:04:05 UTC is 04:04:05 in Berlin in January.
    expect(de).toContain(`- Beginn: ${localDateTime('de', run.startedAt, 'Europe/Berlin')}`);
    expect(localDateTime('de', run.startedAt, 'Europe/Berlin')).toMatch(/02\.01\.2026.*04:04:05/);
    expect(localDateTime('en', run.startedAt, 'America/New_York')).toMatch(/1 Jan 2026.*22:04:05/);
    expect(de).not.toContain('2026-01-02T03:04:05');
    expect(renderHtml(run, 'en', context)).not.toContain('2026-01-02T03:04:05');
  });

  it('leaves internal finding ids out of what a person reads; HTML anchors may carry them', () => {
    const text = renderMarkdown(run, 'en', context);
    expect(text).not.toContain('`credentials`');
    expect(text).not.toContain('publish:estates');
    const html = renderHtml(run, 'en', context);
    const visible = html.replace(/<[^>]*>/g, ' ');
    expect(visible).not.toContain('publish:estates');
    expect(html).toContain('id="finding-publish-estates"');
  });

  it('titles a fix by where it is made', () => {
    const clock: Finding = { ...(findings[0] as Finding), id: 'clock', fixWhere: 'this-computer', fix: T('note.cache-hint') };
    const r: CheckRun = { ...run, findings: [clock], summary: summarize([clock]) };
    expect(renderMarkdown(r, 'en')).toContain('**Fix on this computer:** Downstream caches');
    expect(renderMarkdown(r, 'de')).toContain('**Auf diesem Computer beheben:** Nachgelagerte Caches');
  });

  it('file names: profile, use case and local date-time, safe characters only; two reports of one day differ', () => {
    const at = (iso: string) => ({ useCase: 'website', startedAt: iso });
    expect(reportFileName(at('2026-12-02T14:30:00Z'), 'Büro Müller', 'md', 'Europe/Berlin')).toBe('buero-mueller-website-2026-12-02-1530.md');
    expect(reportFileName(at('2026-12-02T08:05:00Z'), 'Büro Müller', 'html', 'Europe/Berlin')).toBe('buero-mueller-website-2026-12-02-0905.html');
    expect(reportFileName(at('2026-12-02T23:30:00Z'), 'Büro Müller', 'md', 'Europe/Berlin')).toBe('buero-mueller-website-2026-12-03-0030.md');
    expect(reportFileName({ useCase: 'lead-intake', startedAt: '2026-06-01T10:00:00Z' }, '../Ä/ß: "x" <y>', 'md', 'UTC')).toBe('ae-ss-x-y-lead-intake-2026-06-01-1000.md');
    expect(reportFileName(at('2026-06-01T10:00:00Z'), '***', 'md', 'UTC')).toBe('profile-website-2026-06-01-1000.md');
    expect(slug('  Ölmühle & Söhne  ')).toBe('oelmuehle-soehne');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
