/** Enterprise menu paths and recurring sentences, in German (enterprise's own menu names) and English. */
import { L } from './types.ts';

export const RIGHTS_PATH = L(
  'Extras → Einstellungen → Benutzer → API-Benutzer öffnen → Registerkarte Rechte',
  'Extras → Settings → User → open the API user → Rights tab',
);

/** Described in German, not quoted: the material at hand gives this right no German label to quote. */
export const ONLY_PUBLISHED_RIGHT = L(
  'die Einschränkung auf Homepage-veröffentlichte Adressen und Immobilien',
  'the right "Can only see addresses/properties published on the website"',
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
  'Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → „Zugeordnete Benutzer“ → API-Benutzer hinzufügen → Speichern',
  'Extras → Settings → Basic settings → E-mail → open the mailbox → "Assigned users" → add the API user → save',
);

/** 148/211 and a mail that never arrives: the assignment is one cause, the mailbox's mail server another. */
export const MAIL_SERVER_CHECK = L(
  'Liegt es nicht an der Zuordnung, prüfen Sie die Postausgangs-Einstellungen (SMTP) des Postfachs und senden Sie aus enterprise selbst eine E-Mail über dieses Postfach: Scheitert auch das, liegt es am Postfach oder Mailserver, nicht an der API. Das Häkchen „Postfach aktiv“ betrifft nur den Abruf eingehender E-Mails; senden geht auch ohne.',
  'If the assignment is not the cause, check the mailbox\'s outgoing (SMTP) settings and send an e-mail through that mailbox from enterprise itself: if that fails too, the mailbox or mail server is the problem, not the API. The "Postfach aktiv" (mailbox active) tick only concerns fetching incoming mail; sending works without it.',
);

export const LOG_PATH = L(
  'Extras → Protokoll, im Feld „Benutzer“ den API-Benutzer wählen',
  'Extras → Log, choose the API user in the "User" field',
);

export const ADMIN_PATH = L(
  'Extras → Einstellungen → Benutzer → API-Benutzer öffnen → Rechte → Admin',
  'Extras → Settings → User → open the API user → Rights → Admin',
);

export const USER_DATA_RIGHT = L('„Benutzerdaten über API auslesen“', '"Read out user data via API"');

/** The scopes of enterprise's rights tab, and the per-record rights that can override them. */
export const SCOPES_NOTE = L(
  'Im Rechte-Reiter hat jedes Recht einen von vier Bereichen: Alle, Bürogruppe, nur eigene, keine. Datensatzrechte an einzelnen Datensätzen können die Benutzerrechte zusätzlich übersteuern.',
  'In the rights tab every right has one of four scopes: all, office group, only own, none. Per-record rights (Datensatzrechte) on single records can override the user rights as well.',
);

export const HELP_ADVICE = L(
  'Die aktuelle Online-Hilfe rät, dieses Recht nicht zu setzen; ältere Hilfetexte empfahlen es für Website-Plugins. Ist es gesetzt, sieht der API-Benutzer nur veröffentlichte Datensätze.',
  'The current online help advises not setting this right; older help texts recommended it for website plugins. When it is set, the API user sees published records only.',
);

export const CACHE_HINT = L(
  'Nachgelagerte Caches zeigen eine Korrektur erst nach dem Leeren oder Ablaufen (beim WordPress-Plugin einstellbar von 10 Minuten bis 24 Stunden).',
  'Downstream caches show a fix only once cleared or expired (the WordPress plugin\'s cache is configurable from 10 minutes to 24 hours).',
);

/**
 * Clock and IP are measured from the computer running this app; the integration runs elsewhere (§7): a one-line
 * test the person can run on the web server.
 */
export const FROM_THIS_COMPUTER = L(
  'Gemessen von diesem Computer aus, nicht vom Webserver, auf dem die Anbindung läuft. Dort prüfen: `curl -sI https://api.onoffice.de/api/stable/api.php | grep -i "^date:"; date -u` (beide Zeiten sollten höchstens wenige Sekunden auseinanderliegen) oder in PHP `echo gmdate("r");`.',
  'Measured from this computer, not from the web server that runs the integration. Check there: `curl -sI https://api.onoffice.de/api/stable/api.php | grep -i "^date:"; date -u` (both times should be at most a few seconds apart) or in PHP `echo gmdate("r");`.',
);

export const IP_FROM_THIS_COMPUTER = L(
  'Die Verbindung wurde von diesem Computer aus geprüft. Eine IP-Beschränkung des API-Benutzers oder eine Firewall betrifft den Webserver der Anbindung womöglich anders; dort prüfen: `curl -s -o /dev/null -w "%{http_code}\\n" -X POST https://api.onoffice.de/api/stable/api.php` (200 heißt: erreichbar).',
  'The connection was checked from this computer. An IP restriction of the API user or a firewall may treat the integration\'s web server differently; check there: `curl -s -o /dev/null -w "%{http_code}\\n" -X POST https://api.onoffice.de/api/stable/api.php` (200 means reachable).',
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

/** "Immobilie/lesen" / "property/read": module and action as the rights tab lays them out, not a quoted label. */
export const rightName = (module: string, action: string) => {
  const m = MODULE_NAMES[module] ?? L(module, module);
  const a = ACTION_NAMES[action] ?? L(action, action);
  return L(`${m.de}/${a.de}`, `${m.en}/${a.en}`);
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
  contacts: L('Ansprechpartner', 'Contact persons'),
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
