/**
 * The field explorer: one profile's field catalogue at a time as main keeps it (cached, so it opens offline), a
 * fetch of a fresh one, and the permitted values of the fields the person opens, asked for one field at a time.
 * Answers for a profile that is no longer shown are dropped.
 */
import { create } from 'zustand';
import type { BoundaryError, FieldCatalogueView, FieldModule, FieldValuesView } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';

export const valuesKey = (module: FieldModule, name: string): string => `${module}:${name}`;

interface FieldsState {
  profileId: string | null;
  catalogue: FieldCatalogueView | null;
  /** The cached catalogue has been asked for. */
  loaded: boolean;
  fetching: boolean;
  error: BoundaryError | null;
  /** Permitted values by `valuesKey`. */
  values: Record<string, FieldValuesView['values']>;
  load(profileId: string): Promise<void>;
  fetch(): Promise<void>;
  loadValues(module: FieldModule, name: string): Promise<void>;
  dismissError(): void;
}

export const useFieldsStore = create<FieldsState>()((set, get) => ({
  profileId: null,
  catalogue: null,
  loaded: false,
  fetching: false,
  error: null,
  values: {},
  async load(profileId) {
    set({ profileId, catalogue: null, loaded: false, fetching: false, error: null, values: {} });
    const r = await getDesk().fieldsGet({ profileId });
    if (get().profileId !== profileId) return;
    set(r.ok ? { catalogue: r.value, loaded: true } : { error: r.error, loaded: true });
  },
  async fetch() {
    const { profileId, fetching } = get();
    if (profileId === null || fetching) return;
    set({ fetching: true, error: null });
    const r = await getDesk().fieldsFetch({ profileId });
    if (get().profileId !== profileId) return;
    // A failed fetch keeps the catalogue on screen: an old list is better than none.
    set(r.ok ? { catalogue: r.value, values: {}, fetching: false } : { error: r.error, fetching: false });
  },
  async loadValues(module, name) {
    const { profileId, values } = get();
    const key = valuesKey(module, name);
    if (profileId === null || values[key] !== undefined) return;
    const r = await getDesk().fieldsValues({ profileId, module, name });
    if (get().profileId !== profileId) return;
    set(r.ok ? { values: { ...get().values, [key]: r.value.values } } : { error: r.error });
  },
  dismissError: () => set({ error: null }),
}));
