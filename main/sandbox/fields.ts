/**
 * The field configuration of estates and addresses: one table per module serves reads (values as the strings the
 * API sends), writes (which fields a create/modify may set) and `get fields` (types, labels, permitted values).
 */
import type { Address, Estate, Flag } from './model.ts';

export interface FieldDef<R> {
  name: string;
  type: 'integer' | 'float' | 'varchar' | 'text' | 'boolean' | 'singleselect' | 'user';
  length: number | null;
  permittedvalues: Record<string, string> | null;
  label: { de: string; en: string };
  tablename: string;
  content: string | null;
  read: (record: R) => string;
  /** Sets the field from a request value; false when the value does not fit. Absent = read-only. */
  write?: (record: R, value: unknown) => boolean;
}

const money = (n: number | null): string => (n === null ? '' : n.toFixed(2));
const flag = (v: unknown): Flag | undefined =>
  v === true || v === 1 || v === '1' ? '1' : v === false || v === 0 || v === '0' ? '0' : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const amount = (v: unknown): number | null | undefined => {
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

function setter<R, V>(parse: (v: unknown) => V | undefined, assign: (r: R, v: V) => void): (r: R, v: unknown) => boolean {
  return (record, value) => {
    const parsed = parse(value);
    if (parsed === undefined) return false;
    assign(record, parsed);
    return true;
  };
}

type EstateField = FieldDef<Estate>;

const estateFlag = (name: 'veroeffentlichen' | 'verkauft' | 'reserviert' | 'referenz', de: string, en: string): EstateField => ({
  name,
  type: 'boolean',
  length: null,
  permittedvalues: null,
  label: { de, en },
  tablename: 'ObjTech',
  content: 'Vermarktung',
  read: (e) => e[name],
  write: setter(flag, (e, v) => {
    e[name] = v;
  }),
});

/** Marketing flags the sample data does not model: always "0", present so that website plugins' reads work. */
const constantFlag = (name: string, de: string, en: string): EstateField => ({
  name,
  type: 'boolean',
  length: null,
  permittedvalues: null,
  label: { de, en },
  tablename: 'ObjFreitexte',
  content: 'Vermarktung',
  read: () => '0',
});

const price = (name: string, de: string, en: string, read: (e: Estate) => number | null): EstateField => ({
  name,
  type: 'float',
  length: null,
  permittedvalues: null,
  label: { de, en },
  tablename: 'ObjPreise',
  content: 'Preise',
  read: (e) => money(read(e)),
});

const estateText = (
  name: 'objektnr_extern' | 'objekttitel' | 'objektbeschreibung' | 'strasse' | 'hausnummer' | 'plz' | 'ort' | 'land',
  de: string,
  en: string,
  writable: boolean,
): EstateField => ({
  name,
  type: name === 'objektbeschreibung' ? 'text' : 'varchar',
  length: name === 'objektbeschreibung' ? null : 255,
  permittedvalues: null,
  label: { de, en },
  tablename: name === 'objekttitel' || name === 'objektbeschreibung' ? 'ObjFreitexte' : 'ObjGeo',
  content: name === 'objekttitel' || name === 'objektbeschreibung' ? 'Texte' : 'Geografische Angaben',
  read: (e) => e[name],
  ...(writable
    ? {
        write: setter(text, (e: Estate, v: string) => {
          e[name] = v;
        }),
      }
    : {}),
});

const select = (
  name: 'objektart' | 'objekttyp' | 'vermarktungsart' | 'nutzungsart',
  de: string,
  en: string,
  permittedvalues: Record<string, string>,
): EstateField => ({
  name,
  type: 'singleselect',
  length: null,
  permittedvalues,
  label: { de, en },
  tablename: 'ObjKategorie',
  content: 'Objektkategorie',
  read: (e) => e[name],
});

export const ESTATE_FIELDS: readonly EstateField[] = [
  { name: 'Id', type: 'integer', length: null, permittedvalues: null, label: { de: 'Datensatznr', en: 'Record no.' }, tablename: 'ObjTech', content: null, read: (e) => String(e.Id) },
  estateText('objektnr_extern', 'ImmoNr', 'Property no.', false),
  estateText('objekttitel', 'Objekttitel', 'Property title', true),
  estateText('objektbeschreibung', 'Objektbeschreibung', 'Property description', true),
  select('objektart', 'Objektart', 'Type of property', {
    haus: 'Haus',
    wohnung: 'Wohnung',
    grundstueck: 'Grundstück',
    buero_praxen: 'Büro/Praxen',
    einzelhandel: 'Einzelhandel',
  }),
  select('objekttyp', 'Objekttyp', 'Property type', {
    einfamilienhaus: 'Einfamilienhaus',
    doppelhaushaelfte: 'Doppelhaushälfte',
    reihenhaus: 'Reihenhaus',
    etage: 'Etagenwohnung',
    dachgeschoss: 'Dachgeschoss',
    penthouse: 'Penthouse',
    wohnen: 'Wohngrundstück',
    bueroflaeche: 'Bürofläche',
    ladenlokal: 'Ladenlokal',
  }),
  select('vermarktungsart', 'Vermarktungsart', 'Type of marketing', { kauf: 'Kauf', miete: 'Miete' }),
  select('nutzungsart', 'Nutzungsart', 'Type of use', { wohnen: 'Wohnen', gewerbe: 'Gewerbe' }),
  {
    ...price('kaufpreis', 'Kaufpreis', 'Purchase price', (e) => e.kaufpreis),
    write: setter(amount, (e: Estate, v: number | null) => {
      e.kaufpreis = v;
    }),
  },
  {
    ...price('kaltmiete', 'Kaltmiete', 'Cold rent', (e) => e.kaltmiete),
    write: setter(amount, (e: Estate, v: number | null) => {
      e.kaltmiete = v;
    }),
  },
  price('nettokaltmiete', 'Nettokaltmiete', 'Net cold rent', (e) => e.kaltmiete),
  price('warmmiete', 'Warmmiete', 'Warm rent', (e) => (e.kaltmiete === null ? null : Math.round(e.kaltmiete * 1.25))),
  price('calculatedPrice', 'Preis', 'Price', (e) => e.kaufpreis ?? e.kaltmiete),
  price('kaufpreis_pro_qm', 'Kaufpreis pro qm', 'Purchase price per m²', (e) =>
    e.kaufpreis === null ? null : e.kaufpreis / e.wohnflaeche,
  ),
  price('mietpreis_pro_qm', 'Mietpreis pro qm', 'Rent per m²', (e) => (e.kaltmiete === null ? null : e.kaltmiete / e.wohnflaeche)),
  price('erbpacht', 'Erbpacht', 'Ground rent', () => null),
  price('pacht', 'Pacht', 'Lease', () => null),
  price('miete_pauschal', 'Miete pauschal', 'Flat-rate rent', () => null),
  price('saisonmiete', 'Saisonmiete', 'Seasonal rent', () => null),
  price('wochmietbto', 'Wochenmiete brutto', 'Weekly rent gross', () => null),
  { name: 'waehrung', type: 'singleselect', length: null, permittedvalues: { EUR: 'Euro' }, label: { de: 'Währung', en: 'Currency' }, tablename: 'ObjPreise', content: 'Preise', read: () => 'EUR' },
  { name: 'wohnflaeche', type: 'float', length: null, permittedvalues: null, label: { de: 'Wohnfläche', en: 'Living space' }, tablename: 'ObjFlaechen', content: 'Flächen', read: (e) => e.wohnflaeche.toFixed(2) },
  { name: 'anzahl_zimmer', type: 'float', length: null, permittedvalues: null, label: { de: 'Zimmer', en: 'Rooms' }, tablename: 'ObjFlaechen', content: 'Flächen', read: (e) => e.anzahl_zimmer.toFixed(2) },
  estateText('strasse', 'Straße', 'Street', false),
  estateText('hausnummer', 'Hausnummer', 'House number', false),
  estateText('plz', 'PLZ', 'Postcode', false),
  estateText('ort', 'Ort', 'City', false),
  estateText('land', 'Land', 'Country', false),
  { name: 'breitengrad', type: 'float', length: null, permittedvalues: null, label: { de: 'Breitengrad', en: 'Latitude' }, tablename: 'ObjGeo', content: 'Geografische Angaben', read: (e) => e.breitengrad.toFixed(5) },
  { name: 'laengengrad', type: 'float', length: null, permittedvalues: null, label: { de: 'Längengrad', en: 'Longitude' }, tablename: 'ObjGeo', content: 'Geografische Angaben', read: (e) => e.laengengrad.toFixed(5) },
  { name: 'virtualAddress', type: 'boolean', length: null, permittedvalues: null, label: { de: 'Virtuelle Adresse', en: 'Virtual address' }, tablename: 'ObjGeo', content: 'Geografische Angaben', read: () => '0' },
  estateFlag('veroeffentlichen', 'Veröffentlichen', 'Publish'),
  {
    name: 'status',
    type: 'singleselect',
    length: null,
    permittedvalues: { '1': 'Aktiv', '2': 'Inaktiv', '0': 'Archiviert' },
    label: { de: 'Status', en: 'Status' },
    tablename: 'ObjTech',
    content: 'Verwaltung',
    read: (e) => String(e.status),
    write: setter(
      (v) => (v === 0 || v === 1 || v === 2 || v === '0' || v === '1' || v === '2' ? (Number(v) as 0 | 1 | 2) : undefined),
      (e: Estate, v: 0 | 1 | 2) => {
        e.status = v;
      },
    ),
  },
  estateFlag('verkauft', 'Verkauft/Vermietet', 'Sold/Rented'),
  estateFlag('reserviert', 'Reserviert', 'Reserved'),
  estateFlag('referenz', 'Referenzobjekt', 'Reference property'),
  constantFlag('exclusive', 'Exklusiv', 'Exclusive'),
  constantFlag('neu', 'Neu', 'New'),
  constantFlag('top_angebot', 'Top-Angebot', 'Top offer'),
  constantFlag('preisreduktion', 'Preisreduktion', 'Price reduction'),
  constantFlag('courtage_frei', 'Courtagefrei', 'Commission-free'),
  constantFlag('provisionsfrei', 'Provisionsfrei', 'Commission-free'),
  constantFlag('objekt_des_tages', 'Objekt des Tages', 'Property of the day'),
  constantFlag('preisAufAnfrage', 'Preis auf Anfrage', 'Price on request'),
  { name: 'benutzer', type: 'user', length: null, permittedvalues: null, label: { de: 'Betreuer', en: 'Agent' }, tablename: 'ObjTech', content: 'Verwaltung', read: (e) => String(e.benutzer) },
  // Custom fields of this customer, named as enterprise names them (`ind_<number>_Feld_<table><n>`, as recorded).
  // The sample data holds no values for them: they read as empty, as an unfilled custom field does.
  { name: 'ind_2104_Feld_ObjTech1', type: 'boolean', length: null, permittedvalues: null, label: { de: 'Energieausweis liegt vor', en: 'Energy certificate available' }, tablename: 'ObjTech', content: 'Technische-Angaben', read: () => '0' },
  { name: 'ind_2106_Feld_ObjFreitexte2', type: 'text', length: null, permittedvalues: null, label: { de: 'Lagebeschreibung Website', en: 'Location text for the website' }, tablename: 'ObjFreitexte', content: 'Texte', read: () => '' },
];

type AddressField = FieldDef<Address>;

const addressText = (
  name: 'Vorname' | 'Name' | 'Firma' | 'Email' | 'Telefon1' | 'Strasse' | 'Plz' | 'Ort' | 'Land',
  de: string,
  en: string,
  tablename: string,
  content: string,
): AddressField => ({
  name,
  type: 'varchar',
  length: 80,
  permittedvalues: null,
  label: { de, en },
  tablename,
  content,
  read: (a) => a[name],
  write: setter(text, (a: Address, v: string) => {
    a[name] = v;
  }),
});

export const ADDRESS_FIELDS: readonly AddressField[] = [
  { name: 'Id', type: 'integer', length: null, permittedvalues: null, label: { de: 'Datensatznr', en: 'Record no.' }, tablename: 'Stammdaten', content: 'Stammdaten', read: (a) => String(a.Id) },
  { name: 'KdNr', type: 'integer', length: null, permittedvalues: null, label: { de: 'KdNr', en: 'Customer no.' }, tablename: 'Stammdaten', content: 'Stammdaten', read: (a) => String(a.KdNr) },
  {
    name: 'Anrede',
    type: 'singleselect',
    length: null,
    permittedvalues: { Herr: 'Herr', Frau: 'Frau', Firma: 'Firma', Familie: 'Familie' },
    label: { de: 'Anrede', en: 'Title' },
    tablename: 'Stammdaten',
    content: 'Stammdaten',
    read: (a) => a.Anrede,
    write: setter(
      (v) => (v === 'Herr' || v === 'Frau' || v === 'Firma' || v === 'Familie' ? v : undefined),
      (a: Address, v: string) => {
        a.Anrede = v;
      },
    ),
  },
  addressText('Vorname', 'Vorname', 'First name', 'Stammdaten', 'Stammdaten'),
  addressText('Name', 'Name', 'Surname', 'Stammdaten', 'Stammdaten'),
  addressText('Firma', 'Firma', 'Company', 'Stammdaten', 'Stammdaten'),
  addressText('Email', 'E-Mail', 'E-mail', 'Kontakt', 'Kontakt'),
  addressText('Telefon1', 'Telefon', 'Phone', 'Kontakt', 'Kontakt'),
  addressText('Strasse', 'Straße', 'Street', 'Stammdaten', 'Stammdaten'),
  addressText('Plz', 'PLZ', 'Postcode', 'Stammdaten', 'Stammdaten'),
  addressText('Ort', 'Ort', 'City', 'Stammdaten', 'Stammdaten'),
  addressText('Land', 'Land', 'Country', 'Stammdaten', 'Stammdaten'),
  {
    name: 'homepage_veroeffentlichen',
    type: 'boolean',
    length: null,
    permittedvalues: null,
    label: { de: 'Auf Homepage veröffentlichen', en: 'Publish on homepage' },
    tablename: 'Verwaltung',
    content: 'Verwaltung',
    read: (a) => a.homepage_veroeffentlichen,
    write: setter(flag, (a: Address, v: Flag) => {
      a.homepage_veroeffentlichen = v;
    }),
  },
  { name: 'Benutzer', type: 'user', length: null, permittedvalues: null, label: { de: 'Betreuer', en: 'Advisor' }, tablename: 'Verwaltung', content: 'Verwaltung', read: (a) => String(a.Benutzer) },
  // A custom field of this customer (see the estate fields): no values in the sample data.
  {
    name: 'ind_2110_Feld_adressen1',
    type: 'singleselect',
    length: null,
    permittedvalues: { ind_Schl_3101: 'Website', ind_Schl_3103: 'Empfehlung', ind_Schl_3105: 'Portal' },
    label: { de: 'Kontaktquelle', en: 'Contact source' },
    tablename: 'AdrZusatz',
    content: 'Zusatzangaben',
    read: () => '',
  },
];

/**
 * Fields this customer has deactivated in the administration. onOffice treats an inactive field as one that does
 * not exist: `get fields` leaves it out, and reading, filtering or sorting by it fails with the module's
 * unknown-field code (143 estate, 141 address). So the sandbox keeps them out of the tables above; they are named
 * here so that tests and checks can ask for a field a website may still be configured with.
 */
export const INACTIVE_FIELDS: Readonly<Record<'estate' | 'address', readonly string[]>> = {
  estate: ['ausstatt_beschr', 'ind_2108_Feld_ObjVerwaltung3'],
  address: ['ind_2112_Feld_adressen2'],
};

/** `create address` takes a few lower-case aliases besides the field names. */
export const ADDRESS_CREATE_ALIASES: Readonly<Record<string, string>> = { email: 'Email', phone: 'Telefon1' };

export const MODULE_LABELS: Readonly<Record<'estate' | 'address', { de: string; en: string }>> = {
  estate: { de: 'Immobilien', en: 'Properties' },
  address: { de: 'Adressen', en: 'Addresses' },
};

export function fieldMap<R>(fields: readonly FieldDef<R>[]): ReadonlyMap<string, FieldDef<R>> {
  return new Map(fields.map((f) => [f.name, f]));
}

/** All field values of a record, as the API sends them (strings). */
export function wireValues<R>(fields: readonly FieldDef<R>[], record: R): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) values[f.name] = f.read(record);
  return values;
}
