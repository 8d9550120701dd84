/** The profiles domain: the list, create, edit, duplicate, delete, new credentials, and copying a token. */
import type { ProfileView, UseCase } from '../../preload/contract.ts';
import { USE_CASES } from '../../preload/contract.ts';
import { T } from '../domain/i18n/index.ts';
import type { Profile } from '../store/profiles.ts';
import type { ServiceContext } from './context.ts';
import { BoundaryFailure, type Handlers } from './dispatch.ts';

const CLIPBOARD_CLEAR_SECONDS = 30;

/** A profile as the renderer sees it: metadata, the token's hint and how its credentials stand; never a secret. */
export function toProfileView(p: Profile, locked: boolean): ProfileView {
  const last = p.lastCheck as ProfileView['lastCheck'];
  return {
    id: p.id,
    label: p.label,
    customer: p.customer,
    endpoint: p.endpoint,
    useCase: (USE_CASES as readonly string[]).includes(p.useCase) ? (p.useCase as UseCase) : 'custom',
    notes: p.notes,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    lastCheck: last && typeof last === 'object' && 'at' in last ? last : null,
    credentials: {
      state: p.credentialsState === 'ok' && locked ? 'locked' : p.credentialsState,
      tokenHint: p.tokenHint,
      hasApiClaim: p.hasApiClaim,
      cipher: p.sealedBy?.cipher ?? null,
      backend: p.sealedBy?.backend ?? null,
    },
    demo: p.demoScenario !== null,
  };
}

export type ProfileHandlers = Pick<
  Handlers,
  'profilesList' | 'profilesGet' | 'profilesCreate' | 'profilesUpdate' | 'profilesRotateCredentials' | 'profilesDelete' | 'profilesDuplicate' | 'profilesCopyToken'
>;

export function profileHandlers(ctx: Pick<ServiceContext, 'profiles' | 'view' | 'requireProfile' | 'options'>): ProfileHandlers {
  const { profiles, view, requireProfile } = ctx;
  return {
    profilesList: async () => profiles.list().map(view),
    profilesGet: async ({ id }) => view(requireProfile(id)),
    profilesCreate: async ({ token, secret, apiClaim, ...fields }) => view(await profiles.create(fields, { token, secret, apiClaim })),
    profilesUpdate: async ({ id, patch }) => view(profiles.updateMetadata(id, patch)),
    profilesRotateCredentials: async ({ id, token, secret, apiClaim }) => view(await profiles.rotateCredentials(id, { token, secret, apiClaim })),
    profilesDelete: async ({ id }) => {
      profiles.delete(id);
      return { deleted: true as const };
    },
    profilesDuplicate: async ({ id, withCredentials }) => {
      const copy = profiles.duplicate(id);
      if (withCredentials && requireProfile(id).credentialsState === 'ok') {
        return view(await profiles.rotateCredentials(copy.id, await profiles.readCredentials(id)));
      }
      return view(copy);
    },
    profilesCopyToken: async ({ id }) => {
      const clipboard = ctx.options.clipboard;
      if (!clipboard) throw new BoundaryFailure('clipboard-unavailable', T('error.clipboard-unavailable'));
      const { token } = await profiles.readCredentials(id);
      clipboard.copyAndClear(token, CLIPBOARD_CLEAR_SECONDS * 1000);
      return { clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS };
    },
  };
}
