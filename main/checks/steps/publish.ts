/**
 * Step: publishing. Whether the "only published" restriction is on, and whether published estates have pictures
 * released for the website (and if not, why: none, not released, released for portals only, no title picture).
 */
import { NEVER_HOST, SHARED, countOf, evidenceOf, join, make, noAnswer, okResult, probe, recordIds, type PlanInput, type Probe, type Probes, type StepFinding } from '../probes.ts';
import { ADDRESS_PUBLISH_PATH, CACHE_HINT, ESTATE_PUBLISH_PATH, HELP_ADVICE, ONLY_PUBLISHED_RIGHT, RIGHTS_PATH } from '../texts.ts';
import { L } from '../types.ts';
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
      title: L('Bilder für die Homepage freigegeben', 'Pictures released for the website'),
      explanation: L(
        `Alle ${published.length} geprüften veröffentlichten Immobilien haben mindestens ein für die Homepage freigegebenes Bild (Kategorien ${categories}).`,
        `All ${published.length} published properties checked have at least one picture released for the website (categories ${categories}).`,
      ),
      evidence,
    });
  }
  const missing = problems.filter((p) => p.state !== 'no-title').flatMap((p) => p.ids);
  const fixes = [...new Map(problems.flatMap((p) => (p.fix ? [[p.fix.en, p.fix] as const] : []))).values()];
  return make('publish:pictures', {
    status: 'warn',
    heuristic: problems.some((p) => p.state === 'not-released-or-none'),
    title:
      missing.length > 0
        ? L(`${missing.length} veröffentlichte Immobilien ohne freigegebenes Bild`, `${missing.length} published properties without a released picture`)
        : L('Veröffentlichte Immobilien ohne Titelbild', 'Published properties without a title picture'),
    explanation: join(
      L(`Die API liefert nur Bilder, die für die Homepage freigegeben sind (geprüft: ${categories}).`, `The API returns only pictures released for the website (checked: ${categories}).`),
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
