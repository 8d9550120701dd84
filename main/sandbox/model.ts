/**
 * The tenant model: one onOffice enterprise customer with its users, API users, rights, records (estates with
 * their files and language versions, addresses), portals, mailboxes, marketplace activations, log and outbox.
 * Plain mutable data, so tests can change a tenant between calls; the rules that read it are pure functions below.
 * Estates and addresses use onOffice's own field names and flag values ("1"/"0"), as the API does.
 */
import type { FaultConfig } from './faults.ts';

export const MODULES = [
  'estate',
  'address',
  'agents_log',
  'calendar',
  'task',
  'project',
  'file',
  'searchCriteria',
  'emailDraft',
  'pdfForms',
] as const;
export type Module = (typeof MODULES)[number];

export const RIGHT_ACTIONS = ['read', 'modify', 'create', 'delete'] as const;
export type RightAction = (typeof RIGHT_ACTIONS)[number];

/** "all" records, only the user's "own" records, or "none". */
export type Scope = 'all' | 'own' | 'none';
export type Rights = Record<Module, Record<RightAction, Scope>>;
export type RightsChanges = Partial<Record<Module, Partial<Record<RightAction, Scope>>>>;

export type Flag = '1' | '0';

export interface OfficeGroup {
  id: number;
  name: string;
  /** The imprint `read impressum` returns for members of this group (field names as the API answers them). */
  imprint: Record<string, string>;
}

export interface User {
  id: number;
  /** Login name; for API users the name chosen when the user was created (it cannot be changed later). */
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  officeGroupId: number | null;
  active: boolean;
  kind: 'user' | 'api';
  language: 'DEU' | 'ENG';
  rights: Rights;
  /** "Can only see addresses/properties published on the website". */
  onlyPublished: boolean;
  admin: boolean;
  /** API-user right "Read out user data via API". */
  readUserData: boolean;
}

/** A token/secret pair. A new pair revokes the old one: the old token then authenticates nothing. */
export interface ApiCredential {
  userId: number;
  token: string;
  secret: string;
  state: 'active' | 'revoked' | 'inactive';
}

/** A portal the customer exports estates to (Extras → Settings → Portals); `get file` lists the active ones. */
export interface Portal {
  id: number;
  name: string;
  active: boolean;
}

/** A file of an estate (Properties → Files): mostly pictures, as `get estatepictures` and `get file` serve them. */
export interface Picture {
  id: number;
  /** File type as onOffice names it (Titelbild, Foto, Grundriss, Lageplan, Expose, …). */
  category: string;
  title: string;
  text: string;
  originalName: string;
  /** Unix seconds. */
  modified: number;
  /** Released for "own homepage / API": only these come out of `get estatepictures`. */
  publishOnHomepage: boolean;
  /** Portals the file is released for (Files → Publication); only files released for a portal go to that portal. */
  portalIds: number[];
  /** An internal file (category `internal` in `get file`): kept in the office, released nowhere. */
  internal: boolean;
  /** "Dokumentenmerkmal": unique per estate, so it names one file as `fileid` does. */
  documentAttribute: string | null;
}

/**
 * A language version of the multi-language module: its own estate record with its own Id, whose `mainLangId` is
 * the main (German) estate's Id. Texts and the publish flag are its own; every other field is the main estate's.
 */
export interface EstateLanguageVersion {
  Id: number;
  /** ISO 639-2 code as `estatelanguage` takes it (ENG). */
  language: string;
  objekttitel: string;
  objektbeschreibung: string;
  veroeffentlichen: Flag;
}

export interface Estate {
  Id: number;
  objektnr_extern: string;
  objekttitel: string;
  objektbeschreibung: string;
  objektart: string;
  objekttyp: string;
  vermarktungsart: 'kauf' | 'miete';
  nutzungsart: 'wohnen' | 'gewerbe';
  /** Purchase price for `kauf`, null for rentals. */
  kaufpreis: number | null;
  /** Monthly cold rent for `miete`, null for sales. */
  kaltmiete: number | null;
  wohnflaeche: number;
  anzahl_zimmer: number;
  strasse: string;
  hausnummer: string;
  plz: string;
  ort: string;
  land: string;
  breitengrad: number;
  laengengrad: number;
  /** Published on the own website. */
  veroeffentlichen: Flag;
  /** 1 active, 2 inactive, 0 archived. */
  status: 0 | 1 | 2;
  verkauft: Flag;
  reserviert: Flag;
  referenz: Flag;
  /** Responsible user (the owner for "own" rights). */
  benutzer: number;
  pictures: Picture[];
  /** Addresses of the estate's contact persons (brokers): the relation `estate:address:contactPerson`. */
  contactPersonIds: number[];
  /** The estate in other languages; the estate itself is the main-language (DEU) record. */
  languageVersions: EstateLanguageVersion[];
}

export interface Address {
  Id: number;
  KdNr: number;
  Anrede: string;
  Vorname: string;
  Name: string;
  Firma: string;
  Email: string;
  Telefon1: string;
  Strasse: string;
  Plz: string;
  Ort: string;
  Land: string;
  homepage_veroeffentlichen: Flag;
  /** Owner user (the owner for "own" rights). */
  Benutzer: number;
  /**
   * Record rights (Datensatzrechte): when set, only these users may see or change the record, whatever their user
   * rights say (ONOFFICE_API.md §7). null: the user rights decide alone.
   */
  recordRightsUserIds: number[] | null;
}

export interface Mailbox {
  id: number;
  /** The e-mail identity a client passes as `emailidentity`. */
  email: string;
  name: string;
  assignedUserIds: number[];
  /** "Postfach aktiv": whether incoming mail is fetched. Sending works either way (ONOFFICE_API.md §7). */
  active: boolean;
}

/** A saved list filter of enterprise, as `get filters` lists it. */
export interface SavedFilter {
  id: number;
  module: 'estate' | 'address';
  /** public: everyone; office: members of `groupId`; private: `userId` alone. */
  scope: 'public' | 'office' | 'private';
  name: string;
  userId: number | null;
  groupId: number | null;
}

export interface LogEntry {
  id: number;
  /** create, edit, delete, or read where reads are logged. */
  action: string;
  module: string;
  userId: number | null;
  /** Server time, `YYYY-MM-DD HH:mm:ss` (UTC). */
  dateTime: string;
  resourceId: number | null;
  resourceTable: string;
  resourcePk: number | null;
}

export interface OutboxMail {
  id: number;
  userId: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  /** Server time, `YYYY-MM-DD HH:mm:ss` (UTC). */
  sentAt: string;
}

export interface SearchCriterion {
  id: number;
  addressId: number;
  userId: number;
  data: Record<string, unknown>;
}

/**
 * A marketplace provider's app activated by the customer (ONOFFICE_API.md §8): the activation created the API user
 * and handed the provider `parameterCacheId` and `apiClaim`. A later activation issues a new claim; earlier claims
 * are then outdated (201) rather than unknown (248).
 */
export interface MarketplaceActivation {
  userId: number;
  provider: string;
  parameterCacheId: string;
  apiClaim: string;
  /** Claims of earlier activations of the same app by this customer, oldest first. */
  outdatedClaims: string[];
}

export interface BasicSettings {
  logo: string;
  color: string;
  color2: string;
  textcolorMail: string;
  claim: string;
}

export interface Tenant {
  scenario: string;
  customerId: number;
  customerName: string;
  /** Server clock minus local clock, in seconds. */
  clockOffsetSeconds: number;
  /** Faults this tenant's requests suffer in addition to the sandbox-wide ones. */
  faults: Partial<FaultConfig>;
  basicSettings: BasicSettings;
  /** The customer's main imprint, for users without an office group. */
  imprint: Record<string, string>;
  officeGroups: OfficeGroup[];
  users: User[];
  credentials: ApiCredential[];
  estates: Estate[];
  addresses: Address[];
  portals: Portal[];
  mailboxes: Mailbox[];
  filters: SavedFilter[];
  log: LogEntry[];
  outbox: OutboxMail[];
  searchCriteria: SearchCriterion[];
  activations: MarketplaceActivation[];
}

export function uniformRights(scope: Scope): Rights {
  const rights = {} as Rights;
  for (const module of MODULES) rights[module] = { read: scope, modify: scope, create: scope, delete: scope };
  return rights;
}

export function withRights(base: Rights, changes: RightsChanges): Rights {
  const rights = {} as Rights;
  for (const module of MODULES) rights[module] = { ...base[module], ...changes[module] };
  return rights;
}

export function isModule(name: string): name is Module {
  return (MODULES as readonly string[]).includes(name);
}

export function isRightAction(name: string): name is RightAction {
  return (RIGHT_ACTIONS as readonly string[]).includes(name);
}

/** Whether a user holds a right on a record owned by `ownerId` (undefined = a record without owner, e.g. a new one). */
export function holdsRight(user: User, module: Module, action: RightAction, ownerId: number | undefined): boolean {
  const scope = user.rights[module][action];
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  return ownerId === undefined || ownerId === user.id;
}

/** Read rights plus the publish restriction: what `read estate` shows this user. */
export function canReadEstate(user: User, estate: Estate): boolean {
  if (!holdsRight(user, 'estate', 'read', estate.benutzer)) return false;
  return !user.onlyPublished || estate.veroeffentlichen === '1';
}

/** User rights on an address, narrowed by its record rights. */
export function holdsAddressRight(user: User, address: Address, action: RightAction): boolean {
  if (address.recordRightsUserIds !== null && !address.recordRightsUserIds.includes(user.id)) return false;
  return holdsRight(user, 'address', action, address.Benutzer);
}

export function canReadAddress(user: User, address: Address): boolean {
  if (!holdsAddressRight(user, address, 'read')) return false;
  return !user.onlyPublished || address.homepage_veroeffentlichen === '1';
}

/** The activation that created this API user, if a marketplace app's activation did. */
export function activationOf(tenant: Tenant, userId: number): MarketplaceActivation | undefined {
  return tenant.activations.find((a) => a.userId === userId);
}

export function userById(tenant: Tenant, id: number): User | undefined {
  return tenant.users.find((u) => u.id === id);
}

/** Mailboxes whose "Assigned users" include this user. */
export function mailboxesOf(tenant: Tenant, userId: number): Mailbox[] {
  return tenant.mailboxes.filter((m) => m.assignedUserIds.includes(userId));
}

export function nextId(items: readonly ({ id: number } | { Id: number })[], floor = 1): number {
  let max = floor - 1;
  for (const item of items) max = Math.max(max, 'Id' in item ? item.Id : item.id);
  return max + 1;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the format of the log's dateTime. */
export function formatDateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export function appendLog(
  tenant: Tenant,
  entry: Omit<LogEntry, 'id' | 'dateTime'>,
  nowSeconds: number,
): LogEntry {
  const full: LogEntry = { id: nextId(tenant.log, 1000), dateTime: formatDateTime(nowSeconds), ...entry };
  tenant.log.push(full);
  return full;
}
