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
import { L, type EstateReason, type FindingStatus, type Localized } from '../types.ts';
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

function invisibleText(verdict: InvisibleVerdict): { text: Localized; fix: Localized | null } {
  const rn = rightName('estate', 'read');
  switch (verdict) {
    case 'not-found':
      return {
        text: L(
          'Existiert nicht. Das Leserecht reicht auf alle Immobilien, nichts ist auf Veröffentlichtes eingeschränkt, und die Rechteprüfung kennt die Id nicht. Es zählt die Datensatznummer, nicht die externe Objektnummer; sonst schließt allenfalls ein Datensatzrecht sie aus.',
          'Does not exist. The read right covers all properties, nothing is restricted to published records, and the rights check does not know the id. The record number counts, not the external object number; otherwise at most a per-record right excludes it.',
        ),
        fix: L('Die Datensatznummer der Immobilie in enterprise nachsehen und die richtige Id verwenden.', 'Look up the property\'s record number in enterprise and use the right id.'),
      };
    case 'hidden-by-publish-restriction':
      return {
        text: L(
          `Existiert und ist lesbar, wird aber nicht geliefert – ${ONLY_PUBLISHED_RIGHT.de} ist gesetzt, und die Immobilie ist nicht veröffentlicht.`,
          `Exists and is readable but is not returned — ${ONLY_PUBLISHED_RIGHT.en} is set and the property is not published.`,
        ),
        fix: L(`Immobilie veröffentlichen (${ESTATE_PUBLISH_PATH.de}) oder ${ONLY_PUBLISHED_RIGHT.de} entfernen. ${CACHE_HINT.de}`, `Publish the property (${ESTATE_PUBLISH_PATH.en}) or remove ${ONLY_PUBLISHED_RIGHT.en}. ${CACHE_HINT.en}`),
      };
    case 'not-found-or-hidden':
      return {
        text: L(
          `Existiert nicht, oder ${ONLY_PUBLISHED_RIGHT.de} verbirgt sie (wenn die Rechteprüfung die Veröffentlichung mitberücksichtigt – das ist nicht dokumentiert). Über die API lässt sich das nicht unterscheiden.`,
          `Does not exist, or ${ONLY_PUBLISHED_RIGHT.en} hides it (if the rights check takes publication into account — this is not documented). The API cannot tell these apart.`,
        ),
        fix: L(
          `Ein Schritt entscheidet es: die Immobilie in enterprise unter dieser Datensatznummer öffnen. Gibt es sie nicht, ist die Id falsch; gibt es sie, sie veröffentlichen (${ESTATE_PUBLISH_PATH.de}).`,
          `One step tells: open the property with this record number in enterprise. If there is none, the id is wrong; if there is, publish it (${ESTATE_PUBLISH_PATH.en}).`,
        ),
      };
    case 'no-read-right-or-not-found':
      return {
        text: L(
          'Das Leserecht reicht nicht hin (sichtbar sind nur die eigenen Immobilien des API-Benutzers), oder sie existiert nicht. Über die API lässt sich das nicht unterscheiden.',
          'The read right does not reach it (only the API user\'s own properties are visible), or it does not exist. The API cannot tell these apart.',
        ),
        fix: L(
          `Ein Schritt entscheidet es: die Immobilie in enterprise öffnen. Gibt es sie, unter ${RIGHTS_PATH.de} ${rn.de} auf Alle setzen. ${SCOPES_NOTE.de}`,
          `One step tells: open the property in enterprise. If it exists, set ${rn.en} to all under ${RIGHTS_PATH.en}. ${SCOPES_NOTE.en}`,
        ),
      };
    case 'nothing-visible':
      return { text: L('Es ist überhaupt keine Immobilie sichtbar; der Grund gilt für alle.', 'No property at all is visible; the reason applies to all.'), fix: null };
    case 'undetermined':
      return {
        text: L(
          'Der Grund ließ sich nicht bestimmen; möglich sind: existiert nicht, nicht veröffentlicht bei gesetzter Einschränkung, kein Leserecht (auch per Datensatzrecht), archiviert.',
          'The reason could not be determined; possible are: does not exist, not published while the restriction is set, no read right (per-record rights included), archived.',
        ),
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
  texts: Localized[];
  fixes: Localized[];
  status: FindingStatus;
  heuristic: boolean;
}

const SEVERITY: Record<FindingStatus, number> = { pass: 0, info: 1, skipped: 1, warn: 2, unknown: 3, fail: 4 };
const worse = (a: FindingStatus, b: FindingStatus): FindingStatus => (SEVERITY[b] > SEVERITY[a] ? b : a);

function visibleVerdict(input: PlanInput, id: number, e: Record<string, unknown>, probes: Probes): VisibleVerdict {
  const v: VisibleVerdict = { reasons: [], texts: [], fixes: [], status: 'pass', heuristic: false };
  const add = (reason: EstateReason, status: FindingStatus, text: Localized, fix: Localized | null) => {
    v.reasons.push(reason);
    v.texts.push(text);
    if (fix) v.fixes.push(fix);
    v.status = worse(v.status, status);
  };
  if (e.veroeffentlichen !== undefined && !flag(e, 'veroeffentlichen')) {
    add(
      'not-published',
      'fail',
      L('Für den API-Benutzer sichtbar, aber nicht veröffentlicht: Website-Listen zeigen nur Veröffentlichtes.', 'Visible to the API user but not published: website lists show published estates only.'),
      L(`Immobilie veröffentlichen: ${ESTATE_PUBLISH_PATH.de}. ${CACHE_HINT.de}`, `Publish the property: ${ESTATE_PUBLISH_PATH.en}. ${CACHE_HINT.en}`),
    );
  }
  const status = String(e.status ?? '1');
  if (status === '2' || status === '0') {
    add(
      'inactive',
      'fail',
      status === '0' ? L('Archiviert (Status 0): Websites zeigen nur aktive Immobilien.', 'Archived (status 0): websites show active estates only.') : L('Inaktiv (Status 2): Websites zeigen nur aktive Immobilien.', 'Inactive (status 2): websites show active estates only.'),
      L('In der Immobilie den Status auf aktiv setzen, wenn sie auf die Website soll.', 'Set the property\'s status to active if it belongs on the website.'),
    );
  }
  const marks: [string, EstateReason, Localized][] = [
    ['verkauft', 'sold', L('verkauft', 'sold')],
    ['reserviert', 'reserved', L('reserviert', 'reserved')],
    ['referenz', 'reference', L('Referenzobjekt', 'a reference estate')],
  ];
  for (const [name, reason, word] of marks) {
    if (!flag(e, name)) continue;
    add(
      reason,
      'info',
      L(
        `Als ${word.de} markiert – kein Fehler: Sie fehlt dort, wo die Liste Ihrer Website verkaufte, reservierte bzw. Referenzobjekte ausfiltert, wie es die üblichen Listenfilter tun.`,
        `Marked ${word.en} — not a fault: it is hidden where your website's list filters out sold, reserved or reference estates, as the common list filters do.`,
      ),
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
          L(`Keine veröffentlichte Fassung in der Sprache ${input.language}: Die ${input.language}-Seite zeigt sie nicht.`, `No published version in ${input.language}: the ${input.language} site does not show it.`),
          L(`In der Immobilie die Fassung in ${input.language} anlegen (Mehrsprachigkeit) und veröffentlichen.`, `Create the ${input.language} version of the property (multi-language module) and publish it.`),
        );
      } else {
        v.texts.push(L(`Ob es eine Fassung in ${input.language} gibt, blieb offen (mehr als ${LANGUAGE_LIMIT} Fassungen).`, `Whether a ${input.language} version exists stayed open (more than ${LANGUAGE_LIMIT} versions).`));
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
    return make(findingId, { status: 'unknown', title: L(`Immobilie ${id}: unbekannt`, `Property ${id}: unknown`), explanation: noAnswer(read), evidence: evidenceOf(read) });
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
        title: L(`Immobilie ${id} ist für den API-Benutzer unsichtbar`, `Property ${id} is invisible to the API user`),
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
      ? L(`Immobilie ${id} erscheint auf der Website`, `Property ${id} shows on the website`)
      : v.status === 'info'
        ? L(`Immobilie ${id}: sichtbar, aber je nach Listenfilter ausgeblendet`, `Property ${id}: visible, but hidden by some list filters`)
        : v.status === 'warn'
          ? v.reasons.includes('no-pictures-released')
            ? L(`Immobilie ${id} erscheint, aber ohne freigegebene Bilder`, `Property ${id} shows, but without released pictures`)
            : L(`Immobilie ${id} erscheint, aber ohne Titelbild`, `Property ${id} shows, but without a title picture`)
          : L(`Immobilie ${id} erscheint nicht auf der Website`, `Property ${id} does not show on the website`);
  return {
    ...make(findingId, {
      status: v.status,
      heuristic: v.heuristic,
      title,
      explanation: v.texts.length > 0 ? join(...v.texts) : L('Sichtbar, veröffentlicht, aktiv und mit freigegebenen Bildern.', 'Visible, published, active and with released pictures.'),
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
      title: L('Ansprechpartner nicht geprüft', 'Contact persons not checked'),
      explanation: L('Keine der erwarteten Immobilien ist sichtbar.', 'None of the expected properties is visible.'),
      evidence,
    });
  }
  const map = contactPersons(probes);
  if (!map) return make('contacts', { status: 'unknown', title: L('Ansprechpartner: unbekannt', 'Contact persons: unknown'), explanation: noAnswer(relation), evidence });
  const wanted = [...new Set(visible.flatMap((id) => map.get(id) ?? []))];
  const read = okResult(addresses);
  if (wanted.length > 0 && !read) return make('contacts', { status: 'unknown', title: L('Ansprechpartner: unbekannt', 'Contact persons: unknown'), explanation: noAnswer(addresses), evidence });
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
      title: L('Ansprechpartner lesbar und veröffentlicht', 'Contact persons readable and published'),
      explanation: L(`Die Ansprechpartner der ${visible.length} sichtbaren erwarteten Immobilien sind lesbar und für die Homepage freigegeben.`, `The contact persons of the ${visible.length} visible expected properties are readable and released for the website.`),
      evidence,
    });
  }
  const parts: Localized[] = [L('Auf der Detailseite bleibt der Ansprechpartner-Kasten leer bei:', 'On the detail page the contact box stays empty for:')];
  const fixes: Localized[] = [];
  if (none.length > 0) {
    parts.push(L(`ohne Ansprechpartner: ${ids(none)};`, `no contact person: ${ids(none)};`));
    fixes.push(L('In der Immobilie einen Ansprechpartner (Betreuer) eintragen.', 'Enter a contact person in the property.'));
  }
  if (unreadable.length > 0) {
    parts.push(L(`Adresse für den API-Benutzer nicht lesbar (Immobilie → Adresse): ${unreadable.join(', ')};`, `address not readable for the API user (property → address): ${unreadable.join(', ')};`));
    fixes.push(L(`Leserecht für Adressen prüfen (${RIGHTS_PATH.de}); bei gesetzter Einschränkung auf Veröffentlichtes die Adresse veröffentlichen.`, `Check the read right for addresses (${RIGHTS_PATH.en}); with the restriction to published records set, publish the address.`));
  }
  if (unpublished.length > 0) {
    parts.push(L(`Adresse nicht für die Homepage freigegeben: ${unpublished.join(', ')}.`, `address not released for the website: ${unpublished.join(', ')}.`));
    fixes.push(L(`In der Adresse ${ADDRESS_PUBLISH_PATH.de} setzen.`, `Set ${ADDRESS_PUBLISH_PATH.en} in the address.`));
  }
  return make('contacts', { status: 'warn', title: L('Ansprechpartner fehlen auf der Website', 'Contact persons missing on the website'), explanation: join(...parts), fix: join(...fixes), evidence });
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
  if (!langs) return make(id, { status: 'unknown', title: L(`Sprache ${lang}: unbekannt`, `Language ${lang}: unknown`), explanation: noAnswer(o), evidence });
  if (langs.size === 0) {
    return make(id, {
      status: 'fail',
      title: L(`Keine veröffentlichte Immobilie in ${lang}`, `No published property in ${lang}`),
      explanation: L(`Die API liefert in ${lang} keine veröffentlichte Immobilie: Die ${lang}-Seite der Website bleibt leer.`, `The API returns no published property in ${lang}: the website's ${lang} pages stay empty.`),
      fix: L(`Für die Immobilien Fassungen in ${lang} anlegen (Mehrsprachigkeit) und veröffentlichen. ${CACHE_HINT.de}`, `Create ${lang} versions of the properties (multi-language module) and publish them. ${CACHE_HINT.en}`),
      evidence,
    });
  }
  const missing = published.filter((e) => !langs.has(e));
  if (missing.length === 0 || !languageComplete(probes)) {
    return make(id, {
      status: 'pass',
      title: L(`Veröffentlichte Immobilien gibt es in ${lang}`, `Published properties exist in ${lang}`),
      explanation: L(`${langs.size} Immobilien haben eine veröffentlichte Fassung in ${lang}.`, `${langs.size} properties have a published ${lang} version.`),
      evidence,
    });
  }
  return make(id, {
    status: 'warn',
    title: L(`${missing.length} veröffentlichte Immobilien fehlen in ${lang}`, `${missing.length} published properties missing in ${lang}`),
    explanation: L(`Ohne veröffentlichte Fassung in ${lang}: ${ids(missing)}. Auf der ${lang}-Seite fehlen sie.`, `Without a published ${lang} version: ${ids(missing)}. They are missing on the ${lang} pages.`),
    fix: L(`Fassungen in ${lang} anlegen und veröffentlichen.`, `Create and publish the ${lang} versions.`),
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
