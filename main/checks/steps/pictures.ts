/**
 * Pictures, as the publish and estate steps both read them. `get estatepictures` returns only pictures released for
 * the own homepage / API, in the categories asked for (both parameters mandatory); `get file` (one estate per
 * action) returns every file with its homepage release and, per portal, its portal release. Together they tell
 * apart: released, released but no title picture, no pictures at all, not released, released only for portals.
 */
import { okResult, probe, type Probe, type Probes } from '../probes.ts';
import { L, type Localized } from '../types.ts';

/** The picture categories a website shows by default (§6). */
export const WEBSITE_PICTURE_CATEGORIES = ['Titelbild', 'Foto', 'Foto_gross', 'Grundriss', 'Lageplan', 'Panorama'] as const;
/** `get file` answers at most this many files per estate (apidoc: listlimit maximum 100). */
const FILES_LIMIT = 100;
/** Estates whose files one run reads: one action each. */
export const MAX_FILE_PROBES = 20;

export function picturesProbe(key: string, estateIds: readonly number[], categories: readonly string[]): Probe {
  return {
    key,
    request: `get estatepictures (${estateIds.length} estate(s), categories ${categories.join(', ')})`,
    spec: { kind: 'get', resourcetype: 'estatepictures', parameters: { estateids: [...estateIds], categories: [...categories] } },
  };
}

export const filesKey = (estateId: number): string => `files:${estateId}`;

export function filesProbe(estateId: number): Probe {
  return {
    key: filesKey(estateId),
    request: `get file (estate ${estateId}, release flags)`,
    spec: {
      kind: 'get',
      resourcetype: 'file',
      resourceid: 'estate',
      parameters: { estateid: estateId, showispublishedonhomepage: true, showpublicationstatus: true, listlimit: FILES_LIMIT },
    },
  };
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

/** Picture types per estate id in an answer of `get estatepictures`. */
export function releasedPictures(probes: Probes, key: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const rec of okResult(probe(probes, key))?.records ?? []) {
    const items = Array.isArray(rec.elements) ? rec.elements : [rec.elements];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const e = item as Record<string, unknown>;
      const id = Number(e.estateid ?? e.estateMainId);
      if (!Number.isInteger(id)) continue;
      out.set(id, [...(out.get(id) ?? []), String(e.type ?? '')]);
    }
  }
  return out;
}

/**
 * Whether a file is released for at least one portal. The documentation describes `publicationstatus` only in
 * words ("portal id, portal name and status 1/0, as an object of arrays"), so both plausible shapes are read:
 * `{"12": ["Portal", 1]}` and `[{portalid, portalname, status}]`.
 */
export function releasedForPortals(status: unknown): boolean {
  const entries = Array.isArray(status) ? status : status && typeof status === 'object' ? Object.values(status) : [];
  return entries.some((entry) => {
    // The first item is the portal's id or name, never its status.
    if (Array.isArray(entry)) return entry.slice(1).some(truthy);
    if (entry && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      return truthy(e.status ?? e.published ?? e.publicationstatus);
    }
    return false;
  });
}

export type PictureState = 'released' | 'no-title' | 'none' | 'not-released' | 'portals-only' | 'not-released-or-none' | 'unknown';

/** What the website gets of one estate's pictures in the given categories. */
export function pictureState(estateId: number, probes: Probes, picturesKey: string, categories: readonly string[]): PictureState {
  if (!okResult(probe(probes, picturesKey))) return 'unknown';
  const released = releasedPictures(probes, picturesKey).get(estateId) ?? [];
  if (released.length > 0) return categories.includes('Titelbild') && !released.includes('Titelbild') ? 'no-title' : 'released';
  const files = okResult(probe(probes, filesKey(estateId)));
  if (!files) return 'not-released-or-none';
  const pictures = files.records
    .map((r) => (r.elements && typeof r.elements === 'object' && !Array.isArray(r.elements) ? (r.elements as Record<string, unknown>) : {}))
    .filter((e) => e.category !== 'internal' && categories.includes(String(e.type ?? '')));
  if (pictures.length === 0) return 'none';
  if (pictures.some((e) => truthy(e.ispublishedonhomepage))) return 'released';
  return pictures.some((e) => releasedForPortals(e.publicationstatus)) ? 'portals-only' : 'not-released';
}

const RELEASE_PATH = L(
  'In der Immobilie auf der Registerkarte Dateien das Bild öffnen und unter Veröffentlichung die eigene Homepage / API anhaken, dann speichern.',
  'In the property, on the Files tab, open the picture and tick own homepage / API under publication, then save.',
);

/** Why the website shows no picture (or no title picture) of these estates, and what to do; null when all is well. */
export function pictureText(state: PictureState, ids: string): { text: Localized; fix: Localized | null } | null {
  switch (state) {
    case 'released':
    case 'unknown':
      return null;
    case 'no-title':
      return {
        text: L(`${ids}: Bilder sind freigegeben, aber kein Titelbild – Listen zeigen dann ein beliebiges oder gar kein Vorschaubild.`, `${ids}: pictures are released, but no title picture — lists then show any picture or none as the preview.`),
        fix: L('In der Immobilie unter Dateien einem Bild die Art Titelbild geben und es für die Homepage freigeben.', 'In the property, under Files, give one picture the type Titelbild (title picture) and release it for the website.'),
      };
    case 'none':
      return { text: L(`${ids}: Es gibt keine Bilder in den Kategorien der Website.`, `${ids}: there are no pictures in the website's categories.`), fix: L('Bilder in der Immobilie unter Dateien hochladen und für die Homepage freigeben.', 'Upload pictures in the property under Files and release them for the website.') };
    case 'not-released':
      return { text: L(`${ids}: Bilder sind vorhanden, aber keines ist für die Homepage / API freigegeben.`, `${ids}: pictures exist, but none is released for the homepage / API.`), fix: RELEASE_PATH };
    case 'portals-only':
      return { text: L(`${ids}: Bilder sind nur für Portale freigegeben, nicht für die eigene Homepage / API.`, `${ids}: pictures are released for portals only, not for the own homepage / API.`), fix: RELEASE_PATH };
    case 'not-released-or-none':
      return {
        text: L(`${ids}: kein für die Homepage freigegebenes Bild – entweder gibt es keine Bilder, oder keines ist freigegeben (die Dateiliste war nicht abrufbar).`, `${ids}: no picture released for the website — either there are none, or none is released (the file list could not be read).`),
        fix: RELEASE_PATH,
      };
  }
}
