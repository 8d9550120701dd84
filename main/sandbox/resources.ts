/**
 * The resources the sandbox serves: one pure handler per action kind × resource type, over the caller's tenant.
 * Result shapes mirror the recorded real results (fixtures/recorded-results, held to them by shape-contract.test.ts)
 * and the documented examples: read values as strings, `type` null for settings, imprint and users, `elements` an
 * array for checkuserrecordsright and pictures, `{"success":"success"}` for do/modify calls, `[]` for creates,
 * `cntabsolute` null where the real API gives none.
 *
 * A missing mandatory parameter (ONOFFICE_API.md §6) fails that action with its documented code — 167 `Missing
 * parameter "%s"` unless the resource has its own (139 pictures, 50/58/59/60 emailInfo) — and a parameter value
 * a resource cannot use with 20; the batch goes on. The structure of the envelope itself is checked before any
 * handler runs (envelope.ts), and so is a marketplace API user's `extendedclaim` (marketplace.ts). An unknown
 * resource type answers 25, a known one without the asked action kind 23.
 */
import type { ActionKind } from '../onoffice/wire.ts';
import type { FieldDef } from './fields.ts';
import { ADDRESS_CREATE_ALIASES, ADDRESS_FIELDS, ESTATE_FIELDS, MODULE_LABELS, fieldMap, wireValues } from './fields.ts';
import type { Address, Estate, LogEntry, Picture, SavedFilter, Tenant, User } from './model.ts';
import {
  activationOf,
  appendLog,
  canReadAddress,
  canReadEstate,
  formatDateTime,
  holdsAddressRight,
  holdsRight,
  isModule,
  isRightAction,
  mailboxesOf,
  nextId,
  userById,
} from './model.ts';
import type { ApiError, Row } from './query.ts';
import { isApiError, listRows, parseIdList } from './query.ts';
import type { UnknownSwitches } from './unknowns.ts';

export interface ParsedAction {
  kind: ActionKind;
  resourceid: string;
  resourcetype: string;
  parameters: Record<string, unknown>;
}

export interface WireRecord {
  id: number | string;
  type: string | null;
  elements: unknown;
}

export interface ActionData {
  cacheable: boolean;
  cntabsolute: number | null;
  records: WireRecord[];
}

export type ActionOutcome = ActionData | ApiError;

export interface ActionContext {
  tenant: Tenant;
  /** The API user whose token signed the request. */
  user: User;
  unknowns: UnknownSwitches;
  /** Server time, Unix seconds. */
  now: number;
}

type Handler = (ctx: ActionContext, action: ParsedAction) => ActionOutcome;

const invalid = (what: string): ApiError => ({ errorcode: 20, message: `Missing or invalid element: parameters (${what})` });
const missingParameter = (name: string): ApiError => ({ errorcode: 167, message: `Missing parameter "${name}"` });
/** A mandatory parameter counts as missing when absent, null or empty text. */
const absent = (v: unknown): boolean => v === undefined || v === null || v === '';
const nonEmptyList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;
/** A boolean option, as clients send it: true, 1 or "1". */
const isSet = (v: unknown): boolean => v === true || v === 1 || v === '1';
const success = (id: number | string, type: string): ActionData => ({
  cacheable: false,
  cntabsolute: null,
  records: [{ id, type, elements: { success: 'success' } }],
});
const created = (id: number, type: string): ActionData => ({ cacheable: false, cntabsolute: null, records: [{ id, type, elements: [] }] });

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function intOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

function stringList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map(text).filter((s) => s !== '');
}

const isEmail = (v: unknown): boolean => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

function logRead(ctx: ActionContext, module: 'estate' | 'address', resourceId: number | null): void {
  if (!ctx.unknowns.logRecordsReads) return;
  appendLog(
    ctx.tenant,
    { action: 'read', module, userId: ctx.user.id, resourceId, resourceTable: module === 'estate' ? 'objekte' : 'adressen', resourcePk: resourceId },
    ctx.now,
  );
}

/** Reading one record by id that the user may not see (or that does not exist), per the unknown switch. */
function forbiddenRecord(ctx: ActionContext): ActionOutcome {
  switch (ctx.unknowns.forbiddenRecordRead) {
    case 'empty':
      return { cacheable: true, cntabsolute: 0, records: [] };
    case 'error-80':
      return { errorcode: 80, message: 'Unknown record. The record may not exist or rights are not set' };
    case 'error-149':
      return { errorcode: 149, message: 'No read permission for this estate' };
    case 'error-293':
      return { errorcode: 293, message: 'Unknown estate record. The record may not exist or rights are not set' };
  }
}

/** The `data` list of a read: all fields when absent, an error for a field the module does not have. */
function requestedFields<R>(
  raw: unknown,
  fields: readonly FieldDef<R>[],
  unknown: (field: string) => ApiError,
): string[] | ApiError {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return fields.map((f) => f.name);
  if (!Array.isArray(raw)) return invalid('data');
  const known = fieldMap(fields);
  const names = raw.map(text);
  const bad = names.find((n) => !known.has(n));
  return bad === undefined ? names : unknown(bad);
}

function pickValues(values: Record<string, string>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const n of names) picked[n] = values[n] ?? '';
  return picked;
}

// --- settings, imprint, users -----------------------------------------------------------------------------------

const readBasicSettings: Handler = (ctx, action) => {
  const all: Record<string, string> = { ...ctx.tenant.basicSettings };
  const asked = (action.parameters.data as { basicData?: { characteristicsCi?: unknown } } | undefined)?.basicData?.characteristicsCi;
  const names = Array.isArray(asked) ? asked.map(text).filter((n) => n in all) : Object.keys(all);
  const characteristicsCi: Record<string, string> = {};
  for (const n of names) characteristicsCi[n] = all[n] ?? '';
  return {
    cacheable: true,
    cntabsolute: 1,
    records: [{ id: ctx.tenant.customerId, type: null, elements: { basicData: { characteristicsCi } } }],
  };
};

/** The imprint of the caller's office group, or the customer's main imprint. */
const readImpressum: Handler = (ctx, action) => {
  const group = ctx.tenant.officeGroups.find((g) => g.id === ctx.user.officeGroupId);
  const imprint = group?.imprint ?? ctx.tenant.imprint;
  const asked = stringList(action.parameters.data);
  const elements = asked && asked.length > 0 ? Object.fromEntries(asked.filter((k) => k in imprint).map((k) => [k, imprint[k]])) : { ...imprint };
  return { cacheable: true, cntabsolute: null, records: [{ id: 'impressum', type: null, elements }] };
};

/**
 * Users by `userfilter` (none: all users). Elements exactly as documented: a numeric `id`, `username`,
 * `firstname`, `lastname`, `email`; `type` and `cntabsolute` null as in the documented example.
 */
const getUsers: Handler = (ctx, action) => {
  const p = action.parameters;
  const active = ctx.tenant.users.filter((u) => u.active);
  const filter = text(p.userfilter);
  let users: User[];
  if (filter === '') users = active;
  else if (filter === 'onlyOwn') users = ctx.unknowns.usersOnlyOwn === 'all' ? active : [ctx.user];
  else if (filter === 'ownOfficeGroupOrAll') {
    users = ctx.user.officeGroupId === null ? active : active.filter((u) => u.officeGroupId === ctx.user.officeGroupId);
  } else if (filter === 'byGroupId') {
    if (absent(p.groupId)) return missingParameter('groupId');
    const groupId = intOf(p.groupId);
    if (groupId === undefined) return invalid('groupId');
    users = active.filter((u) => u.officeGroupId === groupId);
  } else return invalid('userfilter');
  return {
    cacheable: true,
    cntabsolute: null,
    records: users.map((u) => ({
      id: u.id,
      type: null,
      elements: { id: u.id, username: u.userName, firstname: u.firstName, lastname: u.lastName, email: u.email },
    })),
  };
};

const USER_FIELDS: Readonly<Record<string, (u: User) => string>> = {
  Nr: (u) => String(u.id),
  Name: (u) => u.userName,
  Vorname: (u) => u.firstName,
  Nachname: (u) => u.lastName,
  Kuerzel: (u) => `${u.firstName.slice(0, 1)}${u.lastName.slice(0, 1)}`.toUpperCase(),
  Emailname: (u) => `${u.firstName} ${u.lastName}`,
  email: (u) => u.email,
  Telefon: (u) => u.phone,
  online: (u) => (u.active ? '1' : '0'),
  Sprache: (u) => u.language,
};

/** One user record: the caller's own always, any other only with "Read out user data via API". */
const readUser: Handler = (ctx, action) => {
  const id = intOf(action.resourceid);
  if (id === undefined) return { errorcode: 24, message: 'Missing configuration for resourceId' };
  const target = userById(ctx.tenant, id);
  if (!target || !target.active) return { errorcode: 184, message: 'User id is not existing or inactive' };
  if (target.id !== ctx.user.id && !ctx.user.readUserData) return { errorcode: 170, message: 'No read permission for this user' };
  const asked = stringList(action.parameters.data);
  const names = asked && asked.length > 0 ? asked : Object.keys(USER_FIELDS);
  const bad = names.find((n) => !(n in USER_FIELDS));
  if (bad !== undefined) return { errorcode: 75, message: `Unknown field: ${bad}` };
  const elements = Object.fromEntries(names.map((n) => [n, (USER_FIELDS[n] as (u: User) => string)(target)]));
  return { cacheable: true, cntabsolute: 1, records: [{ id: target.id, type: 'user', elements }] };
};

// --- rights -----------------------------------------------------------------------------------------------------

/** The user a `userid` parameter names (the caller when absent); 184 when it names no active user. */
function targetUser(ctx: ActionContext, raw: unknown): User | ApiError {
  if (absent(raw)) return ctx.user;
  const userId = intOf(raw);
  if (userId === undefined) return invalid('userid');
  const target = userById(ctx.tenant, userId);
  return target?.active ? target : { errorcode: 184, message: 'User id is not existing or inactive' };
}

/** The subset of `recordIds` on which `userid` (default: the caller) holds the right `action` in `module`, as strings. */
const checkUserRecordsRight: Handler = (ctx, action) => {
  const p = action.parameters;
  for (const name of ['action', 'module', 'recordIds']) if (absent(p[name])) return missingParameter(name);
  const right = text(p.action);
  if (!isRightAction(right)) return invalid('action');
  const module = text(p.module);
  if (!isModule(module)) return invalid('module');
  const target = targetUser(ctx, p.userid);
  if (isApiError(target)) return target;
  const ids = parseIdList(p.recordIds, 'recordIds');
  if (isApiError(ids)) return ids;

  const honourPublish = ctx.unknowns.checkRightsHonoursPublish && right === 'read' && target.onlyPublished;
  let granted: number[];
  if (right === 'create') granted = target.rights[module].create === 'none' ? [] : ids;
  else if (module === 'estate') {
    granted = ids.filter((id) => {
      const e = ctx.tenant.estates.find((x) => x.Id === id);
      return e !== undefined && holdsRight(target, module, right, e.benutzer) && (!honourPublish || e.veroeffentlichen === '1');
    });
  } else if (module === 'address') {
    granted = ids.filter((id) => {
      const a = ctx.tenant.addresses.find((x) => x.Id === id);
      return a !== undefined && holdsAddressRight(target, a, right) && (!honourPublish || a.homepage_veroeffentlichen === '1');
    });
  } else {
    // Modules the sandbox keeps no records of: "all" grants every id, "own" none (the owner is unknown).
    granted = target.rights[module][right] === 'all' ? ids : [];
  }
  return { cacheable: false, cntabsolute: 1, records: [{ id: 0, type: '', elements: granted.map(String) }] };
};

// --- estates and addresses --------------------------------------------------------------------------------------

const estateFieldByName = fieldMap(ESTATE_FIELDS);
const addressFieldByName = fieldMap(ADDRESS_FIELDS);
const unknownEstateField = (field: string): ApiError => ({ errorcode: 143, message: `Unknown field in estate data: ${field}` });
const unknownAddressField = (field: string): ApiError => ({ errorcode: 141, message: `Unknown field: ${field}` });

/** An estate record as reads see it; `mainLangId` is the main estate's Id for a language version, else null. */
interface EstateView {
  estate: Estate;
  mainLangId: string | null;
}

/**
 * The estate records of one language, as the multi-language module keeps them: without `estatelanguage` (or with
 * DEU) the main-language estates; otherwise the language versions in that language, each a whole record with its
 * own Id, texts and publish flag and every other field of its main estate.
 */
function estatesInLanguage(tenant: Tenant, language: string): EstateView[] {
  if (language === '' || language === 'DEU') return tenant.estates.map((estate) => ({ estate, mainLangId: null }));
  return tenant.estates.flatMap((main) =>
    main.languageVersions
      .filter((v) => v.language === language)
      .map((v) => ({
        estate: { ...main, Id: v.Id, objekttitel: v.objekttitel, objektbeschreibung: v.objektbeschreibung, veroeffentlichen: v.veroeffentlichen },
        mainLangId: String(main.Id),
      })),
  );
}

function estateRecord(view: EstateView, names: readonly string[], addMainLangId: boolean): WireRecord {
  const { estate } = view;
  // Real results carry the Id even when it was not asked for; `mainLangId` only with addMainLangId, as recorded.
  const elements: Record<string, string | null> = { Id: String(estate.Id), ...pickValues(wireValues(ESTATE_FIELDS, estate), names) };
  if (addMainLangId) elements.mainLangId = view.mainLangId;
  return { id: estate.Id, type: 'estate', elements };
}

function addressRecord(a: Address, names: readonly string[]): WireRecord {
  // As recorded: a numeric `id` first, then the asked fields, of which KdNr arrives as a number.
  const elements: Record<string, string | number> = { id: a.Id, ...pickValues(wireValues(ADDRESS_FIELDS, a), names) };
  if (names.includes('KdNr')) elements.KdNr = a.KdNr;
  return { id: a.Id, type: 'address', elements };
}

/**
 * Estates of the asked `estatelanguage` (main-language ones without it). Whether lists hold inactive and archived
 * estates is the listsInactiveEstates switch; a read by resourceid finds them either way.
 */
const readEstate: Handler = (ctx, action) => {
  const names = requestedFields(action.parameters.data, ESTATE_FIELDS, unknownEstateField);
  if (isApiError(names)) return names;
  const addMainLangId = isSet(action.parameters.addMainLangId);
  const views = estatesInLanguage(ctx.tenant, text(action.parameters.estatelanguage).toUpperCase());
  if (action.resourceid !== '') {
    const id = intOf(action.resourceid);
    const view = views.find((v) => v.estate.Id === id);
    if (!view || !canReadEstate(ctx.user, view.estate)) return forbiddenRecord(ctx);
    logRead(ctx, 'estate', view.estate.Id);
    return { cacheable: true, cntabsolute: 1, records: [estateRecord(view, names, addMainLangId)] };
  }
  const visible = views.filter((v) => canReadEstate(ctx.user, v.estate) && (ctx.unknowns.listsInactiveEstates || v.estate.status === 1));
  const rows: Row[] = visible.map((v) => ({ id: v.estate.Id, values: wireValues(ESTATE_FIELDS, v.estate) }));
  const page = listRows(rows, action.parameters, (f) => estateFieldByName.has(f), unknownEstateField);
  if (isApiError(page)) return page;
  logRead(ctx, 'estate', null);
  const byId = new Map(visible.map((v) => [v.estate.Id, v]));
  return {
    cacheable: true,
    cntabsolute: page.total,
    records: page.rows.map((r) => estateRecord(byId.get(r.id) as EstateView, names, addMainLangId)),
  };
};

const modifyEstate: Handler = (ctx, action) => {
  const id = intOf(action.resourceid);
  if (id === undefined) return { errorcode: 24, message: 'Missing configuration for resourceId' };
  if (ctx.user.rights.estate.modify === 'none') return { errorcode: 174, message: 'Missing permission to perform modify call' };
  const estate = ctx.tenant.estates.find((e) => e.Id === id);
  if (!estate) return { errorcode: 293, message: 'Unknown estate record. The record may not exist or rights are not set' };
  if (!holdsRight(ctx.user, 'estate', 'modify', estate.benutzer)) {
    return { errorcode: 262, message: `Missing write right for estate(s) with id(s) ${id}` };
  }
  const data = action.parameters.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return invalid('data');
  // Validate every value on a copy first: a modify either applies completely or not at all.
  const draft: Estate = { ...estate };
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const field = estateFieldByName.get(name);
    if (!field?.write) return unknownEstateField(name);
    if (!field.write(draft, value)) return invalid(`data.${name}`);
  }
  Object.assign(estate, draft);
  appendLog(ctx.tenant, { action: 'edit', module: 'estate', userId: ctx.user.id, resourceId: id, resourceTable: 'objekte', resourcePk: id }, ctx.now);
  return success(id, 'estate');
};

const readAddress: Handler = (ctx, action) => {
  const names = requestedFields(action.parameters.data, ADDRESS_FIELDS, unknownAddressField);
  if (isApiError(names)) return names;
  if (action.resourceid !== '') {
    const id = intOf(action.resourceid);
    const address = ctx.tenant.addresses.find((a) => a.Id === id);
    if (!address || !canReadAddress(ctx.user, address)) return forbiddenRecord(ctx);
    logRead(ctx, 'address', address.Id);
    return { cacheable: true, cntabsolute: 1, records: [addressRecord(address, names)] };
  }
  const recordIds = parseIdList(action.parameters.recordids, 'recordids');
  if (isApiError(recordIds)) return recordIds;
  const wanted = action.parameters.recordids === undefined ? null : new Set(recordIds);
  const visible = ctx.tenant.addresses.filter((a) => canReadAddress(ctx.user, a) && (wanted === null || wanted.has(a.Id)));
  const rows: Row[] = visible.map((a) => ({ id: a.Id, values: wireValues(ADDRESS_FIELDS, a) }));
  const page = listRows(rows, action.parameters, (f) => addressFieldByName.has(f), unknownAddressField);
  if (isApiError(page)) return page;
  logRead(ctx, 'address', null);
  const byId = new Map(visible.map((a) => [a.Id, a]));
  return {
    cacheable: true,
    cntabsolute: page.total,
    records: page.rows.map((r) => addressRecord(byId.get(r.id) as Address, names)),
  };
};

/** Fields go directly into the parameters; options such as `checkDuplicate` and unknown keys are ignored. */
const createAddress: Handler = (ctx, action) => {
  if (!holdsRight(ctx.user, 'address', 'create', undefined)) {
    return { errorcode: 131, message: 'Address creation without proper user rights' };
  }
  const { tenant } = ctx;
  const address: Address = {
    Id: nextId(tenant.addresses, 100),
    KdNr: Math.max(0, ...tenant.addresses.map((a) => a.KdNr)) + 1,
    Anrede: '',
    Vorname: '',
    Name: '',
    Firma: '',
    Email: '',
    Telefon1: '',
    Strasse: '',
    Plz: '',
    Ort: '',
    Land: '',
    homepage_veroeffentlichen: '0',
    Benutzer: ctx.user.id,
    recordRightsUserIds: null,
  };
  for (const [key, value] of Object.entries(action.parameters)) {
    const field = addressFieldByName.get(ADDRESS_CREATE_ALIASES[key] ?? key);
    if (field?.write && !field.write(address, value)) return invalid(key);
  }
  tenant.addresses.push(address);
  appendLog(tenant, { action: 'create', module: 'address', userId: ctx.user.id, resourceId: address.Id, resourceTable: 'adressen', resourcePk: address.Id }, ctx.now);
  return created(address.Id, 'address');
};

/** A search criterion belongs to an address: it needs the searchCriteria create right on that address. */
const createSearchCriteria: Handler = (ctx, action) => {
  if (absent(action.parameters.addressid)) return missingParameter('addressid');
  const addressId = intOf(action.parameters.addressid);
  if (addressId === undefined) return invalid('addressid');
  const address = ctx.tenant.addresses.find((a) => a.Id === addressId);
  if (!address) return { errorcode: 80, message: 'Unknown address record. The record may not exist or rights are not set' };
  if (!holdsRight(ctx.user, 'searchCriteria', 'create', address.Benutzer)) {
    return { errorcode: 261, message: `Missing write right for address(es) with id(s) ${addressId}` };
  }
  const data = action.parameters.data;
  const criterion = {
    id: nextId(ctx.tenant.searchCriteria),
    addressId,
    userId: ctx.user.id,
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {},
  };
  ctx.tenant.searchCriteria.push(criterion);
  appendLog(ctx.tenant, { action: 'create', module: 'searchCriteria', userId: ctx.user.id, resourceId: criterion.id, resourceTable: 'suchkriterien', resourcePk: criterion.id }, ctx.now);
  return created(criterion.id, 'searchCriteria');
};

const PICTURE_PARAMS_MISSING: ApiError = { errorcode: 139, message: 'Missing params "picture categories" or "estateids"' };

/** Only pictures released for "own homepage / API", of estates the caller may read, of the asked categories. */
const getEstatePictures: Handler = (ctx, action) => {
  const p = action.parameters;
  if (!nonEmptyList(p.estateids) || !nonEmptyList(p.categories)) return PICTURE_PARAMS_MISSING;
  const ids = parseIdList(p.estateids, 'estateids');
  if (isApiError(ids)) return ids;
  const categories = p.categories.map((c) => text(c).toLowerCase());
  const size = text(p.size);
  const records: WireRecord[] = [];
  const estatesWithPictures = new Set<number>();
  for (const id of ids) {
    const estate = ctx.tenant.estates.find((e) => e.Id === id);
    if (!estate || !canReadEstate(ctx.user, estate)) continue;
    for (const picture of estate.pictures) {
      if (!picture.publishOnHomepage) continue;
      if (!categories.includes(picture.category.toLowerCase())) continue;
      estatesWithPictures.add(estate.Id);
      records.push({
        id: picture.id,
        type: 'files',
        elements: [
          {
            estateid: String(estate.Id),
            type: picture.category,
            url: fileUrl(ctx.tenant, estate, picture, size),
            title: picture.title,
            text: picture.text,
            originalname: picture.originalName,
            modified: picture.modified,
            estateMainId: String(estate.Id),
          },
        ],
      });
    }
  }
  return { cacheable: true, cntabsolute: estatesWithPictures.size, records };
};

function fileUrl(tenant: Tenant, estate: Estate, file: Picture, size: string): string {
  return `https://bilder.sandbox.example/${tenant.customerId}/${estate.Id}/${file.id}${size ? `_${size}` : ''}.jpg`;
}

/** apidoc: "Default: 20, Maximum: 100"; more is clamped, as reads clamp at 500. */
const FILE_LIST_MAX = 100;
/**
 * `includeImageUrl` takes a size, not a flag: small (120 px wide), medium (200 px) or the original — spelt
 * "orginal" in the apidoc; both spellings are taken, as the live API may follow either.
 */
const IMAGE_URL_SIZES: ReadonlyMap<string, string> = new Map([
  ['small', '120'],
  ['medium', '200'],
  ['orginal', ''],
  ['original', ''],
]);

/** The name a file is stored under: generated from upload time and a unique part, as onOffice does. */
function storedName(file: Picture): string {
  const extension = file.originalName.slice(file.originalName.lastIndexOf('.'));
  return `${formatDateTime(file.modified).replace(/\D/g, '')}-${file.id.toString(16).padStart(8, '0')}${extension}`;
}

/** Every active portal with the file's release status, in the shape of the filePublicationStatusShape switch. */
function publicationStatus(ctx: ActionContext, file: Picture): unknown {
  const portals = ctx.tenant.portals.filter((p) => p.active);
  // Internal files go to no portal: an empty list, as documented (and PHP encodes an empty map as [] too).
  if (file.internal || portals.length === 0) return [];
  const status = (portalId: number): number => (file.portalIds.includes(portalId) ? 1 : 0);
  return ctx.unknowns.filePublicationStatusShape === 'object-of-arrays'
    ? Object.fromEntries(portals.map((p) => [String(p.id), [p.name, status(p.id)]]))
    : portals.map((p) => ({ portalid: p.id, portalname: p.name, status: status(p.id) }));
}

/**
 * "Get Estate files" (`get file`, resourceid `estate`): the metadata of every file of one estate, internal ones
 * included, readable with read rights to the estate (else answered as a forbidden record read). `estateid` is
 * mandatory; `fileid` or `documentAttribute` narrow to one file, whose content then comes along as base64;
 * `showispublishedonhomepage` adds the homepage release as a boolean, `showpublicationstatus` the portal releases,
 * `includeImageUrl` an image URL of the asked size. Files belong to the main-language estate.
 */
const getEstateFiles: Handler = (ctx, action) => {
  const p = action.parameters;
  if (absent(p.estateid)) return missingParameter('estateid');
  const estateId = intOf(p.estateid);
  if (estateId === undefined) return invalid('estateid');
  const fileId = absent(p.fileid) ? undefined : intOf(p.fileid);
  if (fileId === undefined && !absent(p.fileid)) return invalid('fileid');
  const attribute = absent(p.documentAttribute) ? undefined : text(p.documentAttribute);
  const imageSize = absent(p.includeImageUrl) ? undefined : IMAGE_URL_SIZES.get(text(p.includeImageUrl));
  if (imageSize === undefined && !absent(p.includeImageUrl)) return invalid('includeImageUrl');
  const estate = ctx.tenant.estates.find((e) => e.Id === estateId);
  if (!estate || !canReadEstate(ctx.user, estate)) return forbiddenRecord(ctx);

  const files = estate.pictures.filter(
    (f) => (fileId === undefined || f.id === fileId) && (attribute === undefined || f.documentAttribute === attribute),
  );
  const page = listRows(
    files.map((f) => ({ id: f.id, values: {} })),
    { listlimit: p.listlimit, listoffset: p.listoffset },
    () => false,
    unknownEstateField,
    FILE_LIST_MAX,
  );
  if (isApiError(page)) return page;
  const single = fileId !== undefined || attribute !== undefined;
  const byId = new Map(files.map((f) => [f.id, f]));
  return {
    cacheable: true,
    cntabsolute: page.total,
    records: page.rows.map((r) => {
      const file = byId.get(r.id) as Picture;
      const elements: Record<string, unknown> = {
        type: file.category,
        position: estate.pictures.indexOf(file) + 1,
        documentAttribute: file.documentAttribute,
        name: file.originalName,
        originalname: file.originalName,
        filename: storedName(file),
        // The sample data holds no file contents: a plausible size, derived from the id so that it stays stable.
        fileSize: 120_000 + ((file.id * 7919) % 880_000),
        title: file.title,
        freetext: file.text,
        modified: file.modified,
        category: file.internal ? 'internal' : 'external',
      };
      if (isSet(p.showispublishedonhomepage)) elements.ispublishedonhomepage = file.publishOnHomepage;
      if (isSet(p.showpublicationstatus)) elements.publicationstatus = publicationStatus(ctx, file);
      if (imageSize !== undefined) elements.imageUrl = fileUrl(ctx.tenant, estate, file, imageSize);
      if (single) elements.content = Buffer.from(`sandbox file ${file.id}: ${file.originalName}`).toString('base64');
      return { id: file.id, type: 'file', elements };
    }),
  };
};

/** Files of other modules (address, agents log, task) are not served: no use here needs them. */
const getFile: Handler = (ctx, action) =>
  action.resourceid === 'estate' ? getEstateFiles(ctx, action) : { errorcode: 24, message: 'Missing configuration for resourceId' };

// --- marketplace --------------------------------------------------------------------------------------------------

/**
 * Completes a marketplace activation (ONOFFICE_API.md §8): `parameterCacheId` must be the one the activation that
 * created the caller handed out (177 otherwise); the envelope has checked `extendedclaim` already (marketplace.ts).
 * `isRegularCustomer` is taken as sent: nothing documented depends on it.
 */
const unlockProvider: Handler = (ctx, action) => {
  if (absent(action.parameters.parameterCacheId)) return missingParameter('parameterCacheId');
  const activation = activationOf(ctx.tenant, ctx.user.id);
  if (activation?.parameterCacheId !== text(action.parameters.parameterCacheId)) return { errorcode: 177, message: 'Invalid parameter cache' };
  return success(0, '');
};

// --- mail -------------------------------------------------------------------------------------------------------

const NO_MAILBOX_MESSAGES: Readonly<Record<UnknownSwitches['noMailboxCode'], string>> = {
  50: 'Missing email identity',
  51: 'Invalid email identity',
  148: 'No mails sent',
  211: 'Email could not be sent',
};

function addressList(raw: unknown): string[] | 'not-array' | 'invalid' {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'not-array';
  return raw.every(isEmail) ? raw.map((r) => text(r).trim()) : 'invalid';
}

/**
 * Sends from an identity of a mailbox assigned to the API user; the mail lands in the tenant's outbox. Whether the
 * mailbox is active does not matter: "Postfach aktiv" only governs fetching incoming mail (ONOFFICE_API.md §7).
 */
const sendMail: Handler = (ctx, action) => {
  const p = action.parameters;
  const identity = text(p.emailidentity).trim();
  if (identity === '') return { errorcode: 50, message: 'Missing email identity' };
  if (p.receiver === undefined || p.receiver === null || p.receiver === '') return { errorcode: 53, message: 'Missing receivers' };
  const to = addressList(p.receiver);
  if (to === 'not-array') return { errorcode: 52, message: 'List of receivers is not an array' };
  if (to === 'invalid') return { errorcode: 55, message: 'Invalid receivers' };
  if (to.length === 0) return { errorcode: 53, message: 'Missing receivers' };
  const cc = addressList(p.cc);
  const bcc = addressList(p.bcc);
  if (typeof cc === 'string' || typeof bcc === 'string') return { errorcode: 55, message: 'Invalid receivers' };
  const mailbox = mailboxesOf(ctx.tenant, ctx.user.id).find((m) => m.email.toLowerCase() === identity.toLowerCase());
  if (!mailbox) {
    const code = ctx.unknowns.noMailboxCode;
    return { errorcode: code, message: NO_MAILBOX_MESSAGES[code] };
  }
  ctx.tenant.outbox.push({
    id: nextId(ctx.tenant.outbox),
    userId: ctx.user.id,
    from: mailbox.email,
    to,
    cc,
    bcc,
    subject: text(p.subject),
    body: text(p.body),
    sentAt: formatDateTime(ctx.now),
  });
  return success(0, '');
};

const EMAIL_INFO_MANDATORY: readonly (readonly [string, ApiError])[] = [
  ['emailIdentity', { errorcode: 50, message: 'Missing email identity' }],
  ['messageId', { errorcode: 58, message: 'Missing message id' }],
  ['uid', { errorcode: 59, message: 'Missing email uid' }],
  ['folder', { errorcode: 60, message: 'Missing email folder' }],
];

const EMAIL_NOT_FOUND_MESSAGES: Readonly<Record<UnknownSwitches['emailInfoAcceptedCode'], string>> = {
  62: 'Email does not exist (anymore)',
  133: 'No email for given message id',
  276: 'Mail could not be found',
  283: 'Mail could not be found',
};

/**
 * One received mail of a mailbox assigned to the API user. The sandbox receives no mail, so an accepted identity
 * always ends in "not found" — which of the observed codes is unknown (emailInfoAcceptedCode).
 */
const getEmailInfo: Handler = (ctx, action) => {
  const p = action.parameters;
  for (const [name, error] of EMAIL_INFO_MANDATORY) if (absent(p[name])) return error;
  const identity = text(p.emailIdentity).trim().toLowerCase();
  if (!mailboxesOf(ctx.tenant, ctx.user.id).some((m) => m.email.toLowerCase() === identity)) {
    return ctx.unknowns.emailInfoWithoutMailbox === 'empty'
      ? { cacheable: false, cntabsolute: 0, records: [] }
      : { errorcode: 51, message: 'Invalid email identity' };
  }
  const code = ctx.unknowns.emailInfoAcceptedCode;
  return { errorcode: code, message: EMAIL_NOT_FOUND_MESSAGES[code] };
};

// --- log and fields ---------------------------------------------------------------------------------------------

const LOG_FIELDS = new Set(['id', 'action', 'module', 'userId', 'dateTime', 'resourceId', 'resourceTable', 'resourcePk']);

/**
 * The server log: Admin only; `listlimit` is mandatory (0 counts only). No sort parameter is documented, so
 * `sortby` is ignored and entries come in their natural order, oldest first: recent ones are found by a `dateTime`
 * filter (e.g. `between` or `>=`), not by sorting.
 */
const readLog: Handler = (ctx, action) => {
  if (!ctx.user.admin) return { errorcode: 253, message: 'No access to log' };
  const p = action.parameters;
  if (absent(p.listlimit)) return missingParameter('listlimit');
  const modules = stringList(p.module);
  const actions = stringList(p.action);
  const users = stringList(p.user)?.map((u) => {
    const byName = ctx.tenant.users.find((x) => x.userName === u);
    return byName ? String(byName.id) : u;
  });
  const rows: Row[] = ctx.tenant.log
    .filter((e) => !modules?.length || modules.includes(e.module))
    .filter((e) => !actions?.length || actions.includes(e.action))
    .filter((e) => !users?.length || users.includes(String(e.userId)))
    .map((e) => ({ id: e.id, values: logValues(e) }));
  const page = listRows(
    rows,
    { filter: p.filter, listlimit: p.listlimit, listoffset: p.listOffset ?? p.listoffset },
    (f) => LOG_FIELDS.has(f),
    (f) => ({ errorcode: 75, message: `Unknown field: ${f}` }),
  );
  if (isApiError(page)) return page;
  const byId = new Map(ctx.tenant.log.map((e) => [e.id, e]));
  return {
    cacheable: false,
    cntabsolute: page.total,
    records: page.rows.map((r) => ({ id: r.id, type: 'Log', elements: logValues(byId.get(r.id) as LogEntry) })),
  };
};

/** A log entry as the API sends it: strings, null where nothing is known. */
function logValues(e: LogEntry): Record<string, string | null> {
  const nullable = (v: number | null): string | null => (v === null ? null : String(v));
  return {
    id: String(e.id),
    action: e.action,
    module: e.module,
    userId: nullable(e.userId),
    dateTime: e.dateTime,
    resourceId: nullable(e.resourceId),
    resourceTable: e.resourceTable,
    resourcePk: nullable(e.resourcePk),
  };
}

const FIELD_MODULES = { estate: ESTATE_FIELDS, address: ADDRESS_FIELDS } as const;

/** The field configuration of the asked modules; labels only when `labels` is set, in German unless ENG. */
const getFields: Handler = (_ctx, action) => {
  const asked = stringList(action.parameters.modules) ?? Object.keys(FIELD_MODULES);
  const labels = isSet(action.parameters.labels);
  const lang = text(action.parameters.language).toUpperCase() === 'ENG' ? 'en' : 'de';
  const records: WireRecord[] = [];
  for (const module of asked) {
    if (module !== 'estate' && module !== 'address') continue;
    const elements: Record<string, unknown> = labels ? { label: MODULE_LABELS[module][lang] } : {};
    for (const f of FIELD_MODULES[module] as readonly FieldDef<unknown>[]) {
      elements[f.name] = {
        type: f.type,
        length: f.length,
        permittedvalues: f.permittedvalues,
        default: null,
        ...(labels ? { label: f.label[lang] } : {}),
        tablename: f.tablename,
        content: f.content,
      };
    }
    records.push({ id: module, type: '', elements });
  }
  return { cacheable: true, cntabsolute: null, records };
};

// --- saved filters and relations -------------------------------------------------------------------------------

function seesFilter(user: User, filter: SavedFilter): boolean {
  if (filter.scope === 'public') return true;
  return filter.scope === 'office' ? filter.groupId === user.officeGroupId : filter.userId === user.id;
}

/** The saved filters of `module` the caller can see: public ones, its office group's and its own. */
const getFilters: Handler = (ctx, action) => {
  if (absent(action.parameters.module)) return missingParameter('module');
  const module = text(action.parameters.module);
  if (module !== 'estate' && module !== 'address') return invalid('module');
  const visible = ctx.tenant.filters.filter((f) => f.module === module && seesFilter(ctx.user, f));
  return {
    cacheable: true,
    cntabsolute: visible.length,
    records: visible.map((f) => ({ id: f.id, type: 'filter', elements: { scope: f.scope, name: f.name, userId: f.userId, groupId: f.groupId } })),
  };
};

const ESTATE_ADDRESS_RELATION = 'urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:';
/** Estate → address relations by their last URN part. The sandbox records contact persons only; the rest are empty. */
const ESTATE_ADDRESS_RELATIONS: ReadonlyMap<string, (e: Estate) => readonly number[]> = new Map([
  ['contactPerson', (e: Estate) => e.contactPersonIds],
  ['contactPersonAll', (e: Estate) => e.contactPersonIds],
  ['buyer', () => []],
  ['renter', () => []],
  ['owner', () => []],
  ['interested', () => []],
]);

/**
 * The ids on the other side of a relation, for each asked id: `parentids` (estates) give child ids (addresses),
 * `childids` the reverse; exactly one of the two. Every asked id gets a key, [] when nothing is related; related
 * ids arrive as strings, as recorded.
 */
const getIdsFromRelation: Handler = (ctx, action) => {
  const p = action.parameters;
  if (absent(p.relationtype)) return missingParameter('relationtype');
  const relationType = text(p.relationtype);
  const related = relationType.startsWith(ESTATE_ADDRESS_RELATION)
    ? ESTATE_ADDRESS_RELATIONS.get(relationType.slice(ESTATE_ADDRESS_RELATION.length))
    : undefined;
  if (!related) return invalid('relationtype');
  const byParent = nonEmptyList(p.parentids);
  if (byParent === nonEmptyList(p.childids)) return invalid('parentids or childids');
  const ids = parseIdList(byParent ? p.parentids : p.childids, byParent ? 'parentids' : 'childids');
  if (isApiError(ids)) return ids;
  const { estates } = ctx.tenant;
  const elements: Record<string, string[]> = {};
  for (const id of ids) {
    let found: readonly number[];
    if (byParent) {
      const estate = estates.find((e) => e.Id === id);
      found = estate ? related(estate) : [];
    } else found = estates.filter((e) => related(e).includes(id)).map((e) => e.Id);
    elements[String(id)] = found.map(String);
  }
  return { cacheable: true, cntabsolute: null, records: [{ id: 'relatedIds', type: '', elements }] };
};

const HANDLERS: ReadonlyMap<string, Partial<Record<ActionKind, Handler>>> = new Map([
  ['basicsettings', { read: readBasicSettings }],
  ['impressum', { read: readImpressum }],
  ['users', { get: getUsers }],
  ['user', { read: readUser }],
  ['checkuserrecordsright', { get: checkUserRecordsRight }],
  ['estate', { read: readEstate, modify: modifyEstate }],
  ['address', { read: readAddress, create: createAddress }],
  ['searchcriteria', { create: createSearchCriteria }],
  ['estatepictures', { get: getEstatePictures }],
  ['file', { get: getFile }],
  ['unlockprovider', { do: unlockProvider }],
  ['sendmail', { do: sendMail }],
  ['emailinfo', { get: getEmailInfo }],
  ['log', { read: readLog }],
  ['fields', { get: getFields }],
  ['filters', { get: getFilters }],
  ['idsfromrelation', { get: getIdsFromRelation }],
]);

/** Resource types are matched case-insensitively (clients write both `searchcriteria` and `searchCriteria`). */
export function runAction(ctx: ActionContext, action: ParsedAction): ActionOutcome {
  const byKind = HANDLERS.get(action.resourcetype.toLowerCase());
  if (!byKind) return { errorcode: 25, message: 'Missing configuration for resourceType' };
  const handler = byKind[action.kind];
  if (!handler) return { errorcode: 23, message: 'Missing configuration for actionId' };
  return handler(ctx, action);
}
