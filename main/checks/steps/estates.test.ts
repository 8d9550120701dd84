import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../probes.ts';
import { estates, failed, granted, input, ok } from '../testkit.ts';
import { USE_CASES } from '../usecases.ts';
import { estatesStep, invisibleVerdicts } from './estates.ts';
import { publishStep } from './publish.ts';
import { restriction } from './visibility.ts';
import { said } from '../testkit.ts';

/** Probes of a website run: `all` visible estates, `unpublished` of them unpublished, agent 7 unless `own`. */
function probes(o: { all: number[]; unpublished: number; own?: boolean; listed?: number[]; grantedIds?: number[] | null }) {
  const agent = o.own ? 41 : 7;
  const map = new Map<string, ProbeOutcome>([
    ['me', ok('users', [{ id: '41', elements: { id: '41' } }])],
    ['estates', ok('estate', estates(o.all, agent))],
    ['estates:owners', ok('estate', estates(o.all, agent))],
    ['estates:unpublished', ok('estate', [], o.unpublished)],
    ['estates:published', ok('estate', estates(o.all.slice(o.unpublished)))],
    ['expected', ok('estate', estates(o.listed ?? []))],
  ]);
  if (o.grantedIds !== null) map.set('right:expected', granted(o.grantedIds ?? []));
  return map;
}

const verdicts = (expect: number[], p: Map<string, ProbeOutcome>) => Object.fromEntries(invisibleVerdicts(input({ expectEstates: expect }), p));

describe('invisibleVerdicts', () => {
  it('read right all, no restriction, not granted: does not exist', () => {
    expect(verdicts([101, 999], probes({ all: [101, 102], unpublished: 1, listed: [101] }))).toEqual({ 999: 'not-found' });
  });

  it('granted but not listed: hidden by the restriction — and that shows the restriction is on', () => {
    const p = probes({ all: [101], unpublished: 0, listed: [], grantedIds: [555] });
    expect(verdicts([555], p)).toEqual({ 555: 'hidden-by-publish-restriction' });
    expect(restriction(p)).toBe('likely');
  });

  it('restriction likely and not granted: does not exist or hidden, cannot be told apart', () => {
    expect(verdicts([555], probes({ all: [101], unpublished: 0 }))).toEqual({ 555: 'not-found-or-hidden' });
  });

  it('only own visible: no read right or does not exist', () => {
    expect(verdicts([555], probes({ all: [101, 102], unpublished: 1, own: true }))).toEqual({ 555: 'no-read-right-or-not-found' });
  });

  it('nothing visible: the module-wide cause; no rights answer or a contradiction: undetermined', () => {
    expect(verdicts([555], probes({ all: [], unpublished: 0 }))).toEqual({ 555: 'nothing-visible' });
    expect(verdicts([555], probes({ all: [101], unpublished: 1, grantedIds: null }))).toEqual({ 555: 'undetermined' });
    // Readable, not restricted, yet not listed: nothing known explains it.
    expect(verdicts([555], probes({ all: [101, 102], unpublished: 1, grantedIds: [555] }))).toEqual({ 555: 'undetermined' });
  });
});

describe('publish findings', () => {
  const find = (p: Map<string, ProbeOutcome>, id: string) => publishStep.findings(input(), p).find((f) => f.id === id);

  it('an unpublished estate visible: no restriction', () => {
    expect(find(probes({ all: [101, 102], unpublished: 1 }), 'publish:estates')?.status).toBe('pass');
  });

  it('only published visible: info for a website, warn for a portal export, naming the cause', () => {
    const p = probes({ all: [101, 102], unpublished: 0 });
    expect(find(p, 'publish:estates')).toMatchObject({ status: 'info', heuristic: true, cause: { key: 'restriction', rank: 0 } });
    const portal = publishStep.findings(input({ useCase: USE_CASES['portal-export'] }), p).find((f) => f.id === 'publish:estates');
    expect(portal?.status).toBe('warn');
  });

  it('all estates published but the addresses show unpublished ones: the restriction is off', () => {
    const p = probes({ all: [101, 102], unpublished: 0 });
    p.set('addresses', ok('address', [{ id: '5', elements: { id: 5 } }], 3));
    p.set('addresses:unpublished', ok('address', [], 2));
    expect(find(p, 'publish:estates')?.status).toBe('pass');
    expect(find(p, 'publish:addresses')?.status).toBe('pass');
  });

  it('nothing visible: not judgeable, a symptom that never names the cause itself', () => {
    const f = find(probes({ all: [], unpublished: 0 }), 'publish:estates');
    expect(f).toMatchObject({ status: 'skipped', cause: { key: 'nothing-visible', rank: Number.POSITIVE_INFINITY } });
  });

  it('pictures: estates without a picture in the website categories are named', () => {
    const p = probes({ all: [101, 102, 103], unpublished: 0 });
    p.set('pictures', ok('estatepictures', [{ id: '9', elements: [{ estateid: '102', type: 'Titelbild' }] }]));
    const f = find(p, 'publish:pictures');
    expect(f).toMatchObject({ status: 'warn', heuristic: true });
    expect(said('en', f?.explanation)).toContain('101, 103: no picture released for the website — either there are none, or none is released');
    expect(said('en', f?.explanation)).toContain('Titelbild, Foto');
    expect(f?.heuristic).toBe(true);
  });

  it('pictures with the file list: none, not released, portals only and no title picture are told apart', () => {
    const p = probes({ all: [101, 102, 103, 104, 105], unpublished: 0 });
    p.set('pictures', ok('estatepictures', [{ id: '9', elements: [{ estateid: '105', type: 'Foto' }] }]));
    const file = (type: string, home: boolean, portals: unknown) => ({ id: '1', elements: { type, category: 'external', ispublishedonhomepage: home, publicationstatus: portals } });
    p.set('files:101', ok('file', [file('Dokument', false, [])]));
    p.set('files:102', ok('file', [file('Foto', false, { 12: ['Portal A', 0] })]));
    p.set('files:103', ok('file', [file('Titelbild', false, [{ portalid: 12, portalname: 'Portal A', status: 1 }])]));
    p.set('files:104', ok('file', [file('Grundriss', false, { 12: ['Portal A', '1'] })]));
    const f = find(p, 'publish:pictures');
    expect(f).toMatchObject({ status: 'warn', heuristic: false });
    expect(said('en', f?.explanation)).toContain('101: there are no pictures');
    expect(said('en', f?.explanation)).toContain('102: pictures exist, but none is released');
    expect(said('en', f?.explanation)).toContain('103, 104: pictures are released for portals only');
    expect(said('en', f?.explanation)).toContain('105: pictures are released, but no title picture');
    expect(said('en', f?.fix)).toContain('tick own homepage / API');
  });
});

describe('visible expected estates: what the website still filters out', () => {
  const elements = (id: number, over: Record<string, string> = {}) => ({ id: String(id), elements: { Id: String(id), veroeffentlichen: '1', status: '1', verkauft: '0', reserviert: '0', referenz: '0', ...over } });
  const run = (records: { id: string; elements: unknown }[], extra: [string, ProbeOutcome][] = [], language: string | null = null) => {
    const p = probes({ all: [101, 102], unpublished: 1 });
    p.set('expected', ok('estate', records));
    p.set('pictures:expected', ok('estatepictures', records.map((r) => ({ id: `p${r.id}`, elements: [{ estateid: r.id, type: 'Titelbild' }] }))));
    for (const [k, v] of extra) p.set(k, v);
    const ids = records.map((r) => Number(r.id));
    return estatesStep.findings(input({ expectEstates: ids, language }), p);
  };

  it('published, active, with a title picture: visible, pass', () => {
    expect(run([elements(7)])[0]).toMatchObject({ id: 'estate:7', status: 'pass', reasons: ['visible'] });
  });

  it('several reasons at once; sold / reserved / reference are not faults', () => {
    const [f] = run([elements(7, { veroeffentlichen: '0', verkauft: '1', status: '2' })]);
    expect(f).toMatchObject({ status: 'fail', reasons: ['not-published', 'inactive', 'sold'] });
    expect(said('en', f?.explanation)).toContain("hidden where your website's list filters out sold, reserved or reference estates");
    const [marked] = run([elements(8, { reserviert: '1', referenz: '1' })]);
    expect(marked).toMatchObject({ status: 'info', reasons: ['reserved', 'reference'], fix: null });
  });

  it('a website language: an estate without a published version there is language-missing', () => {
    const lang = ok('estate', [{ id: '907', elements: { Id: '907', veroeffentlichen: '1', mainLangId: '7' } }, { id: '908', elements: { Id: '908', veroeffentlichen: '0', mainLangId: '8' } }], 2);
    const found = run([elements(7), elements(8)], [['language', lang]], 'ENG');
    expect(found.find((f) => f.id === 'estate:7')?.reasons).toEqual(['visible']);
    expect(found.find((f) => f.id === 'estate:8')).toMatchObject({ status: 'fail', reasons: ['language-missing'] });
    expect(found.find((f) => f.id === 'language:ENG')).toMatchObject({ status: 'warn' });
    const none = run([elements(7)], [['language', ok('estate', [], 0)]], 'ENG');
    expect(none.find((f) => f.id === 'language:ENG')).toMatchObject({ status: 'fail' });
    expect(said('en', none.find((f) => f.id === 'language:ENG')?.title)).toContain('No published property in ENG');
  });

  it('contact persons: none, unreadable and unpublished are named; all fine passes', () => {
    const relation = ok('idsfromrelation', [{ id: '', elements: { 7: ['50'], 8: ['51', '52'] } }]);
    const addresses = ok('address', [{ id: '50', elements: { id: 50, homepage_veroeffentlichen: '1' } }, { id: '51', elements: { id: 51, homepage_veroeffentlichen: '0' } }]);
    const found = run([elements(7), elements(8), elements(9)], [['contacts:relation', relation], ['contacts:addresses', addresses]]);
    const contacts = found.find((f) => f.id === 'contacts');
    expect(contacts?.status).toBe('warn');
    expect(said('en', contacts?.explanation)).toContain('no contact person: 9');
    expect(said('en', contacts?.explanation)).toContain('address not readable for the API user (property → address): 8 → 52');
    expect(said('en', contacts?.explanation)).toContain('address not released for the website: 8 → 51');
    const fine = run([elements(7)], [['contacts:relation', relation], ['contacts:addresses', addresses]]);
    expect(fine.find((f) => f.id === 'contacts')?.status).toBe('pass');
  });

  it('the expected read failing leaves every estate unknown, without an enterprise fix', () => {
    const p = probes({ all: [101], unpublished: 1 });
    p.set('expected', failed('estate', 1, 'Unknown error'));
    const f = estatesStep.findings(input({ expectEstates: [7] }), p)[0];
    expect(f).toMatchObject({ id: 'estate:7', status: 'unknown', fixWhere: 'server' });
  });
});
