/**
 * What the API user sees, as the rights and publish steps both read it: per module whether reads return records
 * and whose, and whether the "only published" restriction is on. No call answers these for certain (§9); they
 * are inferred from the sample reads, so every conclusion built on them is a heuristic.
 */
import { SHARED, countOf, grantedIds, identityOf, okResult, probe, recordField, recordIds, type Cause, type Probes } from '../probes.ts';

export type VisibleModule = 'estate' | 'address';

/**
 * `some`: records visible, not all of them the API user's own; `own`: every visible record is the API user's own
 * (points to "only own"); `none`: the read worked and returned nothing; `unknown`: the read gave no answer.
 */
export type ReadState = 'some' | 'own' | 'none' | 'unknown';

const READ_KEY: Record<VisibleModule, string> = { estate: SHARED.estates.key, address: SHARED.addresses.key };
const OWNERS: Record<VisibleModule, { key: string; field: string }> = {
  estate: { key: SHARED.estateOwners.key, field: 'benutzer' },
  address: { key: SHARED.addressOwners.key, field: 'Benutzer' },
};

export function readState(module: VisibleModule, probes: Probes): ReadState {
  const r = okResult(probe(probes, READ_KEY[module]));
  if (!r) return 'unknown';
  if (countOf(r) === 0) return 'none';
  const me = identityOf(probe(probes, SHARED.me.key));
  const owners = okResult(probe(probes, OWNERS[module].key));
  const values = owners ? recordField(owners, OWNERS[module].field) : [];
  return me !== null && values.length > 0 && values.every((v) => v === String(me.id)) ? 'own' : 'some';
}

/** `off`: an unpublished record is visible; `likely`: records are visible but not one unpublished; `unknown`. */
export type Restriction = 'off' | 'likely' | 'unknown';

const UNPUBLISHED: Record<VisibleModule, string> = { estate: SHARED.estatesUnpublished.key, address: SHARED.addressesUnpublished.key };

/**
 * One right covers estates and addresses, so either module can show it. An expected estate that the rights check
 * grants but the list read leaves out shows it too: only the restriction hides a readable estate.
 */
export function restriction(probes: Probes): Restriction {
  let likely = false;
  for (const module of ['estate', 'address'] as const) {
    const all = okResult(probe(probes, READ_KEY[module]));
    const unpublished = okResult(probe(probes, UNPUBLISHED[module]));
    if (!all || !unpublished || countOf(all) === 0) continue;
    if (countOf(unpublished) > 0) return 'off';
    likely = true;
  }
  const expected = okResult(probe(probes, 'expected'));
  const check = okResult(probe(probes, 'right:expected'));
  if (expected && check) {
    const listed = new Set(recordIds(expected));
    likely ||= grantedIds(check).some((id) => !listed.has(id));
  }
  return likely ? 'likely' : 'unknown';
}

/**
 * The common cause of an empty module, so the read finding and the publish findings of that module name one
 * cause: the restriction when the other module shows it on, missing read rights when it is off, and "nothing
 * visible at all" (rights or restriction, indistinguishable) when no module shows anything.
 */
export function emptyCause(module: VisibleModule, probes: Probes, rank: number): Cause {
  const r = restriction(probes);
  if (r === 'likely') return { key: 'restriction', rank };
  if (r === 'off') return { key: `read-none:${module}`, rank };
  return { key: 'nothing-visible', rank };
}
