import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../probes.ts';
import { estates, granted, input, ok } from '../testkit.ts';
import { USE_CASES } from '../usecases.ts';
import { invisibleVerdicts, publishStep } from './publish.ts';
import { restriction } from './visibility.ts';

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
    expect(f?.explanation.en).toContain('Without such a picture: 101, 103.');
    expect(f?.explanation.en).toContain('Titelbild, Foto');
  });
});
