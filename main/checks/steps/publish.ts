/**
 * Step: publishing. Whether the "only published" restriction is on, and whether published estates have pictures
 * released for the website (and if not, why: none, not released, released for portals only, no title picture).
 */
import { NEVER_HOST, SHARED, countOf, evidenceOf, join, make, noAnswer, okResult, probe, recordIds, type PlanInput, type Probe, type Probes, type StepFinding } from '../probes.ts';
import { ADDRESS_PUBLISH_PATH, CACHE_HINT, ESTATE_PUBLISH_PATH, HELP_ADVICE, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH } from '../texts.ts';
import { T } from '../../domain/i18n/index.ts';
import type { Step } from './step.ts';
import { filesKey, filesProbe, pictureState, pictureText, picturesProbe, type PictureState } from './pictures.ts';
import { emptyCause, restriction, type VisibleModule } from './visibility.ts';

const MODULE_OF = { estates: 'estate', addresses: 'address' } as const;

const noneVisible = (module: VisibleModule, probes: Probes): boolean => {
  const r = okResult(probe(probes, module === 'estate' ? SHARED.estates.key : SHARED.addresses.key));
  return r !== null && countOf(r) === 0;
};

/** A publish finding that cannot be judged because nothing of the module is visible: it refers to that cause. */
function notJudgeable(id: string, module: VisibleModule, probes: Probes, evidence: ReturnType<typeof evidenceOf>): StepFinding {
  const what = module === 'estate' ? T('module.estate') : T('module.address');
  return make(id, {
    status: 'skipped',
    heuristic: true,
    cause: emptyCause(module, probes, NEVER_HOST),
    title: T('finding.publish.cannot-be-judged-no-what-visible', { what }),
    explanation: T('finding.publish.with-no-what-visible-this-cannot', { what }),
    evidence,
  });
}

function publishFinding(kind: 'estates' | 'addresses', input: PlanInput, probes: Probes): StepFinding {
  const id = `publish:${kind}`;
  const module = MODULE_OF[kind];
  const all = probe(probes, kind === 'estates' ? SHARED.estates.key : SHARED.addresses.key);
  const unpublishedProbe = probe(probes, kind === 'estates' ? SHARED.estatesUnpublished.key : SHARED.addressesUnpublished.key);
  const evidence = evidenceOf(all, unpublishedProbe);
  const a = okResult(all);
  const u = okResult(unpublishedProbe);
  const what = kind === 'estates' ? T('finding.publish.properties') : T('finding.publish.addresses');
  const path = kind === 'estates' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH;
  if (!a || !u) return make(id, { status: 'unknown', title: T('finding.publish.publication-of-what-unknown', { what }), explanation: noAnswer(a ? unpublishedProbe : all), evidence });
  const total = countOf(a);
  const unpublished = countOf(u);
  const published = total - unpublished;
  if (total === 0) return notJudgeable(id, module, probes, evidence);
  if (unpublished > 0) {
    return make(id, {
      status: 'pass',
      title: T('finding.publish.no-restriction-to-published-what', { what }),
      explanation: T('finding.publish.total-what-are-visible-published-published', { total, what, published, unpublished, onlyPublishedRight: ONLY_PUBLISHED_RIGHT, path }),
      evidence,
    });
  }
  if (restriction(probes) === 'off') {
    return make(id, {
      status: 'pass',
      title: T('finding.publish.no-restriction-to-published-what', { what }),
      explanation: T('finding.publish.all-total-visible-what-are-published', { total, what, onlyPublishedRight: ONLY_PUBLISHED_RIGHT }),
      evidence,
    });
  }
  // Nothing unpublished is visible: either the restriction is on, or every record happens to be published.
  const website = input.useCase.name === 'website';
  return make(id, {
    status: website ? 'info' : 'warn',
    heuristic: true,
    cause: { key: 'restriction', rank: 0 },
    title: T('finding.publish.probably-only-published-what-visible', { what }),
    explanation: join(
      T('finding.publish.total-what-visible-none-unpublished', { total, what, onlyPublishedRight: ONLY_PUBLISHED_RIGHT, helpAdvice: HELP_ADVICE }),
      website ? null : T('finding.publish.unpublished-missing-for-use-case'),
    ),
    fix: T('finding.publish.if-the-api-user-should-see', { onlyPublishedRight: ONLY_PUBLISHED_RIGHT, rightsPath: RIGHTS_PATH, estatePublishPath: ESTATE_PUBLISH_PATH, addressPublishPath: ADDRESS_PUBLISH_PATH, cacheHint: CACHE_HINT }),
    evidence,
  });
}

/** Published estates among the visible ones, for the picture probe. */
export const publishedEstateIds = (probes: Probes): number[] => recordIds(okResult(probe(probes, SHARED.estatesPublished.key)));

/** Published sample estates whose files are read too, so a missing picture can be explained. */
const SAMPLE_FILE_PROBES = 5;

function picturesFinding(input: PlanInput, probes: Probes): StepFinding {
  const published = publishedEstateIds(probes);
  const source = probe(probes, SHARED.estatesPublished.key);
  const o = probe(probes, 'pictures');
  const fileProbes = published.slice(0, SAMPLE_FILE_PROBES).map((id) => probe(probes, filesKey(id)));
  const evidence = evidenceOf(source, o, ...fileProbes);
  const categories = input.pictureCategories.join(', ');
  if (published.length === 0) {
    if (!okResult(source)) return make('publish:pictures', { status: 'unknown', title: T('finding.publish.pictures-unknown'), explanation: noAnswer(source), evidence });
    if (noneVisible('estate', probes)) return notJudgeable('publish:pictures', 'estate', probes, evidence);
    return make('publish:pictures', {
      status: 'skipped',
      title: T('finding.publish.pictures-not-checked'),
      explanation: T('finding.publish.no-published-property-is-visible-whose'),
      evidence,
    });
  }
  if (!okResult(o)) return make('publish:pictures', { status: 'unknown', title: T('finding.publish.pictures-unknown'), explanation: noAnswer(o), evidence });
  const byState = new Map<PictureState, number[]>();
  for (const id of published) {
    const state = pictureState(id, probes, 'pictures', input.pictureCategories);
    byState.set(state, [...(byState.get(state) ?? []), id]);
  }
  const problems = [...byState].flatMap(([state, ids]) => {
    const t = pictureText(state, ids.join(', '));
    return t ? [{ state, ids, ...t }] : [];
  });
  if (problems.length === 0) {
    return make('publish:pictures', {
      status: 'pass',
      title: T('finding.publish.pictures-released-for-the-website'),
      explanation: T('finding.publish.all-publishedcount-published-properties-checked-have', { publishedCount: published.length, categories }),
      evidence,
    });
  }
  const missing = problems.filter((p) => p.state !== 'no-title').flatMap((p) => p.ids);
  const fixes = [...new Map(problems.flatMap((p) => (p.fix ? [[JSON.stringify(p.fix), p.fix] as const] : []))).values()];
  return make('publish:pictures', {
    status: 'warn',
    heuristic: problems.some((p) => p.state === 'not-released-or-none'),
    title:
      missing.length > 0
        ? T('finding.publish.missingcount-published-properties-without-a-released', { missingCount: missing.length })
        : T('finding.publish.published-properties-without-a-title-picture'),
    explanation: join(
      T('finding.publish.the-api-returns-only-pictures-released', { categories }),
      ...problems.map((p) => p.text),
    ),
    fix: join(...fixes),
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------

const wantsPublish = (input: PlanInput) => input.useCase.publish;

export const publishStep: Step = {
  name: 'publish',
  findingIds: (input) => {
    const p = wantsPublish(input);
    return [...(p.estates ? ['publish:estates'] : []), ...(p.addresses ? ['publish:addresses'] : []), ...(p.pictures ? ['publish:pictures'] : [])];
  },
  firstBatch: (input) => {
    const p = wantsPublish(input);
    const out: Probe[] = [];
    // The restriction shows in either module: both reads serve each publish finding.
    if (p.estates || p.pictures || p.addresses) out.push(SHARED.estates, SHARED.estatesPublished, SHARED.estatesUnpublished);
    if (p.addresses) out.push(SHARED.addresses, SHARED.addressesUnpublished);
    return out;
  },
  secondBatch: (input, probes) => {
    const published = publishedEstateIds(probes);
    if (!input.useCase.publish.pictures || published.length === 0) return [];
    return [picturesProbe('pictures', published, input.pictureCategories), ...published.slice(0, SAMPLE_FILE_PROBES).map(filesProbe)];
  },
  findings: (input, probes) => {
    const p = wantsPublish(input);
    const out: StepFinding[] = [];
    if (p.estates) out.push(publishFinding('estates', input, probes));
    if (p.addresses) out.push(publishFinding('addresses', input, probes));
    if (p.pictures) out.push(picturesFinding(input, probes));
    return out;
  },
};
