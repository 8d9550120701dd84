import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, renderMarkdown } from './report.ts';
import { summarize, type CheckRun, type Finding } from './types.ts';

const evil = '<script>alert("x")</script> & \'q\'';
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

describe('reports', () => {
  it('HTML is self-contained, printable, escaped and has no scripts', () => {
    const html = renderHtml(run, 'de');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="de">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(html).toContain('@media print');
    expect(html).toContain('Schlussfolgerung');
    expect(html).toContain('Journal #12');
    expect(renderHtml(run, 'en')).toContain('Extras → Settings → User');
  });

  it('Markdown lists every finding with mark, id, fix and evidence; markup in texts is neutralised', () => {
    const text = renderMarkdown(run, 'en');
    expect(text).toContain('# API user check report');
    expect(text).toContain('## ✗ Failure \\<script\\>');
    expect(text).toContain('`credentials` · fail');
    expect(text).toContain('**Fix:** Extras → Settings → User');
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

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
