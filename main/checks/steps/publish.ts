/**
 * Step: publishing. Whether the "only published" restriction is on, whether published estates have pictures
 * released for the website, and why an expected estate is not visible: it does not exist, the restriction hides
 * it, or the read right does not reach it — told apart as far as the API allows, and said plainly where not.
 */
import {
  MAX_EXPECTED,
  NEVER_HOST,
  SHARED,
  countOf,
  evidenceOf,
  expectedProbe,
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
import { ADDRESS_PUBLISH_PATH, CACHE_HINT, ESTATE_PUBLISH_PATH, HELP_ADVICE, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH, SCOPES_NOTE, rightName } from '../texts.ts';
import { L, type Localized } from '../types.ts';
import type { Step } from './step.ts';
import { emptyCause, readState, restriction, type VisibleModule } from './visibility.ts';

/** The picture categories a website shows (§6): `categories` is mandatory for `get estatepictures`. */
export const WEBSITE_PICTURE_CATEGORIES = ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Lageplan', 'Panorama'] as const;

const MODULE_OF = { estates: 'estate', addresses: 'address' } as const;

const noneVisible = (module: VisibleModule, probes: Probes): boolean => {
  const r = okResult(probe(probes, module === 'estate' ? SHARED.estates.key : SHARED.addresses.key));
  return r !== null && countOf(r) === 0;
};

/** A publish finding that cannot be judged because nothing of the module is visible: it refers to that cause. */
function notJudgeable(id: string, module: VisibleModule, probes: Probes, evidence: ReturnType<typeof evidenceOf>): StepFinding {
  const what = module === 'estate' ? L('Immobilie', 'property') : L('Adresse', 'address');
  return make(id, {
    status: 'skipped',
    heuristic: true,
    cause: emptyCause(module, probes, NEVER_HOST),
    title: L(`Nicht beurteilbar: keine ${what.de} sichtbar`, `Cannot be judged: no ${what.en} visible`),
    explanation: L(`Ohne eine sichtbare ${what.de} lässt sich das nicht beurteilen.`, `With no ${what.en} visible this cannot be judged.`),
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
  const what = kind === 'estates' ? L('Immobilien', 'properties') : L('Adressen', 'addresses');
  const path = kind === 'estates' ? ESTATE_PUBLISH_PATH : ADDRESS_PUBLISH_PATH;
  if (!a || !u) return make(id, { status: 'unknown', title: L(`Veröffentlichung der ${what.de}: unbekannt`, `Publication of ${what.en}: unknown`), explanation: noAnswer(a ? unpublishedProbe : all), evidence });
  const total = countOf(a);
  const unpublished = countOf(u);
  const published = total - unpublished;
  if (total === 0) return notJudgeable(id, module, probes, evidence);
  if (unpublished > 0) {
    return make(id, {
      status: 'pass',
      title: L(`Keine Einschränkung auf veröffentlichte ${what.de}`, `No restriction to published ${what.en}`),
      explanation: L(
        `Sichtbar sind ${total} ${what.de}, davon ${published} veröffentlicht und ${unpublished} nicht – also ist ${ONLY_PUBLISHED_RIGHT.de} nicht gesetzt. Eine Website zeigt trotzdem nur, was veröffentlicht ist (${path.de}).`,
        `${total} ${what.en} are visible, ${published} published and ${unpublished} not — so ${ONLY_PUBLISHED_RIGHT.en} is not set. A website still shows only what is published (${path.en}).`,
      ),
      evidence,
    });
  }
  if (restriction(probes) === 'off') {
    return make(id, {
      status: 'pass',
      title: L(`Keine Einschränkung auf veröffentlichte ${what.de}`, `No restriction to published ${what.en}`),
      explanation: L(
        `Alle ${total} sichtbaren ${what.de} sind veröffentlicht; da andere Datensätze auch unveröffentlicht sichtbar sind, ist ${ONLY_PUBLISHED_RIGHT.de} nicht gesetzt.`,
        `All ${total} visible ${what.en} are published; since other records are visible unpublished too, ${ONLY_PUBLISHED_RIGHT.en} is not set.`,
      ),
      evidence,
    });
  }
  // Nothing unpublished is visible: either the restriction is on, or every record happens to be published.
  const website = input.useCase.name === 'website';
  return make(id, {
    status: website ? 'info' : 'warn',
    heuristic: true,
    cause: { key: 'restriction', rank: 0 },
    title: L(`Vermutlich nur veröffentlichte ${what.de} sichtbar`, `Probably only published ${what.en} visible`),
    explanation: L(
      `Sichtbar sind ${total} ${what.de}, darunter keine unveröffentlichten. Entweder ist ${ONLY_PUBLISHED_RIGHT.de} gesetzt, oder es ist zufällig alles veröffentlicht. ${HELP_ADVICE.de}${website ? '' : ' Für diesen Einsatzzweck fehlen dann alle unveröffentlichten Datensätze.'}`,
      `${total} ${what.en} are visible, not one of them unpublished. Either ${ONLY_PUBLISHED_RIGHT.en} is set, or everything happens to be published. ${HELP_ADVICE.en}${website ? '' : ' For this use case every unpublished record is then missing.'}`,
    ),
    fix: L(
      `Soll der API-Benutzer auch Unveröffentlichtes sehen: unter ${RIGHTS_PATH.de} ${ONLY_PUBLISHED_RIGHT.de} entfernen. Sonst die gewünschten Datensätze veröffentlichen (Immobilien: ${ESTATE_PUBLISH_PATH.de}; Adressen: ${ADDRESS_PUBLISH_PATH.de}). ${CACHE_HINT.de}`,
      `If the API user should see unpublished records too: remove ${ONLY_PUBLISHED_RIGHT.en} under ${RIGHTS_PATH.en}. Otherwise publish the records wanted (properties: ${ESTATE_PUBLISH_PATH.en}; addresses: ${ADDRESS_PUBLISH_PATH.en}). ${CACHE_HINT.en}`,
    ),
    evidence,
  });
}

/** Published estates among the visible ones, for the picture probe. */
export const publishedEstateIds = (probes: Probes): number[] => recordIds(okResult(probe(probes, SHARED.estatesPublished.key)));

/** Estate ids that have at least one picture in the answer of `get estatepictures`. */
export function estatesWithPictures(probes: Probes): Set<number> {
  const out = new Set<number>();
  for (const rec of okResult(probe(probes, 'pictures'))?.records ?? []) {
    const items = Array.isArray(rec.elements) ? rec.elements : [rec.elements];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const e = item as Record<string, unknown>;
      const id = Number(e.estateid ?? e.estateMainId);
      if (Number.isInteger(id)) out.add(id);
    }
  }
  return out;
}

function picturesFinding(probes: Probes): StepFinding {
  const published = publishedEstateIds(probes);
  const source = probe(probes, SHARED.estatesPublished.key);
  const o = probe(probes, 'pictures');
  const evidence = evidenceOf(source, o);
  const categories = WEBSITE_PICTURE_CATEGORIES.join(', ');
  if (published.length === 0) {
    if (!okResult(source)) return make('publish:pictures', { status: 'unknown', title: L('Bilder: unbekannt', 'Pictures: unknown'), explanation: noAnswer(source), evidence });
    if (noneVisible('estate', probes)) return notJudgeable('publish:pictures', 'estate', probes, evidence);
    return make('publish:pictures', {
      status: 'skipped',
      title: L('Bilder nicht geprüft', 'Pictures not checked'),
      explanation: L('Es ist keine veröffentlichte Immobilie sichtbar, deren Bilder sich prüfen ließen.', 'No published property is visible whose pictures could be checked.'),
      evidence,
    });
  }
  if (!okResult(o)) return make('publish:pictures', { status: 'unknown', title: L('Bilder: unbekannt', 'Pictures: unknown'), explanation: noAnswer(o), evidence });
  const withPictures = estatesWithPictures(probes);
  const missing = published.filter((id) => !withPictures.has(id));
  if (missing.length === 0) {
    return make('publish:pictures', {
      status: 'pass',
      title: L('Bilder für die Homepage freigegeben', 'Pictures released for the website'),
      explanation: L(
        `Alle ${published.length} geprüften veröffentlichten Immobilien haben mindestens ein für die Homepage freigegebenes Bild (Kategorien ${categories}).`,
        `All ${published.length} published properties checked have at least one picture released for the website (categories ${categories}).`,
      ),
      evidence,
    });
  }
  return make('publish:pictures', {
    status: 'warn',
    heuristic: true,
    title: L(`${missing.length} veröffentlichte Immobilien ohne freigegebenes Bild`, `${missing.length} published properties without a released picture`),
    explanation: L(
      `Die API liefert nur Bilder, die für die Homepage freigegeben sind (geprüft: ${categories}). Ohne ein solches Bild: ${missing.join(', ')}. Entweder fehlen Bilder ganz, oder keines ist freigegeben – das lässt sich über diese Abfrage nicht unterscheiden.`,
      `The API returns only pictures released for the website (checked: ${categories}). Without such a picture: ${missing.join(', ')}. Either there are no pictures at all, or none is released — this query cannot tell which.`,
    ),
    fix: L(
      'In der Immobilie auf der Registerkarte Dateien das Bild öffnen, die Veröffentlichung für die Homepage setzen und speichern.',
      'In the property, on the Files tab, open the picture, release it for the website and save.',
    ),
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Expected estates.

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
  const read = okResult(probe(probes, 'expected'));
  if (!read) return out;
  const seen = new Set(recordIds(read));
  const invisible = input.expectEstates.slice(0, MAX_EXPECTED).filter((id) => !seen.has(id));
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

const ids = (xs: readonly number[]) => xs.join(', ');

function verdictText(verdict: InvisibleVerdict, list: string): { text: Localized; fix: Localized | null } {
  const rn = rightName('estate', 'read');
  switch (verdict) {
    case 'not-found':
      return {
        text: L(
          `${list}: existiert nicht. Das Leserecht reicht auf alle Immobilien, nichts ist auf Veröffentlichtes eingeschränkt, und die Rechteprüfung kennt die Id nicht. Es zählt die Datensatznummer, nicht die externe Objektnummer; sonst schließt allenfalls ein Datensatzrecht sie aus.`,
          `${list}: does not exist. The read right covers all properties, nothing is restricted to published records, and the rights check does not know the id. The record number counts, not the external object number; otherwise at most a per-record right excludes it.`,
        ),
        fix: L('Die Datensatznummer der Immobilie in enterprise nachsehen und die richtige Id verwenden.', 'Look up the property\'s record number in enterprise and use the right id.'),
      };
    case 'hidden-by-publish-restriction':
      return {
        text: L(
          `${list}: existiert und ist lesbar, wird aber nicht geliefert – ${ONLY_PUBLISHED_RIGHT.de} ist gesetzt, und die Immobilie ist nicht veröffentlicht.`,
          `${list}: exists and is readable but is not returned — ${ONLY_PUBLISHED_RIGHT.en} is set and the property is not published.`,
        ),
        fix: L(`Immobilie veröffentlichen (${ESTATE_PUBLISH_PATH.de}) oder ${ONLY_PUBLISHED_RIGHT.de} entfernen. ${CACHE_HINT.de}`, `Publish the property (${ESTATE_PUBLISH_PATH.en}) or remove ${ONLY_PUBLISHED_RIGHT.en}. ${CACHE_HINT.en}`),
      };
    case 'not-found-or-hidden':
      return {
        text: L(
          `${list}: existiert nicht, oder ${ONLY_PUBLISHED_RIGHT.de} verbirgt sie (wenn die Rechteprüfung die Veröffentlichung mitberücksichtigt – das ist nicht dokumentiert). Über die API lässt sich das nicht unterscheiden.`,
          `${list}: does not exist, or ${ONLY_PUBLISHED_RIGHT.en} hides it (if the rights check takes publication into account — this is not documented). The API cannot tell these apart.`,
        ),
        fix: L(
          `Ein Schritt entscheidet es: die Immobilie in enterprise unter dieser Datensatznummer öffnen. Gibt es sie nicht, ist die Id falsch; gibt es sie, sie veröffentlichen (${ESTATE_PUBLISH_PATH.de}).`,
          `One step tells: open the property with this record number in enterprise. If there is none, the id is wrong; if there is, publish it (${ESTATE_PUBLISH_PATH.en}).`,
        ),
      };
    case 'no-read-right-or-not-found':
      return {
        text: L(
          `${list}: Das Leserecht reicht nicht hin (sichtbar sind nur die eigenen Immobilien des API-Benutzers), oder sie existiert nicht. Über die API lässt sich das nicht unterscheiden.`,
          `${list}: the read right does not reach it (only the API user's own properties are visible), or it does not exist. The API cannot tell these apart.`,
        ),
        fix: L(
          `Ein Schritt entscheidet es: die Immobilie in enterprise öffnen. Gibt es sie, unter ${RIGHTS_PATH.de} ${rn.de} auf Alle setzen. ${SCOPES_NOTE.de}`,
          `One step tells: open the property in enterprise. If it exists, set ${rn.en} to all under ${RIGHTS_PATH.en}. ${SCOPES_NOTE.en}`,
        ),
      };
    case 'nothing-visible':
      return {
        text: L(`${list}: Es ist überhaupt keine Immobilie sichtbar; der Grund gilt für alle.`, `${list}: no property at all is visible; the reason applies to all.`),
        fix: null,
      };
    case 'undetermined':
      return {
        text: L(
          `${list}: Der Grund ließ sich nicht bestimmen; möglich sind: existiert nicht, nicht veröffentlicht bei gesetzter Einschränkung, kein Leserecht (auch per Datensatzrecht), archiviert.`,
          `${list}: the reason could not be determined; possible are: does not exist, not published while the restriction is set, no read right (per-record rights included), archived.`,
        ),
        fix: null,
      };
  }
}

function expectedFinding(input: PlanInput, probes: Probes): StepFinding {
  const read = probe(probes, 'expected');
  const check = probe(probes, 'right:expected');
  const evidence = evidenceOf(read, check);
  if (!okResult(read)) return make('publish:expected', { status: 'unknown', title: L('Erwartete Immobilien: unbekannt', 'Expected properties: unknown'), explanation: noAnswer(read), evidence });
  const verdicts = invisibleVerdicts(input, probes);
  const asked = Math.min(input.expectEstates.length, MAX_EXPECTED);
  if (verdicts.size === 0) {
    return make('publish:expected', {
      status: 'pass',
      title: L('Alle erwarteten Immobilien sichtbar', 'All expected properties visible'),
      explanation: L(`Alle ${asked} erwarteten Immobilien sind für den API-Benutzer sichtbar.`, `All ${asked} expected properties are visible to the API user.`),
      evidence,
    });
  }
  const groups = new Map<InvisibleVerdict, number[]>();
  for (const [id, v] of verdicts) groups.set(v, [...(groups.get(v) ?? []), id]);
  const texts = [...groups].map(([v, list]) => verdictText(v, ids(list)));
  const fixes = texts.flatMap((t) => (t.fix ? [t.fix] : []));
  // One verdict that is a module-wide cause: refer to the finding naming it instead of a competing fix.
  const only = groups.size === 1 ? [...groups.keys()][0] : undefined;
  let cause: Cause | undefined;
  if (only === 'nothing-visible') cause = emptyCause('estate', probes, NEVER_HOST);
  else if (only === 'hidden-by-publish-restriction') cause = emptyCause('estate', probes, NEVER_HOST);
  else if (only === 'no-read-right-or-not-found') cause = { key: 'read-own:estate', rank: NEVER_HOST };
  const undetermined = only === 'undetermined';
  return make('publish:expected', {
    status: undetermined ? 'unknown' : 'fail',
    heuristic: true,
    ...(cause ? { cause } : {}),
    title: L(`${verdicts.size} von ${asked} erwarteten Immobilien unsichtbar`, `${verdicts.size} of ${asked} expected properties invisible`),
    explanation: join(L(`Nicht sichtbar: ${ids([...verdicts.keys()])}.`, `Not visible: ${ids([...verdicts.keys()])}.`), ...texts.map((t) => t.text)),
    fix: fixes.length > 0 ? join(...fixes) : null,
    evidence,
  });
}

// ---------------------------------------------------------------------------------------------------------------

const wantsPublish = (input: PlanInput) => input.useCase.publish;

export const publishStep: Step = {
  name: 'publish',
  findingIds: (input) => {
    const p = wantsPublish(input);
    return [
      ...(p.estates ? ['publish:estates'] : []),
      ...(p.addresses ? ['publish:addresses'] : []),
      ...(p.pictures ? ['publish:pictures'] : []),
      ...(input.expectEstates.length > 0 ? ['publish:expected'] : []),
    ];
  },
  firstBatch: (input) => {
    const p = wantsPublish(input);
    const out: Probe[] = [];
    const expected = expectedProbe(input);
    // The restriction shows in either module, and the expected-estate verdicts need the estate reads.
    if (p.estates || p.pictures || p.addresses || expected) out.push(SHARED.estates, SHARED.estatesPublished, SHARED.estatesUnpublished);
    if (p.addresses) out.push(SHARED.addresses, SHARED.addressesUnpublished);
    if (expected) out.push(SHARED.me, SHARED.estateOwners, expected);
    return out;
  },
  secondBatch: (input, probes) => {
    const out: Probe[] = [];
    const read = okResult(probe(probes, 'expected'));
    if (read) {
      const seen = new Set(recordIds(read));
      const invisible = input.expectEstates.slice(0, MAX_EXPECTED).filter((id) => !seen.has(id));
      if (invisible.length > 0) {
        out.push({
          key: 'right:expected',
          request: `get checkuserrecordsright (read estate, ${ids(invisible)})`,
          spec: { kind: 'get', resourcetype: 'checkuserrecordsright', parameters: { action: 'read', module: 'estate', recordIds: invisible } },
        });
      }
    }
    const published = publishedEstateIds(probes);
    if (input.useCase.publish.pictures && published.length > 0) {
      out.push({
        key: 'pictures',
        request: `get estatepictures (${published.length} published estate(s), categories ${WEBSITE_PICTURE_CATEGORIES.join(', ')})`,
        spec: { kind: 'get', resourcetype: 'estatepictures', parameters: { estateids: published, categories: [...WEBSITE_PICTURE_CATEGORIES] } },
      });
    }
    return out;
  },
  findings: (input, probes) => {
    const p = wantsPublish(input);
    const out: StepFinding[] = [];
    if (p.estates) out.push(publishFinding('estates', input, probes));
    if (p.addresses) out.push(publishFinding('addresses', input, probes));
    if (p.pictures) out.push(picturesFinding(probes));
    if (input.expectEstates.length > 0) out.push(expectedFinding(input, probes));
    return out;
  },
};
