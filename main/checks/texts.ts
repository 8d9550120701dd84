/** Enterprise menu paths and recurring sentences, in German (enterprise's own menu names) and English. */
import { L } from './types.ts';

export const RIGHTS_PATH = L(
  'Extras → Einstellungen → Benutzer → API-Benutzer öffnen → Registerkarte Rechte',
  'Extras → Settings → User → open the API user → Rights tab',
);

export const ONLY_PUBLISHED_RIGHT = L(
  '„Kann nur auf der Homepage veröffentlichte Adressen/Immobilien sehen“',
  '"Can only see addresses/properties published on the website"',
);

export const ESTATE_PUBLISH_PATH = L(
  'Immobilie → Vermarktung → Eigene Homepage: Veröffentlichen',
  'Property → Marketing → Own website: Publish',
);

export const ADDRESS_PUBLISH_PATH = L(
  'in der Adresse das Häkchen „Homepage veröffentlichen“ (Feld homepage_veroeffentlichen)',
  'the address flag "publish on homepage" (field homepage_veroeffentlichen)',
);

export const MAILBOX_PATH = L(
  'Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → „Zugewiesene Benutzer“ → API-Benutzer hinzufügen → Speichern',
  'Extras → Settings → Basic settings → E-mail → open the mailbox → "Assigned users" → add the API user → save',
);

export const LOG_PATH = L(
  'Extras → Protokoll, im Feld „Benutzer“ den API-Benutzer wählen',
  'Extras → Log, choose the API user in the "User" field',
);

export const ADMIN_PATH = L(
  'Extras → Einstellungen → Benutzer → API-Benutzer öffnen → Rechte → Admin',
  'Extras → Settings → User → open the API user → Rights → Admin',
);

export const USER_DATA_RIGHT = L('„Benutzerdaten per API auslesen“', '"Read out user data via API"');

export const HELP_ADVICE = L(
  'Die aktuelle Online-Hilfe rät, dieses Recht nicht zu setzen; ältere Hilfetexte empfahlen es für Website-Plugins. Ist es gesetzt, sieht der API-Benutzer nur veröffentlichte Datensätze.',
  'The current online help advises not setting this right; older help texts recommended it for website plugins. When it is set, the API user sees published records only.',
);

export const CACHE_HINT = L(
  'Nachgelagerte Caches (das WordPress-Plugin speichert API-Daten eine Stunde) zeigen eine Korrektur erst nach dem Leeren.',
  'Downstream caches (the WordPress plugin keeps API data for an hour) show a fix only once cleared.',
);

export const MODULE_NAMES: Readonly<Record<string, { de: string; en: string }>> = {
  estate: L('Immobilie', 'property'),
  address: L('Adresse', 'address'),
  searchCriteria: L('Suchkriterien', 'search criteria'),
  agents_log: L('Aktivitäten', 'activities'),
  calendar: L('Termine', 'calendar'),
  task: L('Aufgaben', 'tasks'),
  project: L('Projekte', 'projects'),
  file: L('Dateien', 'files'),
  emailDraft: L('E-Mail-Entwürfe', 'e-mail drafts'),
  pdfForms: L('PDF-Formulare', 'PDF forms'),
};

export const ACTION_NAMES: Readonly<Record<string, { de: string; en: string }>> = {
  read: L('lesen', 'read'),
  create: L('anlegen', 'create'),
  modify: L('ändern', 'modify'),
  delete: L('löschen', 'delete'),
};

/** "Immobilie lesen" / "read property". */
export const rightName = (module: string, action: string) => {
  const m = MODULE_NAMES[module] ?? L(module, module);
  const a = ACTION_NAMES[action] ?? L(action, action);
  return L(`„${m.de} ${a.de}“`, `"${a.en} ${m.en}"`);
};

const TOPICS: Readonly<Record<string, { de: string; en: string }>> = {
  credentials: L('Zugangsdaten', 'Credentials'),
  connection: L('Verbindung', 'Connection'),
  clock: L('Uhrzeit', 'Clock'),
  identity: L('API-Benutzer', 'API user'),
  'rights:admin': L('Admin-Recht', 'Admin right'),
  'rights:excess': L('Überzählige Rechte', 'Excess rights'),
  'publish:estates': L('Veröffentlichte Immobilien', 'Published properties'),
  'publish:addresses': L('Veröffentlichte Adressen', 'Published addresses'),
  'publish:pictures': L('Bilder', 'Pictures'),
  'publish:expected': L('Erwartete Immobilien', 'Expected properties'),
  mailbox: L('Postfach', 'Mailbox'),
  'server-log': L('Serverprotokoll', 'Server log'),
};

/** A short name for a finding id, for findings that could not be checked. */
export function topicOf(id: string): { de: string; en: string } {
  const known = TOPICS[id];
  if (known) return known;
  const [, module = '', action = ''] = id.split(':');
  const r = rightName(module, action);
  return L(`Recht ${r.de}`, `Right ${r.en}`);
}
