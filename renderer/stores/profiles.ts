/**
 * The profiles as main shows them: metadata and the state of their credentials, never the credentials. Token,
 * secret and API claim pass through `create` and `rotate` to main and are not kept.
 */
import { create } from 'zustand';
import type { BoundaryError, ProfileView, RequestOf, Result } from '../../preload/contract.ts';
import { getDesk } from '../desk.ts';
import type { StatusFilter } from './selectors.ts';

interface ProfilesState {
  profiles: ProfileView[];
  loaded: boolean;
  selectedId: string | null;
  /** A profile whose credential replacement the profiles page opens with (asked for from a check finding). */
  rotationRequested: string | null;
  query: string;
  statusFilter: StatusFilter;
  load(): Promise<BoundaryError | null>;
  select(id: string | null): void;
  /** Selects the profile and asks the profiles page to open its credential replacement. */
  requestRotation(id: string): void;
  /** The profiles page took the request. */
  takeRotation(): string | null;
  setQuery(query: string): void;
  setStatusFilter(filter: StatusFilter): void;
  create(request: RequestOf<'profilesCreate'>): Promise<Result<ProfileView>>;
  update(id: string, patch: RequestOf<'profilesUpdate'>['patch']): Promise<Result<ProfileView>>;
  rotate(id: string, credentials: Omit<RequestOf<'profilesRotateCredentials'>, 'id'>): Promise<Result<ProfileView>>;
  duplicate(id: string, withCredentials: boolean): Promise<Result<ProfileView>>;
  remove(id: string): Promise<BoundaryError | null>;
  copyToken(id: string): Promise<Result<{ clearsAfterSeconds: number }>>;
  /** "Try it with the sandbox": the demo profiles join the list; none is selected, the list shows them all. */
  startDemo(): Promise<Result<ProfileView[]>>;
  /** Removes every demo profile (main stops the sandbox). */
  removeDemo(): Promise<Result<{ removed: number }>>;
}

const upsert = (list: readonly ProfileView[], p: ProfileView): ProfileView[] =>
  list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p];

export const useProfilesStore = create<ProfilesState>()((set, get) => {
  const keep = (r: Result<ProfileView>, select: boolean): Result<ProfileView> => {
    if (r.ok) set((s) => ({ profiles: upsert(s.profiles, r.value), ...(select ? { selectedId: r.value.id } : {}) }));
    return r;
  };
  return {
    profiles: [],
    loaded: false,
    selectedId: null,
    rotationRequested: null,
    query: '',
    statusFilter: 'all',
    async load() {
      const r = await getDesk().profilesList({});
      if (!r.ok) return r.error;
      const selected = get().selectedId;
      set({ profiles: r.value, loaded: true, selectedId: r.value.some((p) => p.id === selected) ? selected : null });
      return null;
    },
    select: (id) => set({ selectedId: id }),
    requestRotation: (id) => set({ selectedId: id, rotationRequested: id, query: '', statusFilter: 'all' }),
    takeRotation() {
      const id = get().rotationRequested;
      if (id !== null) set({ rotationRequested: null });
      return id;
    },
    setQuery: (query) => set({ query }),
    setStatusFilter: (statusFilter) => set({ statusFilter }),
    create: async (request) => keep(await getDesk().profilesCreate(request), true),
    update: async (id, patch) => keep(await getDesk().profilesUpdate({ id, patch }), false),
    rotate: async (id, credentials) => keep(await getDesk().profilesRotateCredentials({ id, ...credentials }), false),
    duplicate: async (id, withCredentials) => keep(await getDesk().profilesDuplicate({ id, withCredentials }), true),
    async remove(id) {
      const r = await getDesk().profilesDelete({ id });
      if (!r.ok) return r.error;
      set((s) => ({ profiles: s.profiles.filter((p) => p.id !== id), selectedId: s.selectedId === id ? null : s.selectedId }));
      return null;
    },
    copyToken: (id) => getDesk().profilesCopyToken({ id }),
    async startDemo() {
      const r = await getDesk().demoStart({});
      if (r.ok) set((s) => ({ profiles: r.value.reduce(upsert, s.profiles), query: '', statusFilter: 'all' }));
      return r;
    },
    async removeDemo() {
      const r = await getDesk().demoRemove({});
      if (r.ok) await get().load();
      return r;
    },
  };
});
