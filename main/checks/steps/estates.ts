/**
 * Step: "why isn't it on the website?", per expected estate. One finding `estate:<id>` each, with reasons: not
 * visible to the API user (it does not exist, the restriction hides it, the read right does not reach it — told
 * apart as far as the API allows, and said plainly where not), or visible but filtered by the website (not
 * published, inactive, sold / reserved / reference), missing in the website's language, or without released
 * pictures. Besides: the contact persons of the visible ones (the agent box) and the published estates in the
 * website's language. Everything is read in the same two requests as the rest of the check.
 */
import {
  MAX_EXPECTED,
  NEVER_HOST,
  SHARED,
  countOf,
  evidenceOf,
  expectedProbe,
  field,
  grantedIds,
  join,
  make,
  noAnswer,
  okResult,
  probe,
  recordIds,
  type Cause,
  type PlanInput,
  type Probe,
  type Probes,
  type StepFinding,
} from '../probes.ts';
import { ADDRESS_PUBLISH_PATH, CACHE_HINT, ESTATE_PUBLISH_PATH, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH, SCOPES_NOTE, rightName } from '../texts.ts';
import { T, type Text } from '../../domain/i18n/index.ts';
import type { EstateReason, FindingStatus } from '../types.ts';
import { MAX_FILE_PROBES, filesKey, filesProbe, pictureState, pictureText, picturesProbe } from './pictures.ts';
import type { Step } from './step.ts';
import { emptyCause, readState, restriction } from './visibility.ts';

const CONTACT_PERSON = 'urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:contactPerson';
const LANGUAGE_LIMIT = 500;

const expectedIds = (input: PlanInput): number[] => input.expectEstates.slice(0, MAX_EXPECTED);
const ids = (xs: readonly number[]) => xs.join(', ');

/** The expected estates the list read returned, with their elements. */
function visibleExpected(probes: Probes): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  for (const rec of okResult(probe(probes, 'expected'))?.records ?? []) {
    const id = Number(rec.id !== '' ? rec.id : (field(rec, 'Id') ?? ''));
    if (Number.isInteger(id) && id > 0) out.set(id, (rec.elements ?? {}) as Record<string, unknown>);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Not visible: why.

/**
 * Why an expected estate is not visible. `not-found`: it does not exist (read right "all", no restriction, the
 * rights check grants nothing on it). The `…-or-…` verdicts are pairs the API cannot tell apart.
 */
export type InvisibleVerdict =
  | 'not-found'
  | 'hidden-by-publish-restriction'
  | 'not-found-or-hidden'
  | 'no-read-right-or-not-found'
  | 'nothing-visible'
  | 'undetermined';

/** The verdict for every expected id that the list read did not return; empty when the read gave no answer. */
export function invisibleVerdicts(input: PlanInput, probes: Probes): Map<number, InvisibleVerdict> {
  const out = new Map<number, InvisibleVerdict>();
  if (!okResult(probe(probes, 'expected'))) return out;
  const seen = visibleExpected(probes);
  const invisible = expectedIds(input).filter((id) => !seen.has(id));
  const check = okResult(probe(probes, 'right:expected'));
  const granted = new Set(check ? grantedIds(check) : []);
  const state = readState('estate', probes);
  const restricted = restriction(probes);
  for (const id of invisible) {
    let verdict: InvisibleVerdict;
    if (!check || state === 'unknown') verdict = 'undetermined';
    else if (granted.has(id)) {
      // The read right reaches it, so it exists; only the restriction hides a readable estate from a list read.
      verdict = restricted === 'off' ? 'undetermined' : 'hidden-by-publish-restriction';
    } else if (state === 'none') verdict = 'nothing-visible';
    else if (state === 'own') verdict = 'no-read-right-or-not-found';
    else verdict = restricted === 'off' ? 'not-found' : 'not-found-or-hidden';
    out.set(id, verdict);
  }
  return out;
}

const ALL_INVISIBLE: EstateReason[] = ['not-found', 'no-read-right', 'hidden-by-publish-restriction'];

const VERDICT_REASONS: Record<InvisibleVerdict, { reasons: EstateReason[]; possible?: EstateReason[] }> = {
  'not-found': { reasons: ['not-found'] },
  'hidden-by-publish-restriction': { reasons: ['hidden-by-publish-restriction'] },
  'not-found-or-hidden': { reasons: ['undetermined'], possible: ['not-found', 'hidden-by-publish-restriction'] },
  'no-read-right-or-not-found': { reasons: ['undetermined'], possible: ['no-read-right', 'not-found'] },
  'nothing-visible': { reasons: ['undetermined'], possible: ALL_INVISIBLE },
  undetermined: { reasons: ['undetermined'], possible: [...ALL_INVISIBLE, 'inactive'] },
};

function invisibleText(verdict: InvisibleVerdict): { text: Text; fix: Text | null } {
  const rn = rightName('estate', 'read');
  switch (verdict) {
    case 'not-found':
      return {
        text: T('finding.estates.does-not-exist-the-read-right'),
        fix: T('finding.estates.look-up-the-property-s-record'),
      };
    case 'hidden-by-publish-restriction':
      return {
        text: T('finding.estates.exists-and-is-readable-but-is', { onlyPublishedRight: ONLY_PUBLISHED_RIGHT }),
        fix: T('finding.estates.publish-the-property-estatepublishpath-or-remove', { estatePublishPath: ESTATE_PUBLISH_PATH, onlyPublishedRight: ONLY_PUBLISHED_RIGHT, cacheHint: CACHE_HINT }),
      };
    case 'not-found-or-hidden':
      return {
        text: T('finding.estates.does-not-exist-or-onlypublishedright-hides', { onlyPublishedRight: ONLY_PUBLISHED_RIGHT }),
        fix: T('finding.estates.one-step-tells-open-the-property', { estatePublishPath: ESTATE_PUBLISH_PATH }),
      };
    case 'no-read-right-or-not-found':
      return {
        text: T('finding.estates.the-read-right-does-not-reach'),
        fix: T('finding.estates.one-step-tells-open-the-property-2', { rn, rightsPath: RIGHTS_PATH, scopesNote: SCOPES_NOTE }),
      };
    case 'nothing-visible':
      return { text: T('finding.estates.no-property-at-all-is-visible'), fix: null };
    case 'undetermined':
      return {
        text: T('finding.estates.the-reason-could-not-be-determined'),
        fix: null,
      };
  }
}

/** The finding naming the module-wide cause an invisible estate shares, so it refers there instead of a second fix. */
function sharedCause(verdict: InvisibleVerdict, probes: Probes): Cause | undefined {
  if (verdict === 'nothing-visible' || verdict === 'hidden-by-publish-restriction') return emptyCause('estate', probes, NEVER_HOST);
  if (verdict === 'no-read-right-or-not-found') return { key: 'read-own:estate', rank: NEVER_HOST };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Visible: what the website still filters out.

const flag = (e: Record<string, unknown>, name: string): boolean => String(e[name] ?? '') === '1';

/** The estates that exist in the website's language: a language version points at its main estate. */
export function languageIds(probes: Probes): Set<number> | null {
  const r = okResult(probe(probes, 'language'));
  if (!r) return null;
  const out = new Set<number>();
  for (const rec of r.records) {
    const e = (rec.elements ?? {}) as Record<string, unknown>;
    if (String(e.veroeffentlichen ?? '1') !== '1') continue;
    const main = Number(e.mainLangId ?? (rec.id !== '' ? rec.id : e.Id));
    if (Number.isInteger(main) && main > 0) out.add(main);
  }
  return out;
}

/** Whether the language read saw every version (one read returns at most 500). */
const languageComplete = (probes: Probes): boolean => {
  const r = okResult(probe(probes, 'language'));
  return r !== null && countOf(r) <= r.records.length;
};

interface VisibleVerdict {
  reasons: EstateReason[];
  texts: Text[];
  fixes: Text[];
  status: FindingStatus;
  heuristic: boolean;
}

const SEVERITY: Record<FindingStatus, number> = { pass: 0, info: 1, skipped: 1, warn: 2, unknown: 3, fail: 4 };
const worse = (a: FindingStatus, b: FindingStatus): FindingStatus => (SEVERITY[b] > SEVERITY[a] ? b : a);

function visibleVerdict(input: PlanInput, id: number, e: Record<string, unknown>, probes: Probes): VisibleVerdict {
  const v: VisibleVerdict = { reasons: [], texts: [], fixes: [], status: 'pass', heuristic: false };
  const add = (reason: EstateReason, status: FindingStatus, text: Text, fix: Text | null) => {
    v.reasons.push(reason);
    v.texts.push(text);
    if (fix) v.fixes.push(fix);
    v.status = worse(v.status, status);
  };
  if (e.veroeffentlichen !== undefined && !flag(e, 'veroeffentlichen')) {
    add(
      'not-published',
      'fail',
      T('finding.estates.visible-to-the-api-user-but'),
      T('finding.estates.publish-the-property-estatepublishpath-cachehint', { estatePublishPath: ESTATE_PUBLISH_PATH, cacheHint: CACHE_HINT }),
    );
  }
  const status = String(e.status ?? '1');
  if (status === '2' || status === '0') {
    add(
      'inactive',
      'fail',
      status === '0' ? T('finding.estates.archived-status-0-websites-show-active') : T('finding.estates.inactive-status-2-websites-show-active'),
      T('finding.estates.set-the-property-s-status-to'),
    );
  }
  const marks: [string, EstateReason, Text][] = [
    ['verkauft', 'sold', T('finding.estates.sold')],
    ['reserviert', 'reserved', T('finding.estates.reserved')],
    ['referenz', 'reference', T('finding.estates.a-reference-estate')],
  ];
  for (const [name, reason, word] of marks) {
    if (!flag(e, name)) continue;
    add(
      reason,
      'info',
      T('finding.estates.marked-word-not-a-fault-it', { word }),
      null,
    );
  }
  if (input.language) {
    const langs = languageIds(probes);
    if (langs && !langs.has(id)) {
      if (languageComplete(probes)) {
        add(
          'language-missing',
          'fail',
          T('finding.estates.no-published-version-in-language-the', { language: input.language }),
          T('finding.estates.create-the-language-version-of-the', { language: input.language }),
        );
      } else {
        v.texts.push(T('finding.estates.whether-a-language-version-exists-stayed', { language: input.language, languageLimit: LANGUAGE_LIMIT }));
      }
    }
  }
  const pictures = pictureState(id, probes, 'pictures:expected', input.pictureCategories);
  const text = pictureText(pictures, String(id));
  if (text) {
    if (pictures === 'no-title') {
      v.texts.push(text.text);
      if (text.fix) v.fixes.push(text.fix);
      v.status = worse(v.status, 'warn');
    } else add('no-pictures-released', 'warn', text.text, text.fix);
    v.heuristic ||= pictures === 'not-released-or-none';
  }
  if (v.reasons.length === 0) v.reasons.push('visible');
  return v;
}

function estateFinding(input: PlanInput, id: number, probes: Probes): StepFinding {
  const read = probe(probes, 'expected');
  const findingId = `estate:${id}`;
  if (!okResult(read)) {
    return make(findingId, { status: 'unknown', title: T('finding.estates.property-id-unknown', { id }), explanation: noAnswer(read), evidence: evidenceOf(read) });
  }
  const visible = visibleExpected(probes).get(id);
  if (visible === undefined) {
    const verdict = invisibleVerdicts(input, probes).get(id) ?? 'undetermined';
    const { reasons, possible } = VERDICT_REASONS[verdict];
    const t = invisibleText(verdict);
    const cause = sharedCause(verdict, probes);
    return {
      ...make(findingId, {
        status: 'fail',
        heuristic: true,
        ...(cause ? { cause } : {}),
        title: T('finding.estates.property-id-is-invisible-to-the', { id }),
        explanation: t.text,
        fix: t.fix,
        evidence: evidenceOf(read, probe(probes, 'right:expected')),
      }),
      reasons,
      ...(possible ? { possibleReasons: possible } : {}),
    };
  }
  const v = visibleVerdict(input, id, visible, probes);
  const evidence = evidenceOf(read, probe(probes, 'pictures:expected'), probe(probes, filesKey(id)), ...(input.language ? [probe(probes, 'language')] : []));
  const title =
    v.status === 'pass'
      ? T('finding.estates.property-id-shows-on-the-website', { id })
      : v.status === 'info'
        ? T('finding.estates.property-id-visible-but-hidden-by', { id })
        : v.status === 'warn'
          ? v.reasons.includes('no-pictures-released')
            ? T('finding.estates.property-id-shows-but-without-released', { id })
            : T('finding.estates.property-id-shows-but-without-a', { id })
          : T('finding.estates.property-id-does-not-show-on', { id });
  return {
    ...make(findingId, {
      status: v.status,
      heuristic: v.heuristic,
      title,
      explanation: v.texts.length > 0 ? join(...v.texts) : T('finding.estates.visible-published-active-and-with-released'),
      fix: v.fixes.length > 0 ? join(...v.fixes) : null,
      evidence,
    }),
    reasons: v.reasons,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Contact persons: the agent box on the detail page.

/** Contact person address ids per estate, from `get idsfromrelation` (parent id → child ids). */
export function contactPersons(probes: Probes): Map<number, number[]> | null {
  const r = okResult(probe(probes, 'contacts:relation'));
  if (!r) return null;
  const out = new Map<number, number[]>();
  for (const rec of r.records) {
    const el = rec.elements;
    if (!el || typeof el !== 'object' || Array.isArray(el)) continue;
    for (const [parent, children] of Object.entries(el as Record<string, unknown>)) {
      const list = (Array.isArray(children) ? children : [children]).map(Number).filter((n) => Number.isInteger(n) && n > 0);
      out.set(Number(parent), [...(out.get(Number(parent)) ?? []), ...list]);
    }
  }
  return out;
}

function contactsFinding(input: PlanInput, probes: Probes): StepFinding {
  const relation = probe(probes, 'contacts:relation');
  const addresses = probe(probes, 'contacts:addresses');
  const evidence = evidenceOf(relation, addresses);
  const visible = [...visibleExpected(probes).keys()];
  if (visible.length === 0) {
    return make('contacts', {
      status: 'skipped',
      title: T('finding.estates.contact-persons-not-checked'),
      explanation: T('finding.estates.none-of-the-expected-properties-is'),
      evidence,
    });
  }
  const map = contactPersons(probes);
  if (!map) return make('contacts', { status: 'unknown', title: T('finding.estates.contact-persons-unknown'), explanation: noAnswer(relation), evidence });
  const wanted = [...new Set(visible.flatMap((id) => map.get(id) ?? []))];
  const read = okResult(addresses);
  if (wanted.length > 0 && !read) return make('contacts', { status: 'unknown', title: T('finding.estates.contact-persons-unknown'), explanation: noAnswer(addresses), evidence });
  const readable = new Map<number, Record<string, unknown>>();
  for (const rec of read?.records ?? []) {
    const e = (rec.elements ?? {}) as Record<string, unknown>;
    const aid = Number(rec.id !== '' ? rec.id : (e.Id ?? e.id));
    if (Number.isInteger(aid)) readable.set(aid, e);
  }
  const none: number[] = [];
  const unreadable: string[] = [];
  const unpublished: string[] = [];
  for (const id of visible) {
    const people = map.get(id) ?? [];
    if (people.length === 0) none.push(id);
    for (const aid of people) {
      const e = readable.get(aid);
      if (!e) unreadable.push(`${id} → ${aid}`);
      else if (String(e.homepage_veroeffentlichen ?? '') !== '1') unpublished.push(`${id} → ${aid}`);
    }
  }
  if (none.length + unreadable.length + unpublished.length === 0) {
    return make('contacts', {
      status: 'pass',
      title: T('finding.estates.contact-persons-readable-and-published'),
      explanation: T('finding.estates.the-contact-persons-of-the-visiblecount', { visibleCount: visible.length }),
      evidence,
    });
  }
  const parts: Text[] = [T('finding.estates.on-the-detail-page-the-contact')];
  const fixes: Text[] = [];
  if (none.length > 0) {
    parts.push(T('finding.estates.no-contact-person-ids', { ids: ids(none) }));
    fixes.push(T('finding.estates.enter-a-contact-person-in-the'));
  }
  if (unreadable.length > 0) {
    parts.push(T('finding.estates.address-not-readable-for-the-api', { unreadable: unreadable.join(', ') }));
    fixes.push(T('finding.estates.check-the-read-right-for-addresses', { rightsPath: RIGHTS_PATH }));
  }
  if (unpublished.length > 0) {
    parts.push(T('finding.estates.address-not-released-for-the-website', { unpublished: unpublished.join(', ') }));
    fixes.push(T('finding.estates.set-addresspublishpath-in-the-address', { addressPublishPath: ADDRESS_PUBLISH_PATH }));
  }
  return make('contacts', { status: 'warn', title: T('finding.estates.contact-persons-missing-on-the-website'), explanation: join(...parts), fix: join(...fixes), evidence });
}

// ---------------------------------------------------------------------------------------------------------------
// The website's language.

function languageFinding(input: PlanInput, probes: Probes): StepFinding {
  const lang = input.language as string;
  const id = `language:${lang}`;
  const o = probe(probes, 'language');
  const published = recordIds(okResult(probe(probes, SHARED.estatesPublished.key)));
  const evidence = evidenceOf(o, probe(probes, SHARED.estatesPublished.key));
  const langs = languageIds(probes);
  if (!langs) return make(id, { status: 'unknown', title: T('finding.estates.language-lang-unknown', { lang }), explanation: noAnswer(o), evidence });
  if (langs.size === 0) {
    return make(id, {
      status: 'fail',
      title: T('finding.estates.no-published-property-in-lang', { lang }),
      explanation: T('finding.estates.the-api-returns-no-published-property', { lang }),
      fix: T('finding.estates.create-lang-versions-of-the-properties', { lang, cacheHint: CACHE_HINT }),
      evidence,
    });
  }
  const missing = published.filter((e) => !langs.has(e));
  if (missing.length === 0 || !languageComplete(probes)) {
    return make(id, {
      status: 'pass',
      title: T('finding.estates.published-properties-exist-in-lang', { lang }),
      explanation: T('finding.estates.langscount-properties-have-a-published-lang', { langsCount: langs.size, lang }),
      evidence,
    });
  }
  return make(id, {
    status: 'warn',
    title: T('finding.estates.missingcount-published-properties-missing-in-lang', { missingCount: missing.length, lang }),
    explanation: T('finding.estates.without-a-published-lang-version-ids', { lang, ids: ids(missing) }),
    fix: T('finding.estates.create-and-publish-the-lang-versions', { lang }),
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------

export function languageProbe(language: string): Probe {
  return {
    key: 'language',
    request: `read estate (estatelanguage ${language}, addMainLangId)`,
    spec: { kind: 'read', resourcetype: 'estate', parameters: { data: ['Id', 'veroeffentlichen'], estatelanguage: language, addMainLangId: true, listlimit: LANGUAGE_LIMIT } },
  };
}

export const estatesStep: Step = {
  name: 'estates',
  findingIds: (input) => [
    ...expectedIds(input).map((id) => `estate:${id}`),
    ...(expectedIds(input).length > 0 ? ['contacts'] : []),
    ...(input.language ? [`language:${input.language}`] : []),
  ],
  firstBatch: (input) => {
    const expected = expectedProbe(input);
    const out: Probe[] = [];
    if (expected) {
      // The estate reads tell the restriction and the read scope, which the verdicts of invisible estates need.
      out.push(SHARED.me, SHARED.estates, SHARED.estateOwners, SHARED.estatesUnpublished, expected, {
        key: 'contacts:relation',
        request: `get idsfromrelation (contact persons of ${ids(expectedIds(input))})`,
        spec: { kind: 'get', resourcetype: 'idsfromrelation', parameters: { relationtype: CONTACT_PERSON, parentids: expectedIds(input) } },
      });
    }
    if (input.language) out.push(SHARED.estatesPublished, languageProbe(input.language));
    return out;
  },
  secondBatch: (input, probes) => {
    const out: Probe[] = [];
    if (!okResult(probe(probes, 'expected'))) return out;
    const visible = [...visibleExpected(probes).keys()];
    const invisible = expectedIds(input).filter((id) => !visible.includes(id));
    if (invisible.length > 0) {
      out.push({
        key: 'right:expected',
        request: `get checkuserrecordsright (read estate, ${ids(invisible)})`,
        spec: { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'estate', recordIds: invisible } },
      });
    }
    if (visible.length > 0) {
      out.push(picturesProbe('pictures:expected', visible, input.pictureCategories), ...visible.slice(0, MAX_FILE_PROBES).map(filesProbe));
      const people = [...new Set(visible.flatMap((id) => contactPersons(probes)?.get(id) ?? []))];
      if (people.length > 0) {
        out.push({
          key: 'contacts:addresses',
          request: `read address (contact persons ${ids(people)})`,
          spec: { kind: 'read', resourcetype: 'address', parameters: { data: ['Id', 'homepage_veroeffentlichen'], recordids: people, listlimit: Math.min(people.length, 500) } },
        });
      }
    }
    return out;
  },
  findings: (input, probes) => [
    ...expectedIds(input).map((id) => estateFinding(input, id, probes)),
    ...(expectedIds(input).length > 0 ? [contactsFinding(input, probes)] : []),
    ...(input.language ? [languageFinding(input, probes)] : []),
  ],
};
