/**
 * Deterministic German sample data for a tenant: an estate agency in North Rhine-Westphalia with its staff,
 * office groups, properties, contacts, mailboxes and a few log entries. Scenarios add their API users on top.
 * Mail addresses use the reserved `.example` domain so nothing here can ever reach a real inbox.
 */
import type { Address, Estate, LogEntry, Mailbox, OfficeGroup, Picture, Portal, SavedFilter, Tenant, User } from './model.ts';
import { formatDateTime, uniformRights, withRights } from './model.ts';
import type { Random } from './random.ts';
import { pick, pickSome, randomInt } from './random.ts';

const FIRST_NAMES = [
  'Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Lena', 'Paul', 'Laura', 'Maximilian', 'Katharina',
  'Tobias', 'Julia', 'Florian', 'Sabine', 'Thomas', 'Petra', 'Andreas', 'Monika', 'Stefan', 'Claudia', 'Jürgen',
  'Birgit', 'Uwe', 'Jörg', 'Bärbel',
] as const;
const FEMALE = new Set(['Anna', 'Sophie', 'Marie', 'Lena', 'Laura', 'Katharina', 'Julia', 'Sabine', 'Petra', 'Monika', 'Claudia', 'Birgit', 'Bärbel']);
const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
  'Krüger', 'Hartmann', 'Lange', 'Weiß', 'Jäger',
] as const;
const STREETS = [
  'Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schillerstraße', 'Goethestraße', 'Am Markt',
  'Kirchgasse', 'Rosenweg', 'Mühlenweg', 'Friedrichstraße', 'Parkstraße', 'Eichendorffweg', 'Am Stadtgarten',
] as const;
const CITIES = [
  { ort: 'Aachen', plz: '52062', lat: 50.77664, lon: 6.08342, phone: '0241' },
  { ort: 'Köln', plz: '50667', lat: 50.93753, lon: 6.96028, phone: '0221' },
  { ort: 'Düsseldorf', plz: '40213', lat: 51.22172, lon: 6.77616, phone: '0211' },
  { ort: 'Bonn', plz: '53111', lat: 50.73743, lon: 7.09821, phone: '0228' },
  { ort: 'Münster', plz: '48143', lat: 51.96236, lon: 7.62571, phone: '0251' },
  { ort: 'Essen', plz: '45127', lat: 51.45657, lon: 7.01228, phone: '0201' },
  { ort: 'Dortmund', plz: '44135', lat: 51.51494, lon: 7.466, phone: '0231' },
  { ort: 'Bochum', plz: '44787', lat: 51.48165, lon: 7.21648, phone: '0234' },
] as const;
type City = (typeof CITIES)[number];
const AGENCIES = [
  'Rheinblick Immobilien GmbH', 'Domstadt Wohnen GmbH', 'Eifelhaus Makler GmbH', 'Westfalen Immobilienkontor KG',
  'Lindenhof Immobilien e.K.', 'Ruhrtal Immobilien GmbH', 'Siebengebirge Makler GmbH', 'Münsterland Wohnwerte GmbH',
] as const;

/** ASCII form of a German name for logins and mail addresses. */
function asciiName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Person {
  firstName: string;
  lastName: string;
  female: boolean;
}

function samplePerson(rnd: Random): Person {
  const firstName = pick(rnd, FIRST_NAMES);
  return { firstName, lastName: pick(rnd, LAST_NAMES), female: FEMALE.has(firstName) };
}

function phoneIn(rnd: Random, city: City): string {
  return `${city.phone} ${randomInt(rnd, 100000, 999999)}`;
}

function imprintFor(rnd: Random, firma: string, city: City, domain: string, owner: Person): Record<string, string> {
  return {
    title: owner.female ? 'Frau' : 'Herr',
    firstname: owner.firstName,
    lastname: owner.lastName,
    firma,
    postcode: city.plz,
    city: city.ort,
    street: pick(rnd, STREETS),
    housenumber: String(randomInt(rnd, 1, 120)),
    state: 'Nordrhein-Westfalen',
    country: 'Deutschland',
    phone: phoneIn(rnd, city),
    mobil: `0171 ${randomInt(rnd, 1000000, 9999999)}`,
    fax: phoneIn(rnd, city),
    email: `info@${domain}`,
    homepage: `www.${domain}`,
    vertretungsberechtigter: `${owner.firstName} ${owner.lastName}`,
    berufsaufsichtsbehoerde: `Stadt ${city.ort}, Gewerbeamt`,
    handelsregister: `Amtsgericht ${city.ort}`,
    handelsregisterNr: `HRB ${randomInt(rnd, 1000, 29999)}`,
    ustId: `DE${randomInt(rnd, 100000000, 999999999)}`,
    bank: `Sparkasse ${city.ort}`,
    iban: `DE${randomInt(rnd, 10, 99)}${randomInt(rnd, 1000000000, 9999999999)}${randomInt(rnd, 10000000, 99999999)}`,
    bic: 'SPKDDE33XXX',
    chamber: `IHK ${city.ort}`,
  };
}

function sampleUser(rnd: Random, id: number, officeGroupId: number, domain: string): User {
  const p = samplePerson(rnd);
  return {
    id,
    userName: `${asciiName(p.firstName).slice(0, 1)}${asciiName(p.lastName)}${id}`,
    firstName: p.firstName,
    lastName: p.lastName,
    email: `${asciiName(p.firstName)}.${asciiName(p.lastName)}@${domain}`,
    phone: `0171 ${randomInt(rnd, 1000000, 9999999)}`,
    officeGroupId,
    active: rnd() > 0.1,
    kind: 'user',
    language: 'DEU',
    rights: withRights(uniformRights('own'), { estate: { read: 'all' }, address: { read: 'all' } }),
    onlyPublished: false,
    // The first staff member runs the office.
    admin: id === 11,
    readUserData: false,
  };
}

const KINDS = [
  { objektart: 'wohnung', typen: ['etage', 'dachgeschoss', 'penthouse'], area: [45, 140], rooms: [1, 5], sqm: [2600, 5800], rent: [9, 18] },
  { objektart: 'haus', typen: ['einfamilienhaus', 'doppelhaushaelfte', 'reihenhaus'], area: [100, 220], rooms: [4, 8], sqm: [2400, 4800], rent: [8, 14] },
  { objektart: 'grundstueck', typen: ['wohnen'], area: [350, 1200], rooms: [0, 0], sqm: [150, 450], rent: [0, 0] },
  { objektart: 'buero_praxen', typen: ['bueroflaeche'], area: [60, 300], rooms: [2, 8], sqm: [1800, 3500], rent: [10, 22] },
  { objektart: 'einzelhandel', typen: ['ladenlokal'], area: [40, 180], rooms: [1, 3], sqm: [2000, 4000], rent: [12, 30] },
] as const;
const KIND_WEIGHTS = [0.45, 0.3, 0.1, 0.1, 0.05];

function weightedIndex(rnd: Random, weights: readonly number[]): number {
  let u = rnd();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function estateTitle(objekttyp: string, rooms: number, area: number, miete: boolean, city: City): string {
  switch (objekttyp) {
    case 'etage':
      return `Helle ${rooms}-Zimmer-Wohnung in ${city.ort}${miete ? ' zur Miete' : ''}`;
    case 'dachgeschoss':
      return `Gemütliche Dachgeschosswohnung mit ${rooms} Zimmern in ${city.ort}`;
    case 'penthouse':
      return `Penthouse mit Dachterrasse und Blick über ${city.ort}`;
    case 'einfamilienhaus':
      return `Einfamilienhaus mit Garten in ${city.ort}`;
    case 'doppelhaushaelfte':
      return `Doppelhaushälfte in ruhiger Lage von ${city.ort}`;
    case 'reihenhaus':
      return `Familienfreundliches Reihenhaus in ${city.ort}`;
    case 'wohnen':
      return `Baugrundstück am Ortsrand von ${city.ort} (${area} m²)`;
    case 'bueroflaeche':
      return `Moderne Bürofläche in zentraler Lage von ${city.ort}`;
    default:
      return `Ladenlokal in der Fußgängerzone von ${city.ort}`;
  }
}

function samplePictures(rnd: Random, firstId: number, estateId: number): Picture[] {
  const count = randomInt(rnd, 0, 4);
  const pictures: Picture[] = [];
  for (let i = 0; i < count; i++) {
    const category = i === 0 ? 'Titelbild' : pick(rnd, ['Foto', 'Foto', 'Grundriss', 'Lageplan']);
    pictures.push({
      id: firstId + i,
      category,
      title: category === 'Titelbild' ? 'Außenansicht' : category === 'Foto' ? pick(rnd, ['Wohnzimmer', 'Küche', 'Bad', 'Garten', 'Schlafzimmer']) : category,
      text: '',
      originalName: `objekt-${estateId}-${i + 1}.jpg`,
      modified: 1_700_000_000 + randomInt(rnd, 0, 30_000_000),
      publishOnHomepage: rnd() < 0.75,
      // Drawn later on their own stream (addPortalReleases), so that this stream stays as it was.
      portalIds: [],
      internal: false,
      documentAttribute: null,
    });
  }
  return pictures;
}

function sampleEstates(rnd: Random, count: number, ownerIds: readonly number[]): Estate[] {
  const estates: Estate[] = [];
  let id = 1000 + randomInt(rnd, 0, 40);
  let pictureId = 5000;
  for (let n = 0; n < count; n++) {
    id += randomInt(rnd, 1, 9);
    const kind = KINDS[weightedIndex(rnd, KIND_WEIGHTS)] as (typeof KINDS)[number];
    const objekttyp = pick(rnd, kind.typen);
    const miete = kind.objektart !== 'grundstueck' && rnd() < 0.4;
    const area = randomInt(rnd, kind.area[0], kind.area[1]);
    const rooms = randomInt(rnd, kind.rooms[0], kind.rooms[1]);
    const city = pick(rnd, CITIES);
    const verkauft = rnd() < 0.12;
    const pictures = samplePictures(rnd, pictureId, id);
    pictureId += pictures.length;
    estates.push({
      Id: id,
      objektnr_extern: `${asciiName(city.ort).slice(0, 2).toUpperCase()}${randomInt(rnd, 100, 999)}`,
      objekttitel: estateTitle(objekttyp, rooms, area, miete, city),
      objektbeschreibung: `${miete ? 'Zur Miete' : 'Zum Kauf'}: ${area} m²${rooms > 0 ? `, ${rooms} Zimmer` : ''}, ${city.ort}. Besichtigung nach Vereinbarung.`,
      objektart: kind.objektart,
      objekttyp,
      vermarktungsart: miete ? 'miete' : 'kauf',
      nutzungsart: kind.objektart === 'buero_praxen' || kind.objektart === 'einzelhandel' ? 'gewerbe' : 'wohnen',
      kaufpreis: miete ? null : Math.round((area * randomInt(rnd, kind.sqm[0], kind.sqm[1])) / 1000) * 1000,
      kaltmiete: miete ? Math.round(area * randomInt(rnd, kind.rent[0], kind.rent[1])) : null,
      wohnflaeche: area,
      anzahl_zimmer: rooms,
      strasse: pick(rnd, STREETS),
      hausnummer: String(randomInt(rnd, 1, 140)),
      plz: city.plz,
      ort: city.ort,
      land: 'DEU',
      breitengrad: city.lat + (rnd() - 0.5) / 50,
      laengengrad: city.lon + (rnd() - 0.5) / 50,
      veroeffentlichen: rnd() < 0.7 ? '1' : '0',
      status: verkauft ? 2 : rnd() < 0.08 ? 0 : 1,
      verkauft: verkauft ? '1' : '0',
      reserviert: !verkauft && rnd() < 0.1 ? '1' : '0',
      referenz: verkauft && rnd() < 0.5 ? '1' : '0',
      benutzer: pick(rnd, ownerIds),
      pictures,
      contactPersonIds: [],
      languageVersions: [],
    });
  }
  return estates;
}

function sampleAddresses(rnd: Random, count: number, ownerIds: readonly number[]): Address[] {
  const addresses: Address[] = [];
  let id = 100 + randomInt(rnd, 0, 30);
  for (let n = 0; n < count; n++) {
    id += randomInt(rnd, 1, 12);
    const company = rnd() < 0.1;
    const p = samplePerson(rnd);
    const city = pick(rnd, CITIES);
    addresses.push({
      Id: id,
      KdNr: n + 1,
      Anrede: company ? 'Firma' : p.female ? 'Frau' : 'Herr',
      Vorname: company ? '' : p.firstName,
      Name: p.lastName,
      Firma: company ? `${p.lastName} Bau GmbH` : '',
      Email: `${company ? 'kontakt' : asciiName(p.firstName)}.${asciiName(p.lastName)}${n + 1}@kunden.example`,
      Telefon1: phoneIn(rnd, city),
      Strasse: `${pick(rnd, STREETS)} ${randomInt(rnd, 1, 90)}`,
      Plz: city.plz,
      Ort: city.ort,
      Land: 'Deutschland',
      homepage_veroeffentlichen: rnd() < 0.4 ? '1' : '0',
      Benutzer: pick(rnd, ownerIds),
      recordRightsUserIds: null,
    });
  }
  return addresses;
}

/**
 * The portals of every sample agency: three active, and one the agency no longer exports to (Immonet went into
 * Immowelt), which `get file` must leave out as it lists active portals only.
 */
const PORTALS: readonly Portal[] = [
  { id: 12, name: 'ImmobilienScout24', active: true },
  { id: 15, name: 'Immowelt', active: true },
  { id: 21, name: 'Immonet', active: false },
  { id: 31, name: 'Kleinanzeigen', active: true },
];

/** Saved filters of every scope; the private one belongs to a staff member, so API users never see it. */
function sampleFilters(officeGroups: readonly OfficeGroup[], staffIds: readonly number[]): SavedFilter[] {
  const everyone = { scope: 'public', userId: null, groupId: null } as const;
  const filters: Omit<SavedFilter, 'id'>[] = [
    { module: 'estate', name: 'Aktive Objekte', ...everyone },
    { module: 'estate', name: 'Archivierte Immobilien', ...everyone },
    ...officeGroups.map((g) => ({ module: 'estate', scope: 'office', name: `Objekte ${g.name}`, userId: null, groupId: g.id }) as const),
    { module: 'estate', scope: 'private', name: 'Meine Immobilien', userId: staffIds[0] ?? null, groupId: null },
    { module: 'address', name: 'Interessenten Kauf', ...everyone },
    ...officeGroups.map((g) => ({ module: 'address', scope: 'office', name: `Adressen ${g.name}`, userId: null, groupId: g.id }) as const),
  ];
  return filters.map((f, i) => ({ id: i + 1, ...f }));
}

function sampleLog(rnd: Random, tenant: Tenant, nowSeconds: number, count: number): LogEntry[] {
  const staff = tenant.users.filter((u) => u.kind === 'user').map((u) => u.id);
  const entries: LogEntry[] = [];
  let at = nowSeconds - 30 * 86400;
  for (let n = 0; n < count; n++) {
    at += randomInt(rnd, 600, 2 * 86400);
    if (at >= nowSeconds) break;
    const onEstate = rnd() < 0.6;
    const record = onEstate ? pick(rnd, tenant.estates).Id : pick(rnd, tenant.addresses).Id;
    entries.push({
      id: 1000 + n,
      action: rnd() < 0.8 ? 'edit' : 'create',
      module: onEstate ? 'estate' : 'address',
      userId: pick(rnd, staff),
      dateTime: formatDateTime(at),
      resourceId: record,
      resourceTable: onEstate ? 'objekte' : 'adressen',
      resourcePk: record,
    });
  }
  return entries;
}

/**
 * A tenant with staff, records, mailboxes and history, but no API user yet. `nowSeconds` (Unix seconds) anchors
 * the log's dates; everything else depends only on the random stream.
 */
export function sampleTenant(rnd: Random, scenario: string, nowSeconds: number): Tenant {
  const customerName = pick(rnd, AGENCIES);
  const domain = `${asciiName(customerName.replace(/ (GmbH|KG|e\.K\.)$/, ''))}.example`;
  const head = pick(rnd, CITIES);
  const branch = pick(rnd, CITIES.filter((c) => c !== head));
  const owner = samplePerson(rnd);
  const officeGroups: OfficeGroup[] = [
    { id: 1, name: `Zentrale ${head.ort}`, imprint: imprintFor(rnd, customerName, head, domain, owner) },
    { id: 2, name: `Filiale ${branch.ort}`, imprint: imprintFor(rnd, `${customerName} – Filiale ${branch.ort}`, branch, domain, samplePerson(rnd)) },
  ];
  const users: User[] = [];
  for (let i = 0; i < 6; i++) users.push(sampleUser(rnd, 11 + i, i < 4 ? 1 : 2, domain));
  const staffIds = users.map((u) => u.id);
  const mailboxes: Mailbox[] = [
    { id: 1, email: `info@${domain}`, name: customerName, assignedUserIds: staffIds.slice(0, 2), active: true },
    { id: 2, email: `vertrieb@${domain}`, name: `Vertrieb ${customerName}`, assignedUserIds: staffIds.slice(1, 4), active: true },
    ...users.map((u, i) => ({ id: 10 + i, email: u.email, name: `${u.firstName} ${u.lastName}`, assignedUserIds: [u.id], active: true })),
  ];
  const tenant: Tenant = {
    scenario,
    customerId: randomInt(rnd, 10000, 99999),
    customerName,
    clockOffsetSeconds: 0,
    faults: {},
    basicSettings: {
      logo: `https://${domain}/logo.png`,
      color: pick(rnd, ['003366', '8b0000', '1b5e20', '333333']),
      color2: 'ffffff',
      textcolorMail: '000000',
      claim: pick(rnd, ['Ihr Zuhause in guten Händen', 'Immobilien mit Herz und Verstand', 'Wir finden Ihr neues Zuhause']),
    },
    imprint: officeGroups[0]?.imprint ?? {},
    officeGroups,
    users,
    credentials: [],
    estates: sampleEstates(rnd, 24, staffIds),
    addresses: sampleAddresses(rnd, 30, staffIds),
    portals: PORTALS.map((p) => ({ ...p })),
    mailboxes,
    filters: sampleFilters(officeGroups, staffIds),
    log: [],
    outbox: [],
    searchCriteria: [],
    activations: [],
  };
  tenant.log = sampleLog(rnd, tenant, nowSeconds, 20);
  return tenant;
}

/**
 * Gives most estates a contact person from a few broker addresses, as real tenants link few brokers to many
 * estates. Takes its own random stream, so that the relations do not shift the rest of the sample data.
 */
export function addContactPersons(rnd: Random, tenant: Tenant): void {
  const brokers = pickSome(rnd, tenant.addresses, 3).map((a) => a.Id);
  for (const estate of tenant.estates) estate.contactPersonIds = rnd() < 0.8 ? [pick(rnd, brokers)] : [];
}

const ENGLISH_TYPES: Readonly<Record<string, string>> = {
  etage: 'flat',
  dachgeschoss: 'attic flat',
  penthouse: 'penthouse',
  einfamilienhaus: 'detached house',
  doppelhaushaelfte: 'semi-detached house',
  reihenhaus: 'terraced house',
  wohnen: 'building plot',
  bueroflaeche: 'office space',
  ladenlokal: 'shop',
};

/** The English title and description of an estate, from its own data. */
export function englishTexts(e: Estate): { objekttitel: string; objektbeschreibung: string } {
  const what = ENGLISH_TYPES[e.objekttyp] ?? 'property';
  const rooms = e.anzahl_zimmer > 0 && e.objektart === 'wohnung' ? `${e.anzahl_zimmer}-room ` : '';
  const deal = e.vermarktungsart === 'miete' ? 'to let' : 'for sale';
  return {
    objekttitel: `${rooms}${what} in ${e.ort}, ${deal}`.replace(/^./, (c) => c.toUpperCase()),
    objektbeschreibung: `${e.vermarktungsart === 'miete' ? 'To let' : 'For sale'}: ${e.wohnflaeche} m²${e.anzahl_zimmer > 0 ? `, ${e.anzahl_zimmer} rooms` : ''}, ${e.ort}. Viewings by appointment.`,
  };
}

/**
 * Gives about half of the estates an English version, as agencies translate only part of their stock. A version
 * mostly shares the main estate's publish flag. Its own random stream keeps the rest of the sample data as it was.
 */
export function addLanguageVersions(rnd: Random, tenant: Tenant): void {
  let id = 3000 + randomInt(rnd, 0, 40);
  for (const estate of tenant.estates) {
    if (rnd() >= 0.5) continue;
    id += randomInt(rnd, 1, 5);
    const sameFlag = rnd() < 0.85;
    const published = (estate.veroeffentlichen === '1') === sameFlag;
    estate.languageVersions = [{ Id: id, language: 'ENG', ...englishTexts(estate), veroeffentlichen: published ? '1' : '0' }];
  }
}

/**
 * Releases pictures for portals: most for each active portal, homepage-released or not, as agencies release
 * pictures for portals and homepage separately. Its own random stream keeps the rest of the sample data as it was.
 */
export function addPortalReleases(rnd: Random, tenant: Tenant): void {
  const active = tenant.portals.filter((p) => p.active).map((p) => p.id);
  for (const picture of tenant.estates.flatMap((e) => e.pictures)) picture.portalIds = active.filter(() => rnd() < 0.7);
}

/** The agency's mail domain, derived from its info mailbox. */
export function tenantDomain(tenant: Tenant): string {
  return tenant.mailboxes[0]?.email.split('@')[1] ?? 'agentur.example';
}
