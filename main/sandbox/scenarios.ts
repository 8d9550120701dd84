/**
 * Named scenarios: each builds one tenant with at least one API user set up the way a real customer might have
 * done it — correctly or with one typical mistake. Same seed, same tenant and credentials.
 */
import { addContactPersons, addLanguageVersions, addPortalReleases, englishTexts, sampleTenant, tenantDomain } from './data.ts';
import type { Estate, Picture, Rights, RightsChanges, Tenant, User } from './model.ts';
import { formatDateTime, nextId, uniformRights, withRights } from './model.ts';
import type { Random } from './random.ts';
import { deriveSeed, pick, pickSome, randomInt, randomString, seededRandom } from './random.ts';

const NAMES = [
  'healthy-website',
  'wrong-secret',
  'revoked-token',
  'no-read-rights',
  'only-own-rights',
  'only-published-none-published',
  'only-published-some',
  'excess-rights',
  'no-mailbox',
  'inactive-mailbox',
  'admin-log-reader',
  'clock-skew',
  'flaky',
  'estate-variety',
  'marketplace-provider',
] as const;
export type ScenarioName = (typeof NAMES)[number];
/** Typed as plain strings so that callers can test any input with `includes`. */
export const SCENARIO_NAMES: readonly string[] = NAMES;

/** Credentials as handed out to a tester: what a person would paste into the app. */
export interface SandboxApiUser {
  scenario: string;
  userName: string;
  userId: number;
  token: string;
  secret: string;
  description: string;
  /** For an API user a marketplace activation created: the latest apiClaim, to send as `extendedclaim`. */
  apiClaim?: string;
}

export interface BuiltScenario {
  tenant: Tenant;
  apiUsers: SandboxApiUser[];
}

const DESCRIPTIONS: Record<ScenarioName, string> = {
  'healthy-website': 'API user set up for a website: reads all estates and addresses, creates contacts, has an active mailbox.',
  'wrong-secret': 'Healthy setup, but the handed-out secret is wrong (same length): every action fails with 137.',
  'revoked-token': 'A new token and secret were generated after handing these out: the old token is no longer known (22).',
  'no-read-rights': 'Estate and address read rights are "none": reads succeed but return empty lists.',
  'only-own-rights': 'Read rights are "only own": only the few estates and addresses the API user is responsible for.',
  'only-published-none-published': '"Only published" restriction is on and no estate or address is published: reads are empty.',
  'only-published-some': '"Only published" restriction is on: unpublished estates and addresses are hidden.',
  'excess-rights': 'Write and delete rights everywhere plus Admin and "read user data": works, but far more than needed.',
  'no-mailbox': 'No mailbox is assigned to the API user: sendmail fails (code depends on the noMailboxCode switch).',
  'inactive-mailbox': 'The mailbox assigned to the API user is deactivated ("Postfach aktiv" off): no incoming mail, sendmail still works.',
  'admin-log-reader': 'Admin right on: the API user can read the server log, which holds entries of its own changes.',
  'clock-skew': 'The server clock runs 400 s ahead: correctly signed actions fail with 136; the Date header shows it.',
  flaky: 'Healthy rights on an unreliable server: latency, some HTTP 500/502 and some failing actions, by seed.',
  'estate-variety': 'Healthy website setup over estates that each differ in one way (sold, archived, unpublished, pictures, English version, contact person…), marked EV-… in objektnr_extern.',
  'marketplace-provider': 'API user created by a marketplace activation: every action needs the latest apiClaim as extendedclaim (193/201/248); log and other users are closed (240).',
};

export function isScenarioName(name: string): name is ScenarioName {
  return SCENARIO_NAMES.includes(name);
}

export function describeScenario(name: string): string {
  if (!isScenarioName(name)) throw new RangeError(`Unknown sandbox scenario "${name}". Known: ${SCENARIO_NAMES.join(', ')}`);
  return DESCRIPTIONS[name];
}

/** Exactly these rights, nothing else. */
const only = (changes: RightsChanges): Rights => withRights(uniformRights('none'), changes);

/** What a website integration needs: read estates and addresses, create contacts and search criteria. */
const WEBSITE_RIGHTS = only({
  estate: { read: 'all' },
  address: { read: 'all', create: 'all' },
  searchCriteria: { read: 'all', create: 'all' },
});

interface ApiUserSpec {
  userName: string;
  rights: Rights;
  onlyPublished?: boolean;
  admin?: boolean;
  readUserData?: boolean;
}

function addApiUser(tenant: Tenant, rnd: Random, spec: ApiUserSpec): { user: User; token: string; secret: string } {
  const user: User = {
    id: 40 + tenant.users.filter((u) => u.kind === 'api').length,
    userName: spec.userName,
    firstName: 'API',
    lastName: spec.userName,
    email: `${spec.userName}@${tenantDomain(tenant)}`,
    phone: '',
    officeGroupId: 1,
    active: true,
    kind: 'api',
    language: 'DEU',
    // A copy: tests mutate one tenant's rights without touching another's.
    rights: withRights(spec.rights, {}),
    onlyPublished: spec.onlyPublished ?? false,
    admin: spec.admin ?? false,
    readUserData: spec.readUserData ?? false,
  };
  tenant.users.push(user);
  const token = randomString(rnd, 32);
  const secret = randomString(rnd, 64);
  tenant.credentials.push({ userId: user.id, token, secret, state: 'active' });
  return { user, token, secret };
}

/** The mailbox a website sends its contact mails from; scenarios decide whether it is assigned and active. */
function addWebsiteMailbox(tenant: Tenant, assignedUserIds: number[], active: boolean): void {
  tenant.mailboxes.push({
    id: 3,
    email: `website@${tenantDomain(tenant)}`,
    name: `Website ${tenant.customerName}`,
    assignedUserIds,
    active,
  });
}

function handOut(scenario: ScenarioName, user: User, token: string, secret: string, apiClaim?: string): SandboxApiUser {
  return { scenario, userName: user.userName, userId: user.id, token, secret, description: DESCRIPTIONS[scenario], ...(apiClaim ? { apiClaim } : {}) };
}

/** Makes the API user responsible for a few records, so "own" rights see something but not everything. */
function assignSome(tenant: Tenant, rnd: Random, userId: number): void {
  for (const e of pickSome(rnd, tenant.estates, 3)) e.benutzer = userId;
  for (const a of pickSome(rnd, tenant.addresses, 2)) a.Benutzer = userId;
}

/** Entries the API user's own earlier changes left in the log. */
function addOwnLogEntries(tenant: Tenant, rnd: Random, userId: number, nowSeconds: number): void {
  for (let n = 0; n < 5; n++) {
    const onEstate = n % 2 === 0;
    const record = onEstate ? pick(rnd, tenant.estates).Id : pick(rnd, tenant.addresses).Id;
    tenant.log.push({
      id: 0,
      action: onEstate ? 'edit' : 'create',
      module: onEstate ? 'estate' : 'address',
      userId,
      dateTime: formatDateTime(nowSeconds - (5 - n) * 3600 - randomInt(rnd, 0, 3000)),
      resourceId: record,
      resourceTable: onEstate ? 'objekte' : 'adressen',
      resourcePk: record,
    });
  }
  // Log ids grow with time, as in the real log.
  tenant.log.sort((a, b) => (a.dateTime < b.dateTime ? -1 : a.dateTime > b.dateTime ? 1 : a.id - b.id));
  tenant.log.forEach((e, i) => {
    e.id = 1000 + i;
  });
}

/**
 * The estates `estate-variety` guarantees, by the marker each carries in `objektnr_extern` ("ImmoNr"): tests find
 * one in the tenant (`tenant.estates.find((e) => e.objektnr_extern === ESTATE_VARIETY.sold)`) or over the API
 * (`read estate` with the filter `objektnr_extern = 'EV-SOLD'`). The two `fine` ones are what a website needs:
 * published, active, neither sold nor reserved nor a reference, a title picture and a photo released for the
 * homepage and every active portal, a published English version, and one contact person whose address is published
 * and readable. Every other one differs from that in exactly the way its name says — except `unpublished`, whose
 * English version is unpublished as well. `fine2` also holds an internal exposé (documentAttribute
 * `document_expose`), which no release flag reaches. Estates without a marker are random sample data.
 */
export const ESTATE_VARIETY = {
  fine1: 'EV-FINE-1',
  fine2: 'EV-FINE-2',
  sold: 'EV-SOLD',
  reserved: 'EV-RESERVED',
  reference: 'EV-REFERENCE',
  inactive: 'EV-INACTIVE',
  archived: 'EV-ARCHIVED',
  unpublished: 'EV-UNPUBLISHED',
  noPictures: 'EV-NO-PICTURES',
  picturesNotReleased: 'EV-PICTURES-NOT-RELEASED',
  picturesPortalsOnly: 'EV-PICTURES-PORTALS-ONLY',
  noTitlePicture: 'EV-NO-TITLE-PICTURE',
  noEnglish: 'EV-NO-ENGLISH',
  contactUnpublished: 'EV-CONTACT-UNPUBLISHED',
  contactUnreadable: 'EV-CONTACT-UNREADABLE',
} as const;
type VarietyKind = keyof typeof ESTATE_VARIETY;

/** A picture's type and where it is released: [category, homepage, every active portal]. */
type PictureSpec = readonly [category: string, homepage: boolean, portals: boolean];
const RELEASED: readonly PictureSpec[] = [
  ['Titelbild', true, true],
  ['Foto', true, true],
];
const PICTURES: Partial<Record<VarietyKind, readonly PictureSpec[]>> = {
  noPictures: [],
  picturesNotReleased: [
    ['Titelbild', false, false],
    ['Foto', false, false],
  ],
  picturesPortalsOnly: [
    ['Titelbild', false, true],
    ['Foto', false, true],
  ],
  noTitlePicture: [
    ['Foto', true, true],
    ['Foto', true, true],
  ],
};

/**
 * Turns the first estates into the ESTATE_VARIETY ones, with three contact persons: published, unpublished, and
 * published but closed to the API user by record rights (only `staffId` may see it).
 */
function shapeEstateVariety(tenant: Tenant, staffId: number): void {
  const [published, unpublished, restricted] = tenant.addresses;
  if (!published || !unpublished || !restricted) throw new Error('estate-variety needs three addresses');
  published.homepage_veroeffentlichen = '1';
  unpublished.homepage_veroeffentlichen = '0';
  restricted.homepage_veroeffentlichen = '1';
  restricted.recordRightsUserIds = [staffId];
  const activePortals = tenant.portals.filter((p) => p.active).map((p) => p.id);
  let pictureId = nextId(tenant.estates.flatMap((e) => e.pictures));
  let versionId = nextId(tenant.estates.flatMap((e) => e.languageVersions), 3000);
  const picture = (estate: Estate, n: number, [category, homepage, portals]: PictureSpec): Picture => {
    const id = pictureId++;
    return {
      id,
      category,
      title: category === 'Titelbild' ? 'Außenansicht' : n % 2 === 0 ? 'Wohnzimmer' : 'Küche',
      text: '',
      originalName: `objekt-${estate.Id}-${n + 1}.jpg`,
      modified: 1_735_689_600 + id * 3600,
      publishOnHomepage: homepage,
      portalIds: portals ? [...activePortals] : [],
      internal: false,
      documentAttribute: null,
    };
  };

  (Object.keys(ESTATE_VARIETY) as VarietyKind[]).forEach((kind, i) => {
    const estate = tenant.estates[i];
    if (!estate) throw new Error('estate-variety needs more estates');
    Object.assign(estate, {
      objektnr_extern: ESTATE_VARIETY[kind],
      veroeffentlichen: kind === 'unpublished' ? '0' : '1',
      status: kind === 'inactive' ? 2 : kind === 'archived' ? 0 : 1,
      verkauft: kind === 'sold' ? '1' : '0',
      reserviert: kind === 'reserved' ? '1' : '0',
      referenz: kind === 'reference' ? '1' : '0',
      contactPersonIds: [(kind === 'contactUnpublished' ? unpublished : kind === 'contactUnreadable' ? restricted : published).Id],
    } satisfies Partial<Estate>);
    estate.pictures = (PICTURES[kind] ?? RELEASED).map((spec, n) => picture(estate, n, spec));
    if (kind === 'fine2') {
      estate.pictures.push({
        ...picture(estate, estate.pictures.length, ['Expose', false, false]),
        title: 'Exposé',
        originalName: `expose-${estate.Id}.pdf`,
        internal: true,
        documentAttribute: 'document_expose',
      });
    }
    estate.languageVersions =
      kind === 'noEnglish' ? [] : [{ Id: versionId++, language: 'ENG', ...englishTexts(estate), veroeffentlichen: estate.veroeffentlichen }];
  });
}

/** Builds a scenario's tenant. `nowSeconds` (Unix seconds) anchors the dates in the log. */
export function buildScenario(name: ScenarioName, seed: number, nowSeconds: number): BuiltScenario {
  const rnd = seededRandom(deriveSeed(seed, 'scenario', name));
  const tenant = sampleTenant(rnd, name, nowSeconds);
  addContactPersons(seededRandom(deriveSeed(seed, 'contact-persons', name)), tenant);
  addLanguageVersions(seededRandom(deriveSeed(seed, 'language-versions', name)), tenant);
  addPortalReleases(seededRandom(deriveSeed(seed, 'portal-releases', name)), tenant);
  const website: ApiUserSpec = { userName: 'api-website', rights: WEBSITE_RIGHTS };

  switch (name) {
    case 'healthy-website':
    case 'clock-skew':
    case 'flaky': {
      const { user, token, secret } = addApiUser(tenant, rnd, website);
      addWebsiteMailbox(tenant, [user.id], true);
      if (name === 'clock-skew') tenant.clockOffsetSeconds = 400;
      if (name === 'flaky') tenant.faults = { latencyMs: 20, jitterMs: 80, http500: 0.08, http502: 0.07, actionFailure: 0.1 };
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'wrong-secret': {
      const { user, token, secret } = addApiUser(tenant, rnd, website);
      addWebsiteMailbox(tenant, [user.id], true);
      let wrong = randomString(rnd, secret.length);
      while (wrong === secret) wrong = randomString(rnd, secret.length);
      return { tenant, apiUsers: [handOut(name, user, token, wrong)] };
    }
    case 'revoked-token': {
      const { user, token, secret } = addApiUser(tenant, rnd, website);
      addWebsiteMailbox(tenant, [user.id], true);
      const old = tenant.credentials.find((c) => c.token === token);
      if (old) old.state = 'revoked';
      tenant.credentials.push({ userId: user.id, token: randomString(rnd, 32), secret: randomString(rnd, 64), state: 'active' });
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'no-read-rights': {
      const { user, token, secret } = addApiUser(tenant, rnd, {
        userName: 'api-website',
        rights: only({ address: { create: 'all' } }),
      });
      addWebsiteMailbox(tenant, [user.id], true);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'only-own-rights': {
      const { user, token, secret } = addApiUser(tenant, rnd, {
        userName: 'api-website',
        rights: only({ estate: { read: 'own' }, address: { read: 'own', create: 'own', modify: 'own' } }),
      });
      addWebsiteMailbox(tenant, [user.id], true);
      assignSome(tenant, rnd, user.id);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'only-published-none-published':
    case 'only-published-some': {
      const { user, token, secret } = addApiUser(tenant, rnd, { ...website, onlyPublished: true });
      addWebsiteMailbox(tenant, [user.id], true);
      if (name === 'only-published-none-published') {
        for (const e of tenant.estates) e.veroeffentlichen = '0';
        for (const a of tenant.addresses) a.homepage_veroeffentlichen = '0';
      } else {
        // Guarantee both kinds whatever the seed drew.
        tenant.estates.forEach((e, i) => {
          if (i < 3) e.veroeffentlichen = '1';
          else if (i < 6) e.veroeffentlichen = '0';
        });
        tenant.addresses.forEach((a, i) => {
          if (i < 2) a.homepage_veroeffentlichen = '1';
          else if (i < 4) a.homepage_veroeffentlichen = '0';
        });
      }
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'excess-rights': {
      const { user, token, secret } = addApiUser(tenant, rnd, {
        userName: 'api-website',
        rights: uniformRights('all'),
        admin: true,
        readUserData: true,
      });
      addWebsiteMailbox(tenant, [user.id], true);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'no-mailbox':
    case 'inactive-mailbox': {
      const { user, token, secret } = addApiUser(tenant, rnd, website);
      const staff = tenant.users.filter((u) => u.kind === 'user').map((u) => u.id);
      if (name === 'no-mailbox') addWebsiteMailbox(tenant, staff.slice(0, 1), true);
      else addWebsiteMailbox(tenant, [user.id], false);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'admin-log-reader': {
      const { user, token, secret } = addApiUser(tenant, rnd, {
        userName: 'api-sync',
        rights: only({ estate: { read: 'all', modify: 'all' }, address: { read: 'all', create: 'all', modify: 'all' } }),
        admin: true,
      });
      addWebsiteMailbox(tenant, [user.id], true);
      addOwnLogEntries(tenant, rnd, user.id, nowSeconds);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'estate-variety': {
      const { user, token, secret } = addApiUser(tenant, rnd, website);
      addWebsiteMailbox(tenant, [user.id], true);
      const staff = tenant.users.find((u) => u.kind === 'user');
      if (!staff) throw new Error('estate-variety needs a staff member');
      shapeEstateVariety(tenant, staff.id);
      return { tenant, apiUsers: [handOut(name, user, token, secret)] };
    }
    case 'marketplace-provider': {
      // The app reads estates and addresses; the activation, not the customer, set the user up.
      const { user, token, secret } = addApiUser(tenant, rnd, {
        userName: 'mp-immo-widget',
        rights: only({ estate: { read: 'all' }, address: { read: 'all' } }),
      });
      // The customer activated the app twice: the first activation's claim is outdated now.
      const [outdated, current] = [randomString(rnd, 40), randomString(rnd, 40)];
      tenant.activations.push({
        userId: user.id,
        provider: 'Immo-Widget Sandbox GmbH',
        parameterCacheId: randomString(rnd, 32, '0123456789abcdef'),
        apiClaim: current,
        outdatedClaims: [outdated],
      });
      return { tenant, apiUsers: [handOut(name, user, token, secret, current)] };
    }
  }
}
