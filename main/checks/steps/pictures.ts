/**
 * Pictures, as the publish and estate steps both read them. `get estatepictures` returns only pictures released for
 * the own homepage / API, in the categories asked for (both parameters mandatory); `get file` (one estate per
 * action) returns every file with its homepage release and, per portal, its portal release. Together they tell
 * apart: released, released but no title picture, no pictures at all, not released, released only for portals.
 */
import { okResult, probe, type Probe, type Probes } from '../probes.ts';
import { T, type Text } from '../../domain/i18n/index.ts';

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

const RELEASE_PATH = T('finding.pictures.release-path');

/** Why the website shows no picture (or no title picture) of these estates, and what to do; null when all is well. */
export function pictureText(state: PictureState, ids: string): { text: Text; fix: Text | null } | null {
  switch (state) {
    case 'released':
    case 'unknown':
      return null;
    case 'no-title':
      return {
        text: T('finding.pictures.ids-pictures-are-released-but-no', { ids }),
        fix: T('finding.pictures.in-the-property-under-files-give'),
      };
    case 'none':
      return { text: T('finding.pictures.ids-there-are-no-pictures-in', { ids }), fix: T('finding.pictures.upload-pictures-in-the-property-under') };
    case 'not-released':
      return { text: T('finding.pictures.ids-pictures-exist-but-none-is', { ids }), fix: RELEASE_PATH };
    case 'portals-only':
      return { text: T('finding.pictures.ids-pictures-are-released-for-portals', { ids }), fix: RELEASE_PATH };
    case 'not-released-or-none':
      return {
        text: T('finding.pictures.ids-no-picture-released-for-the', { ids }),
        fix: RELEASE_PATH,
      };
  }
}
