/**
 * The error catalogue: every onOffice error code this project meets (ONOFFICE_API.md §5) and every transport
 * failure, each with a category, a short explanation and a concrete fix in German and English. German is written
 * for agency staff working in enterprise, so fixes name enterprise's German menus. Enterprise labels stand in „…“
 * only where the enterprise help uses that exact wording; everything else is described. Pure data and pure functions.
 */

export const ERROR_CATEGORIES = [
  'credentials',
  'clock',
  'rights',
  'mail',
  'fields',
  'structure',
  'marketplace',
  'server',
  'transport',
  'api',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export interface Localized {
  de: string;
  en: string;
}

export interface CatalogueEntry {
  code: number;
  category: ErrorCategory;
  /** The server's message as documented; the live message may differ (placeholders filled, wording changed). */
  serverMessage: string;
  title: Localized;
  explanation: Localized;
  fix: Localized;
}

/** Failures where no usable API answer arrived. */
export const TRANSPORT_ERROR_CODES = [
  'timeout-connect',
  'timeout-total',
  'connection-refused',
  'connection-reset',
  'dns',
  'tls',
  'http-status',
  'too-large',
  'malformed',
  'aborted',
  'network',
  'endpoint-invalid',
] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

export interface ErrorContext {
  tokenLength?: number;
  secretLength?: number;
  /** Server clock minus local clock, seconds; positive means the local clock is behind. */
  clockOffsetSeconds?: number | null;
  httpStatus?: number;
  endpointHost?: string;
  detail?: string;
  /** Whether the request carried a marketplace API claim (`extendedclaim`): tells the two causes of 193 apart. */
  apiClaimSent?: boolean;
}

export interface ExplainedError {
  code: number | TransportErrorCode;
  category: ErrorCategory;
  /** What the server said, verbatim; empty for transport failures. */
  serverMessage: string;
  title: Localized;
  explanation: Localized;
  fix: Localized;
}

export const TOKEN_LENGTH = 32;
export const SECRET_LENGTH = 64;
/** Accepted distance between the action timestamp and server time (§3). */
export const CLOCK_WINDOW_SECONDS = 120;

const L = (de: string, en: string): Localized => ({ de, en });
const join = (...parts: Localized[]): Localized => L(parts.map((p) => p.de).join(' '), parts.map((p) => p.en).join(' '));

// ---------------------------------------------------------------------------------------------------------------
// Fixes shared by several codes.

const REGENERATE = L(
  'Öffnen Sie in enterprise unter Extras → Einstellungen → Benutzer den API-Benutzer und lassen Sie dort ein neues Secret und API-Token generieren. Das Secret wird nur ein einziges Mal angezeigt: sofort kopieren und hier eintragen. Achtung: Das neue Token macht das alte ungültig – alle anderen Anbindungen, die das alte Token nutzen, müssen ebenfalls umgestellt werden.',
  'In enterprise, open the API user under Extras → Settings → User and click "generate new secret and API token". The secret is shown only once: copy it right away and enter it here. Note: the new token invalidates the old one — every other integration using the old token must be updated too.',
);

const RECOPY_OR_REGENERATE = join(
  L(
    'Kopieren Sie Token und Secret noch einmal vollständig und ohne Leerzeichen aus dem Datensatz des API-Benutzers (Extras → Einstellungen → Benutzer). Ist das Secret nicht mehr greifbar, hilft nur ein neues Paar:',
    'Copy token and secret again, completely and without spaces, from the API user\'s record (Extras → Settings → User). If the secret is no longer at hand, only a new pair helps:',
  ),
  REGENERATE,
);

const SUPPORT_WITH_CODE = (code: number): Localized =>
  L(
    `Prüfen Sie auf status.onoffice.de, ob eine Störung vorliegt, und versuchen Sie es in einigen Minuten erneut. Bleibt der Fehler, wenden Sie sich mit dem Fehlercode ${code}, der Uhrzeit und dem Eintrag aus dem Journal an den onOffice-Support.`,
    `Check status.onoffice.de for an outage and try again in a few minutes. If the error persists, contact onOffice support with error code ${code}, the time and the journal entry.`,
  );

const READ_RIGHTS = L(
  'Öffnen Sie unter Extras → Einstellungen → Benutzer den API-Benutzer. Jedes Recht auf der Registerkarte Rechte hat vier Stufen: „Alle“, „Bürogruppe“, „nur eigene“ und „keine“. Setzen Sie das Leserecht für Immobilien bzw. Adressen auf „Alle“ – „nur eigene“ reicht meist nicht. Datensatzrechte können die Benutzerrechte für einzelne Datensätze übersteuern: Fehlen nur einzelne Datensätze, prüfen Sie deren Datensatzrechte. Ist das Recht gesetzt, nur auf der Homepage veröffentlichte Adressen/Immobilien zu sehen, muss die Immobilie veröffentlicht sein (Immobilie → Vermarktung → Eigene Homepage: Veröffentlichen) bzw. die Adresse für die Homepage freigegeben sein (Feld homepage_veroeffentlichen); die aktuelle Online-Hilfe rät, dieses Recht nicht zu setzen, ältere Hilfetexte empfahlen es für Website-Plugins. Prüfen Sie auch die Datensatznummer: Bei Adressen ist es die Datensatz-Id, nicht die Kundennummer (KdNr).',
  'Open the API user under Extras → Settings → User. Every right on the Rights tab has four scopes: "all", "office group", "only own" and "none". Set the read right for properties or addresses to "all" — "only own" is usually too little. Per-record rights can override the user rights for single records: if only some records are missing, check their per-record rights. If the right "Can only see addresses/properties published on the website" is set, the property must be published (Property → Marketing → Own website: Publish) or the address must be released for the website (field homepage_veroeffentlichen); the current online help advises not setting this right, older help texts recommended it for website plugins. Also check the record number: for addresses it is the record Id, not the customer number (KdNr).',
);

const MAILBOX = L(
  'Ordnen Sie dem API-Benutzer ein Postfach zu: Extras → Einstellungen → Grundeinstellungen → E-Mail → Postfach öffnen → „Zugeordnete Benutzer“ → API-Benutzer hinzufügen → speichern. Senden Sie als emailidentity die Adresse dieses Postfachs.',
  'Assign a mailbox to the API user: Extras → Settings → Basic settings → E-mail → open the mailbox → "Assigned users" → add the API user → save. Send that mailbox\'s address as emailidentity.',
);

// „Postfach aktiv“ only switches the fetching of incoming mail: sending does not depend on it, so no text here may
// blame an inactive mailbox for mail that was not sent.
const MAIL_DELIVERY = L(
  'Öffnen Sie unter Extras → Einstellungen → Grundeinstellungen → E-Mail das Postfach: Steht der API-Benutzer unter „Zugeordnete Benutzer“ (sonst hinzufügen und speichern)? Stimmen die Zugangsdaten und der Postausgangsserver (SMTP) des Postfachs? Senden Sie testweise aus enterprise selbst eine E-Mail über dieses Postfach: Scheitert auch das, liegt es am Postfach bzw. Mailserver, nicht an der API. Das Häkchen „Postfach aktiv“ betrifft nur den Abruf eingehender E-Mails, nicht den Versand.',
  'Under Extras → Settings → Basic settings → E-mail, open the mailbox: is the API user listed under "Assigned users" (if not, add it and save)? Are the mailbox\'s login data and outgoing server (SMTP) right? Send a test e-mail from enterprise itself through that mailbox: if that fails too, the mailbox or mail server is the problem, not the API. The "Postfach aktiv" (mailbox active) tick only controls fetching incoming mail, not sending.',
);

const OWN_REQUEST_BUG = L(
  'Das Journal zeigt die gesendete Anfrage. Kam sie aus API User Desk, ist das ein Programmfehler: Bitte melden Sie ihn mit dem Journal-Eintrag. Kam sie aus einer eigenen Anbindung, korrigieren Sie dort den Aufbau der Anfrage (siehe apidoc.onoffice.de).',
  'The journal shows the request as sent. If it came from API User Desk, this is a bug: please report it with the journal entry. If it came from your own integration, fix how the request is built there (see apidoc.onoffice.de).',
);

const FIELD_NAMES = L(
  'Rufen Sie die Feldliste des Moduls ab (get fields) und verwenden Sie genau den dort genannten Feldnamen, im passenden Modul (ein Adressfeld gibt es nicht bei Immobilien). Eigene Felder (ind_…) heißen in jeder enterprise-Installation anders; Feldnamen aus einer anderen Installation passen nicht.',
  'Fetch the module\'s field list (get fields) and use exactly the field name given there, in the right module (an address field does not exist for properties). Custom fields (ind_…) are named differently in every enterprise installation; field names from another installation do not fit.',
);

const MARKETPLACE_ACTIVATION = L(
  'Lassen Sie den Kunden die App im Marketplace erneut aktivieren. Aus der Aktivierungs-URL gelten dann die neue parameterCacheId und der neue apiClaim; rufen Sie damit zeitnah „do unlockProvider“ auf – mit dem API-Token und dem Secret des API-Benutzers, nicht mit Ihrem Anbieter-Secret.',
  'Have the customer activate the app in the Marketplace again. The new parameterCacheId and apiClaim from the activation URL then apply; call "do unlockProvider" with them promptly — with the API user\'s token and secret, not your provider secret.',
);

/** 137 causes that only hand-written integration code has: never a cause for requests this app builds itself. */
const OWN_INTEGRATION_137 = L(
  'Bekommt Ihre eigene Anbindung 137, während dieses Programm mit denselben Zugangsdaten angenommen wird, liegt es an deren Code: Kommazahlen als Text senden, den Zeitstempel je Aktion nur einmal nehmen (derselbe für Anfrage und Signatur) und jede Wiederholung neu signieren.',
  'If your own integration code gets 137 while this app is accepted with the same credentials, the cause is in that code: send decimals as strings, take the timestamp only once per action (the same for request and signature) and sign every retry anew.',
);

/** A check from this app measures this computer; clock and IP restriction concern the machine running the integration. */
const MEASURED_HERE = L(
  'Eine Prüfung aus diesem Programm misst diesen Rechner, nicht den Webserver, auf dem Ihre Anbindung läuft.',
  'A check from this app measures this computer, not the web server that runs your integration.',
);

/** §8: where a provider finds the claim, and which one counts. */
const CLAIM_SOURCE = L(
  'Den apiClaim liefert die URL, mit der onOffice bei der Aktivierung den iFrame Ihrer App aufruft (Parameter apiClaim, neben apiToken und parameterCacheId). Es gilt immer der apiClaim der jüngsten Aktivierung dieses Kunden.',
  'The apiClaim comes with the URL by which onOffice opens your app\'s iFrame on activation (parameter apiClaim, next to apiToken and parameterCacheId). The apiClaim of this customer\'s latest activation is always the one that counts.',
);

/** Where the claim goes: the profile in this app, the environment for its command line, the parameters in one's own code. */
const ENTER_API_CLAIM = L(
  'In diesem Programm: im Profil Zugangsdaten ersetzen und Token, Secret und API-Claim zusammen eintragen; auf der Kommandozeile den apiClaim in der Umgebungsvariablen ONOFFICE_API_CLAIM setzen. Das Programm sendet ihn dann in jeder Aktion mit. In Ihrer eigenen Anbindung senden Sie "extendedclaim": "<apiClaim>" in den parameters jeder Aktion.',
  'In this app: in the profile, choose Replace credentials and enter token, secret and API claim together; on the command line, set the apiClaim in the environment variable ONOFFICE_API_CLAIM. The app then sends it with every action. In your own integration, send "extendedclaim": "<apiClaim>" in the parameters of every action.',
);

/** For agency staff who meet a marketplace code with an API user that is not theirs to use. */
const NOT_A_PROVIDER = L(
  'Sind Sie kein Marketplace-Anbieter, gehört dieses Token zu einem API-Benutzer, den die Aktivierung einer Marketplace-App angelegt hat: Nutzen Sie für eigene Anbindungen einen eigenen API-Benutzer (Extras → Einstellungen → Benutzer → „+“ → als API-Benutzer speichern).',
  'If you are not a marketplace provider, this token belongs to an API user that a marketplace app\'s activation created: use an API user of your own for your own integrations (Extras → Settings → User → "+" → save as "API user").',
);

/** §8: the mix-up providers make most often. */
const TWO_SECRETS = L(
  'Marketplace-Anbieter haben zwei verschiedene Secrets: Mit dem Anbieter-Secret aus Ihrer Marketplace-Registrierung ist nur die Aktivierungs-URL signiert (Parameter signature) – damit prüfen Sie, dass sie von onOffice kommt. API-Aufrufe signiert nur das Secret des API-Benutzers, den die Aktivierung im enterprise des Kunden angelegt hat; nur dieses gehört ins Profil bzw. in ONOFFICE_SECRET.',
  'Marketplace providers have two different secrets: the provider secret from your marketplace registration only signs the activation URL (parameter signature) — you use it to check that the URL comes from onOffice. API calls are signed only by the secret of the API user that the activation created in the customer\'s enterprise; that one alone belongs in the profile or in ONOFFICE_SECRET.',
);

// ---------------------------------------------------------------------------------------------------------------
// The catalogue. Codes sharing one meaning share one text; each keeps its own documented server message.

type Row = readonly [code: number, serverMessage: string];

function group(category: ErrorCategory, rows: readonly Row[], title: Localized, explanation: Localized, fix: Localized): CatalogueEntry[] {
  return rows.map(([code, serverMessage]) => Object.freeze({ code, category, serverMessage, title, explanation, fix }));
}

const credentials: CatalogueEntry[] = [
  ...group(
    'credentials',
    [[13, 'Missing or invalid element: token']],
    L('Token fehlt oder ist ungültig', 'Token missing or invalid'),
    L(
      'Die Anfrage enthielt kein gültiges API-Token. Das Token ist 32 Zeichen lang und steht im Datensatz des API-Benutzers.',
      'The request carried no valid API token. The token is 32 characters long and is shown in the API user\'s record.',
    ),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[22, 'Not authenticated']],
    L('Nicht angemeldet', 'Not authenticated'),
    L(
      'onOffice konnte die Anfrage keinem aktiven API-Benutzer zuordnen: Das Token ist unbekannt, wurde durch ein neues ersetzt, oder der Benutzer ist deaktiviert.',
      'onOffice could not match the request to an active API user: the token is unknown, has been replaced by a new one, or the user is deactivated.',
    ),
    L(
      'Prüfen Sie unter Extras → Einstellungen → Benutzer, ob der API-Benutzer existiert und aktiv ist und ob das Token dem im Datensatz angezeigten entspricht. Wurde inzwischen ein neues Token generiert, tragen Sie das neue Token mit dem dazugehörigen Secret ein.',
      'Under Extras → Settings → User, check that the API user exists and is active and that the token matches the one shown in the record. If a new token has been generated since, enter the new token with its secret.',
    ),
  ),
  ...group(
    'credentials',
    [[28, 'Error during client registration']],
    L('Fehler bei der Client-Registrierung', 'Error during client registration'),
    L(
      'Die Anmeldung des Clients ist auf der onOffice-Seite fehlgeschlagen. An den Einstellungen in enterprise liegt das in der Regel nicht.',
      'Registering the client failed on onOffice\'s side. As a rule this is not caused by the settings in enterprise.',
    ),
    SUPPORT_WITH_CODE(28),
  ),
  ...group(
    'credentials',
    [[30, 'Error retrieving client information']],
    L('Kundendaten nicht abrufbar', 'Client information unavailable'),
    L(
      'onOffice konnte die Kundendaten zu diesem Token nicht abrufen. Meist ist das vorübergehend.',
      'onOffice could not retrieve the client information for this token. This is usually temporary.',
    ),
    SUPPORT_WITH_CODE(30),
  ),
  ...group(
    'credentials',
    [[40, 'Invalid user credentials']],
    L('Zugangsdaten ungültig', 'Invalid user credentials'),
    L(
      'Token und Secret passen nicht zusammen oder gehören zu keinem gültigen API-Benutzer – etwa ein Secret aus einem älteren Paar oder von einem anderen Benutzer.',
      'Token and secret do not belong together or belong to no valid API user — for example a secret from an older pair or from another user.',
    ),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[41, 'Customer unknown']],
    L('Kunde unbekannt', 'Customer unknown'),
    L(
      'Zu diesem Token gibt es keinen onOffice-Kunden. Meist ist das Token unvollständig kopiert oder stammt aus einer anderen enterprise-Installation (z. B. einem Testsystem).',
      'No onOffice customer belongs to this token. Usually the token was copied incompletely or comes from another enterprise installation (e.g. a test system).',
    ),
    join(
      L(
        'Stellen Sie sicher, dass Sie im richtigen enterprise angemeldet sind, und kopieren Sie das Token dort aus dem API-Benutzer (Extras → Einstellungen → Benutzer).',
        'Make sure you are logged in to the right enterprise and copy the token from the API user there (Extras → Settings → User).',
      ),
      REGENERATE,
    ),
  ),
  ...group(
    'credentials',
    [[42, 'Customer is not active']],
    L('Kunde nicht aktiv', 'Customer is not active'),
    L(
      'Die enterprise-Installation des Kunden ist nicht aktiv, z. B. gekündigt oder gesperrt, oder das API-Modul (kostenpflichtige Zusatzleistung) ist nicht gebucht.',
      'The customer\'s enterprise installation is not active, e.g. cancelled or suspended, or the API module (a paid add-on) is not booked.',
    ),
    L(
      'Das kann nur onOffice klären: Fragen Sie Ihren onOffice-Ansprechpartner oder den Support unter Angabe der Kundennummer nach dem Vertragsstatus und ob das API-Modul gebucht ist.',
      'Only onOffice can resolve this: ask your onOffice contact or support, giving the customer number, about the contract status and whether the API module is booked.',
    ),
  ),
  ...group(
    'credentials',
    [[43, 'User unknown']],
    L('Benutzer unbekannt', 'User unknown'),
    L(
      'Der Benutzer zu diesem Token existiert nicht (mehr), etwa weil der API-Benutzer gelöscht wurde.',
      'The user behind this token does not exist (any more), for example because the API user was deleted.',
    ),
    L(
      'Prüfen Sie unter Extras → Einstellungen → Benutzer, ob der API-Benutzer noch da ist. Falls nicht: mit „+“ einen neuen Benutzer anlegen, als API-Benutzer speichern (der Benutzername lässt sich später nicht ändern), dann Secret und API-Token generieren und die Rechte setzen.',
      'Under Extras → Settings → User, check that the API user still exists. If not: create a new user with "+", save it as "API user" (the user name cannot be changed later), then generate secret and API token and set the rights.',
    ),
  ),
  ...group(
    'credentials',
    [[45, 'Refresh token is not valid']],
    L('Refresh-Token ungültig', 'Refresh token invalid'),
    L(
      'Das Refresh-Token ist ungültig oder abgelaufen. Es gehört zu einer Anmeldung per Refresh-Token, nicht zur üblichen Signatur mit Token und Secret.',
      'The refresh token is invalid or has expired. It belongs to a login via refresh token, not to the usual signing with token and secret.',
    ),
    L(
      'Melden Sie sich in der Anwendung, die das Refresh-Token verwendet, neu an. Bei Marktplatz-Apps muss der Kunde die App gegebenenfalls erneut aktivieren.',
      'Log in again in the application that uses the refresh token. For marketplace apps the customer may have to activate the app again.',
    ),
  ),
  ...group(
    'credentials',
    [[47, 'Client does not exist']],
    L('Client existiert nicht', 'Client does not exist'),
    L(
      'onOffice kennt den angegebenen Client (die Anwendung) nicht – die Zugangsdaten gehören zu keinem registrierten Client.',
      'onOffice does not know the given client (the application) — the credentials belong to no registered client.',
    ),
    L(
      'Prüfen Sie, ob die Zugangsdaten zu dieser Anwendung und zu diesem Kunden gehören. Bei Marktplatz-Apps prüft der Anbieter seine Registrierung; sonst den onOffice-Support mit dem Fehlercode 47 fragen.',
      'Check that the credentials belong to this application and this customer. For marketplace apps the provider checks its registration; otherwise ask onOffice support, quoting error code 47.',
    ),
  ),
  ...group(
    'credentials',
    [[48, 'Client access revoked']],
    L('Zugriff widerrufen', 'Client access revoked'),
    L(
      'Der Zugriff dieses Clients wurde widerrufen, z. B. weil der Kunde die Anbindung oder Marktplatz-App deaktiviert hat.',
      'This client\'s access has been revoked, e.g. because the customer deactivated the integration or marketplace app.',
    ),
    L(
      'Klären Sie mit dem Kunden, ob die Anbindung weiterlaufen soll. Wenn ja: die App im Marketplace erneut aktivieren bzw. für den API-Benutzer neues Secret und API-Token generieren (Extras → Einstellungen → Benutzer).',
      'Check with the customer whether the integration should continue. If so: activate the app in the Marketplace again, or generate a new secret and API token for the API user (Extras → Settings → User).',
    ),
  ),
  ...group(
    'credentials',
    [[49, 'Secret is wrong']],
    L('Secret falsch', 'Secret is wrong'),
    L(
      'Das Secret passt nicht zum Token. Häufig: ein altes Secret nach dem Neugenerieren, ein Kopierfehler oder – bei Marktplatz-Anbietern – das Anbieter-Secret statt des Secrets des API-Benutzers.',
      'The secret does not match the token. Common causes: an old secret after regenerating, a copy error or — for marketplace providers — the provider secret instead of the API user\'s secret.',
    ),
    join(RECOPY_OR_REGENERATE, TWO_SECRETS),
  ),
  ...group(
    'credentials',
    [[104, 'User is not active']],
    L('Benutzer nicht aktiv', 'User is not active'),
    L('Der API-Benutzer ist in enterprise deaktiviert.', 'The API user is deactivated in enterprise.'),
    L(
      'Öffnen Sie unter Extras → Einstellungen → Benutzer den API-Benutzer, aktivieren Sie ihn wieder und speichern Sie. Jeder aktive API-Benutzer zählt zum Benutzerkontingent des Kunden.',
      'Open the API user under Extras → Settings → User, activate it again and save. Every active API user counts against the customer\'s user limit.',
    ),
  ),
  ...group(
    'credentials',
    [[134, 'Type of user not allowed for login']],
    L('Benutzertyp nicht zugelassen', 'User type not allowed'),
    L(
      'Dieser Benutzertyp darf sich nicht über die API anmelden. Meist stammen Token und Secret von einem normalen Benutzer statt von einem API-Benutzer.',
      'This type of user may not log in through the API. Usually token and secret come from a regular user instead of an API user.',
    ),
    L(
      'Legen Sie unter Extras → Einstellungen → Benutzer mit „+“ einen eigenen Benutzer an und speichern Sie ihn als API-Benutzer. Generieren Sie dort Secret und API-Token und setzen Sie die nötigen Rechte.',
      'Under Extras → Settings → User, create a separate user with "+" and choose "API user" when saving. Generate secret and API token there and set the rights needed.',
    ),
  ),
  ...group(
    'credentials',
    [[137, 'The HMAC is invalid']],
    L('Signatur (HMAC) ungültig', 'Signature (HMAC) invalid'),
    L(
      'Die Signatur der Aktion passt nicht zu Token und Secret. Bei Anfragen aus diesem Programm heißt das: Token oder Secret wurden unvollständig kopiert oder vertauscht (das Token hat 32, das Secret 64 Zeichen), das Secret ist falsch oder veraltet, oder Token und Secret wurden inzwischen neu generiert – dann gilt nur noch das neue Paar.',
      'The action\'s signature does not match token and secret. For requests from this app that means: token or secret were copied incompletely or swapped (the token has 32, the secret 64 characters), the secret is wrong or outdated, or token and secret have been regenerated since — then only the new pair is valid.',
    ),
    join(RECOPY_OR_REGENERATE, TWO_SECRETS, OWN_INTEGRATION_137),
  ),
  ...group(
    'credentials',
    [[153, 'Token data by given access token invalid']],
    L('Zugriffstoken ungültig', 'Access token data invalid'),
    L(
      'Die Daten zum übergebenen Zugriffstoken sind ungültig: Das Token ist abgelaufen, wurde ersetzt oder unvollständig kopiert.',
      'The data for the given access token is invalid: the token has expired, been replaced or was copied incompletely.',
    ),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[158, 'Access from this IP not allowed']],
    L('Zugriff von dieser IP nicht erlaubt', 'Access from this IP not allowed'),
    L(
      'Der Zugriff ist von der IP-Adresse, von der die Anfrage kam, nicht erlaubt. Für den Zugang ist eine Beschränkung auf bestimmte IP-Adressen hinterlegt.',
      'Access is not allowed from the IP address the request came from. The access is restricted to certain IP addresses.',
    ),
    join(
      L(
        'Prüfen Sie im Datensatz des API-Benutzers (Extras → Einstellungen → Benutzer), welche IP-Adressen erlaubt sind, und ergänzen Sie die öffentliche IP-Adresse, von der die Anfragen kommen – bei einer Website die des Webservers, nicht die des Büros.',
        'In the API user\'s record (Extras → Settings → User), check which IP addresses are allowed and add the public IP address the requests come from — for a website that of the web server, not the office.',
      ),
      MEASURED_HERE,
      L(
        'Auf dem Webserver zeigt curl -s https://ifconfig.me dessen öffentliche IP-Adresse.',
        'On the web server, curl -s https://ifconfig.me shows its public IP address.',
      ),
    ),
  ),
];

const clock: CatalogueEntry[] = group(
  'clock',
  [[136, 'Your timestamp is too old or your server time is wrong']],
  L('Zeitstempel zu alt oder Uhr falsch', 'Timestamp too old or clock wrong'),
  L(
    'onOffice nimmt eine Aktion nur an, wenn ihr Zeitstempel höchstens ±120 s von der Serverzeit abweicht. Meist geht die Uhr des Rechners oder Webservers falsch.',
    'onOffice accepts an action only if its timestamp is within ±120 s of server time. Usually the clock of the computer or web server is wrong.',
  ),
  join(
    L(
      'Schalten Sie im Betriebssystem die automatische Zeitsynchronisierung (NTP) ein – Windows: Einstellungen → Zeit und Sprache → Datum und Uhrzeit → „Uhrzeit automatisch festlegen“; macOS: Systemeinstellungen → Allgemein → Datum & Uhrzeit → „Uhrzeit und Datum automatisch einstellen“; Linux: „timedatectl set-ntp true“. Danach erneut versuchen.',
      'Turn on automatic time synchronisation (NTP) in the operating system — Windows: Settings → Time & language → Date & time → "Set time automatically"; macOS: System Settings → General → Date & Time → "Set time and date automatically"; Linux: "timedatectl set-ntp true". Then try again.',
    ),
    MEASURED_HERE,
    L(
      'Test auf dem Webserver: die Ausgabe von curl -sI https://api.onoffice.de/api/stable/api.php | grep -i \'^date\' mit der von date -u vergleichen (in PHP: echo gmdate(\'r\');) – mehr als 120 s Abstand ist zu viel; dann die Uhr des Webservers stellen lassen (ggf. beim Hoster).',
      'Test on the web server: compare the output of curl -sI https://api.onoffice.de/api/stable/api.php | grep -i \'^date\' with that of date -u (in PHP: echo gmdate(\'r\');) — more than 120 s apart is too much; then have the web server\'s clock set (ask the hosting provider if need be).',
    ),
  ),
);

const rights: CatalogueEntry[] = [
  ...group(
    'rights',
    [
      [80, 'Unknown record'],
      [292, 'Unknown address record'],
      [293, 'Unknown estate record'],
    ],
    L('Datensatz unbekannt oder keine Rechte', 'Unknown record or no rights'),
    L(
      'Der Datensatz existiert nicht (falsche Nummer, gelöscht) – oder er existiert, aber der API-Benutzer darf ihn nicht sehen: Das Leserecht steht auf „nur eigene“ oder „Bürogruppe“ statt „Alle“, Datensatzrechte schließen ihn aus, oder der Datensatz ist nicht veröffentlicht, während die Veröffentlichungs-Beschränkung gesetzt ist.',
      'The record does not exist (wrong number, deleted) — or it exists but the API user may not see it: the read right is set to "only own" or "office group" instead of "all", per-record rights exclude it, or the record is not published while the publish restriction is set.',
    ),
    READ_RIGHTS,
  ),
  ...group(
    'rights',
    [[131, 'Address creation without proper user rights']],
    L('Keine Rechte zum Anlegen von Adressen', 'No right to create addresses'),
    L(
      'Der API-Benutzer darf keine Adressen anlegen.',
      'The API user is not allowed to create addresses.',
    ),
    L(
      'Öffnen Sie unter Extras → Einstellungen → Benutzer den API-Benutzer und geben Sie ihm auf der Registerkarte Rechte das Recht, Adressen anzulegen (Schreibrecht für Adressen). Vergeben Sie Schreibrechte nur, wenn die Anbindung sie wirklich braucht.',
      'Open the API user under Extras → Settings → User and, on the Rights tab, give it the right to create addresses (write right for addresses). Grant write rights only if the integration really needs them.',
    ),
  ),
  ...group(
    'rights',
    [[149, 'No read permission for this estate']],
    L('Kein Leserecht für diese Immobilie', 'No read permission for this property'),
    L(
      'Der API-Benutzer darf diese Immobilie nicht lesen: Das Leserecht steht auf „nur eigene“ oder „Bürogruppe“ statt „Alle“, Datensatzrechte der Immobilie schließen ihn aus, oder die Immobilie ist nicht veröffentlicht, während die Veröffentlichungs-Beschränkung gesetzt ist.',
      'The API user may not read this property: the read right is set to "only own" or "office group" instead of "all", the property\'s per-record rights exclude it, or the property is not published while the publish restriction is set.',
    ),
    READ_RIGHTS,
  ),
  ...group(
    'rights',
    [[170, 'No read permission for this user']],
    L('Kein Leserecht für diesen Benutzer', 'No read permission for this user'),
    L(
      'Den eigenen Benutzerdatensatz darf jeder API-Benutzer lesen; für andere Benutzer braucht er ein zusätzliches Recht.',
      'Every API user may read its own user record; reading other users needs an extra right.',
    ),
    L(
      'Öffnen Sie unter Extras → Einstellungen → Benutzer den API-Benutzer und setzen Sie auf der Registerkarte API-Benutzer das Recht „Benutzerdaten über API auslesen“. Speichern nicht vergessen.',
      'Open the API user under Extras → Settings → User and, on the API user tab, set the right "Read out user data via API". Remember to save.',
    ),
  ),
  ...group(
    'rights',
    [[174, 'Missing permission to perform modify call']],
    L('Kein Recht zum Ändern', 'No permission to modify'),
    L(
      'Der API-Benutzer darf Datensätze dieses Moduls nicht ändern.',
      'The API user may not modify records of this module.',
    ),
    L(
      'Geben Sie dem API-Benutzer unter Extras → Einstellungen → Benutzer → Rechte das Schreibrecht für das betroffene Modul (z. B. für Immobilien bzw. Adressen), aber nur, wenn die Anbindung wirklich ändern soll.',
      'Under Extras → Settings → User → Rights, give the API user the write right for the module concerned (e.g. for properties or addresses), but only if the integration really needs to change data.',
    ),
  ),
  ...group(
    'rights',
    [[183, 'User access not granted']],
    L('Zugriff nicht gewährt', 'User access not granted'),
    L(
      'Dem Benutzer ist der Zugriff auf diese Funktion nicht gewährt.',
      'The user has not been granted access to this function.',
    ),
    L(
      'Prüfen Sie unter Extras → Einstellungen → Benutzer die Registerkarten Rechte und API-Benutzer des API-Benutzers und geben Sie das Recht für die gewünschte Funktion. Hilft das nicht, den onOffice-Support mit dem Fehlercode 183 und der aufgerufenen Aktion fragen.',
      'Under Extras → Settings → User, check the API user\'s Rights and API user tabs and grant the right for the function wanted. If that does not help, ask onOffice support, quoting error code 183 and the action called.',
    ),
  ),
  ...group(
    'rights',
    [[156, 'Access violation']],
    L('Zugriff verweigert', 'Access violation'),
    L(
      'onOffice verweigert dem API-Benutzer den Zugriff auf diese Aktion oder diesen Datensatz.',
      'onOffice denies the API user access to this action or record.',
    ),
    L(
      'Prüfen Sie unter Extras → Einstellungen → Benutzer die Registerkarten Rechte und API-Benutzer des API-Benutzers und, geht es um einzelne Datensätze, deren Datensatzrechte. Hilft das nicht, den onOffice-Support mit dem Fehlercode 156 und der aufgerufenen Aktion fragen.',
      'Under Extras → Settings → User, check the API user\'s Rights and API user tabs and, for single records, their per-record rights. If that does not help, ask onOffice support, quoting error code 156 and the action called.',
    ),
  ),
  ...group(
    'rights',
    [[253, 'No access to %s']],
    L('Kein Zugriff', 'No access'),
    L(
      'Der API-Benutzer hat auf den genannten Bereich keinen Zugriff. Das Protokoll (log) etwa lässt sich über die API nur mit dem Admin-Recht lesen.',
      'The API user has no access to the area named. The log, for example, can only be read through the API with the Admin right.',
    ),
    L(
      'Geben Sie dem API-Benutzer unter Extras → Einstellungen → Benutzer → Rechte das Recht für den genannten Bereich. Geht es um das Protokoll: Extras → Einstellungen → Benutzer → Rechte → Admin setzen – und zwar nur, wenn die Anbindung das Protokoll lesen soll, denn Admin erlaubt sehr viel.',
      'Under Extras → Settings → User → Rights, grant the API user the right for the area named. If it is the log: set Extras → Settings → User → Rights → Admin — only if the integration is meant to read the log, since Admin allows a great deal.',
    ),
  ),
  ...group(
    'rights',
    [[261, 'Missing write right for address(es) with id(s) %s']],
    L('Kein Schreibrecht für Adressen', 'No write right for addresses'),
    L(
      'Der API-Benutzer darf die genannten Adressen nicht ändern.',
      'The API user may not change the addresses named.',
    ),
    L(
      'Setzen Sie unter Extras → Einstellungen → Benutzer → Rechte das Schreibrecht für Adressen auf „Alle“ (oder so, dass die genannten Adressen erfasst sind) – nur, wenn die Anbindung Adressen ändern soll.',
      'Under Extras → Settings → User → Rights, set the write right for addresses to "all" (or so that it covers the addresses named) — only if the integration is meant to change addresses.',
    ),
  ),
  ...group(
    'rights',
    [[262, 'Missing write right for estate(s) with id(s) %s']],
    L('Kein Schreibrecht für Immobilien', 'No write right for properties'),
    L(
      'Der API-Benutzer darf die genannten Immobilien nicht ändern.',
      'The API user may not change the properties named.',
    ),
    L(
      'Setzen Sie unter Extras → Einstellungen → Benutzer → Rechte das Schreibrecht für Immobilien auf „Alle“ (oder so, dass die genannten Immobilien erfasst sind) – nur, wenn die Anbindung Immobilien ändern soll.',
      'Under Extras → Settings → User → Rights, set the write right for properties to "all" (or so that it covers the properties named) — only if the integration is meant to change properties.',
    ),
  ),
];

const mail: CatalogueEntry[] = [
  ...group(
    'mail',
    [[51, 'Invalid email identity']],
    L('Absenderidentität ungültig', 'E-mail identity invalid'),
    L(
      'Dieser API-Benutzer kann die angegebene Absenderidentität nicht verwenden: Das Postfach ist ihm nicht zugeordnet, oder die Adresse ist falsch geschrieben.',
      'This API user cannot use the e-mail identity given: the mailbox is not assigned to it, or the address is misspelled.',
    ),
    MAILBOX,
  ),
  ...group(
    'mail',
    [[52, 'List of receivers is not an array']],
    L('Empfänger nicht als Liste', 'Receivers not a list'),
    L(
      'Der Parameter „receiver“ muss eine Liste sein, auch bei nur einem Empfänger.',
      'The parameter "receiver" must be a list, even for a single recipient.',
    ),
    L(
      'Senden Sie die Empfänger als JSON-Liste, z. B. "receiver": ["info@beispiel.de"].',
      'Send the receivers as a JSON array, e.g. "receiver": ["info@example.com"].',
    ),
  ),
  ...group(
    'mail',
    [[53, 'Missing receivers']],
    L('Keine Empfänger', 'No receivers'),
    L('Die E-Mail hat keinen Empfänger.', 'The e-mail has no recipient.'),
    L(
      'Geben Sie in „receiver“ mindestens eine E-Mail-Adresse an.',
      'Give at least one e-mail address in "receiver".',
    ),
  ),
  ...group(
    'mail',
    [
      [55, 'Invalid receivers'],
      [146, 'Invalid recipient'],
    ],
    L('Ungültiger Empfänger', 'Invalid recipient'),
    L(
      'Mindestens eine Empfängeradresse ist keine gültige E-Mail-Adresse.',
      'At least one recipient address is not a valid e-mail address.',
    ),
    L(
      'Prüfen Sie die Schreibweise der Empfängeradressen (Leerzeichen, Tippfehler, fehlendes @) und senden Sie jede Adresse als eigenen Listeneintrag.',
      'Check how the recipient addresses are spelled (spaces, typos, missing @) and send each address as its own list entry.',
    ),
  ),
  ...group(
    'mail',
    [
      [56, 'Error during sending mail'],
      [211, 'Email could not be sent'],
    ],
    L('E-Mail-Versand fehlgeschlagen', 'Sending the e-mail failed'),
    L(
      'onOffice konnte die E-Mail nicht versenden. Mögliche Ursachen: Dem API-Benutzer ist kein Postfach zugeordnet, Zugangsdaten oder Postausgangsserver (SMTP) des Postfachs stimmen nicht, oder der Mailserver lehnt die E-Mail ab.',
      'onOffice could not send the e-mail. Possible causes: no mailbox is assigned to the API user, the mailbox\'s login data or outgoing server (SMTP) is wrong, or the mail server refuses the e-mail.',
    ),
    MAIL_DELIVERY,
  ),
  ...group(
    'mail',
    [[148, 'No mails sent']],
    L('Keine E-Mails versendet', 'No e-mails sent'),
    L(
      'Es wurde keine E-Mail versendet. Häufig ist dem API-Benutzer kein Postfach zugeordnet; es kann aber auch am Mailserver oder an der SMTP-Einrichtung des Postfachs liegen.',
      'No e-mail was sent. Often no mailbox is assigned to the API user; it can also be down to the mail server or the mailbox\'s SMTP setup.',
    ),
    MAIL_DELIVERY,
  ),
  ...group(
    'mail',
    [[191, 'No read access to email template']],
    L('Kein Zugriff auf die E-Mail-Vorlage', 'No access to the e-mail template'),
    L(
      'Der API-Benutzer darf die angegebene E-Mail-Vorlage nicht lesen.',
      'The API user may not read the e-mail template given.',
    ),
    L(
      'Geben Sie die Vorlage in enterprise für den API-Benutzer frei bzw. geben Sie ihm unter Extras → Einstellungen → Benutzer → Rechte das Recht, Vorlagen zu lesen – oder verwenden Sie eine Vorlage, die er bereits sehen darf.',
      'Share the template with the API user in enterprise, or grant it the right to read templates under Extras → Settings → User → Rights — or use a template it may already see.',
    ),
  ),
  ...group(
    'mail',
    [[233, 'missing email template']],
    L('E-Mail-Vorlage fehlt', 'E-mail template missing'),
    L(
      'Die angegebene E-Mail-Vorlage gibt es nicht – die Vorlagen-ID („templateid“) ist falsch oder die Vorlage wurde gelöscht.',
      'The e-mail template given does not exist — the template id ("templateid") is wrong or the template was deleted.',
    ),
    L(
      'Prüfen Sie in enterprise, ob die Vorlage noch existiert, und senden Sie deren aktuelle ID.',
      'Check in enterprise that the template still exists and send its current id.',
    ),
  ),
  ...group(
    'mail',
    [
      [238, 'the attachment is too big'],
      [242, 'Error while sending; attachment size may have been exceeded'],
    ],
    L('Anhang zu groß', 'Attachment too big'),
    L(
      'Die E-Mail wurde nicht versendet, weil der Anhang (bzw. alle Anhänge zusammen) zu groß ist.',
      'The e-mail was not sent because the attachment (or all attachments together) is too big.',
    ),
    L(
      'Verkleinern Sie den Anhang (z. B. Bilder komprimieren, PDF verkleinern) oder senden Sie statt des Anhangs einen Link.',
      'Make the attachment smaller (e.g. compress images, shrink the PDF) or send a link instead of the attachment.',
    ),
  ),
  // The mailbox probe asks emailInfo for a message that does not exist: these answers come after the identity passed.
  ...group(
    'mail',
    [
      [62, 'Email does not exist (anymore)'],
      [133, 'No email for given message id'],
      [276, 'Mail could not be found'],
      [283, 'Mail could not be found'],
    ],
    L('E-Mail nicht gefunden', 'E-mail not found'),
    L(
      'Zu Nachrichten-ID, UID und Ordner gibt es keine E-Mail (mehr): gelöscht, verschoben oder falsche Werte. Die Absenderidentität wurde dabei angenommen – bei der Postfach-Prüfung dieses Programms, die mit Platzhalterwerten fragt, ist das die erwartete Antwort und spricht dafür, dass das Postfach dem API-Benutzer zugeordnet ist.',
      'There is no e-mail (any more) for the message id, uid and folder: deleted, moved or wrong values. The e-mail identity itself was accepted — for this app\'s mailbox check, which asks with placeholder values, this is the expected answer and suggests that the mailbox is assigned to the API user.',
    ),
    L(
      'Bei der Postfach-Prüfung ist nichts zu tun. Sucht Ihre eigene Anbindung eine bestimmte E-Mail, übernehmen Sie Nachrichten-ID, UID und Ordner aus einer aktuellen Abfrage.',
      'Nothing to do for the mailbox check. If your own integration looks for a particular e-mail, take message id, uid and folder from a current query.',
    ),
  ),
];

const fields: CatalogueEntry[] = [
  ...group(
    'fields',
    [
      [75, 'Unknown field: %s'],
      [141, 'Unknown field: %s'],
      [145, 'Unknown field: %s'],
    ],
    L('Unbekanntes Feld', 'Unknown field'),
    L(
      'Ein angefragtes Feld gibt es in diesem Modul nicht – Tippfehler, falsches Modul oder ein eigenes Feld aus einer anderen enterprise-Installation. Der Server nennt das Feld.',
      'A field asked for does not exist in this module — a typo, the wrong module, or a custom field from another enterprise installation. The server names the field.',
    ),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[143, 'Unknown field in estate data']],
    L('Unbekanntes Feld in Immobiliendaten', 'Unknown field in property data'),
    L(
      'Die Immobiliendaten enthalten ein Feld, das es im Modul Immobilien nicht gibt.',
      'The property data contains a field that does not exist in the property module.',
    ),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[212, 'Unknown sort field']],
    L('Unbekanntes Sortierfeld', 'Unknown sort field'),
    L(
      'Nach dem in „sortby“ angegebenen Feld kann nicht sortiert werden, weil es in diesem Modul nicht existiert.',
      'The field given in "sortby" cannot be sorted by because it does not exist in this module.',
    ),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[252, 'Unknown value in select field']],
    L('Unbekannter Wert im Auswahlfeld', 'Unknown value in select field'),
    L(
      'Für ein Auswahlfeld wurde ein Wert gesendet, der nicht in dessen Auswahlliste steht – oft die Beschriftung statt des Schlüssels.',
      'A value was sent for a select field that is not in its list of options — often the label instead of the key.',
    ),
    L(
      'Rufen Sie die Feldliste mit Beschriftungen ab (get fields mit „labels“) und senden Sie den Schlüssel des gewünschten Eintrags, nicht seinen angezeigten Text.',
      'Fetch the field list with labels (get fields with "labels") and send the key of the option wanted, not its displayed text.',
    ),
  ),
];

const structure: CatalogueEntry[] = [
  ...group(
    'structure',
    [
      [3, 'JSON error'],
      [4, 'Invalid JSON'],
      [5, 'JSON error'],
      [6, 'JSON error'],
      [7, 'JSON error'],
      [8, 'JSON error'],
    ],
    L('Fehlerhaftes JSON', 'Faulty JSON'),
    L(
      'Die Anfrage war kein gültiges JSON (z. B. abgeschnitten, falsche Zeichenkodierung, zu tief verschachtelt). Das liegt am Programm, das die Anfrage baut, oder an einem Proxy, der sie verändert – nicht an enterprise.',
      'The request was not valid JSON (e.g. truncated, wrong character encoding, nested too deeply). This is down to the program building the request or a proxy altering it — not to enterprise.',
    ),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [[9, 'Empty request']],
    L('Leere Anfrage', 'Empty request'),
    L(
      'Beim Server kam eine leere Anfrage an. Häufig wurde per GET statt POST gesendet oder ein Proxy hat den Inhalt entfernt.',
      'The server received an empty request. Often it was sent by GET instead of POST, or a proxy removed the body.',
    ),
    join(
      L(
        'Die Anfrage muss per POST mit dem JSON als Inhalt an den Endpunkt gehen.',
        'The request must go to the endpoint by POST with the JSON as its body.',
      ),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [
      [14, 'Missing or invalid element: request'],
      [15, 'Missing or invalid element: actions'],
      [16, 'Missing or invalid element: actionid'],
      [17, 'Missing or invalid element: actionid'],
      [18, 'Missing or invalid element: resourceid'],
      [19, 'Missing or invalid element: resourcetype'],
      [20, 'Missing or invalid element: parameters'],
    ],
    L('Aufbau der Anfrage fehlerhaft', 'Request structure faulty'),
    L(
      'Ein Pflichtteil der Anfrage fehlt oder hat die falsche Form (request, actions, actionid, resourceid, resourcetype oder parameters; der Server nennt ihn). Beispiele: „actions“ ist keine Liste, „actionid“ ist keine gültige URN, „parameters“ ist kein Objekt.',
      'A required part of the request is missing or has the wrong form (request, actions, actionid, resourceid, resourcetype or parameters; the server names it). Examples: "actions" is not a list, "actionid" is not a valid URN, "parameters" is not an object.',
    ),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [
      [23, 'Missing configuration for actionId'],
      [24, 'Missing configuration for resourceId'],
      [25, 'Missing configuration for resourceType'],
    ],
    L('Aktion oder Ressource nicht unterstützt', 'Action or resource not supported'),
    L(
      'Diese Kombination aus Aktion und Ressourcentyp gibt es nicht – z. B. „read“ auf einen Typ, der nur „get“ kennt, oder ein falsch geschriebener Ressourcentyp.',
      'This combination of action and resource type does not exist — e.g. "read" on a type that only knows "get", or a misspelled resource type.',
    ),
    join(
      L(
        'Prüfen Sie Aktion und Ressourcentyp in der API-Dokumentation (apidoc.onoffice.de).',
        'Check the action and resource type in the API documentation (apidoc.onoffice.de).',
      ),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[302, 'only up to 500 Ids']],
    L('Mehr als 500 IDs', 'More than 500 ids'),
    L(
      'Eine Aktion darf höchstens 500 Datensatz-IDs enthalten.',
      'One action may hold at most 500 record ids.',
    ),
    L(
      'Teilen Sie die IDs in Pakete zu höchstens 500 auf und senden Sie eine Aktion je Paket.',
      'Split the ids into chunks of at most 500 and send one action per chunk.',
    ),
  ),
  ...group(
    'structure',
    [[167, 'Missing parameter "%s"']],
    L('Pflichtparameter fehlt', 'Mandatory parameter missing'),
    L(
      'Der Aktion fehlt ein Pflichtparameter; der Server nennt ihn.',
      'The action lacks a mandatory parameter; the server names it.',
    ),
    join(
      L(
        'Welche Parameter eine Ressource verlangt, steht auf apidoc.onoffice.de.',
        'Which parameters a resource requires is listed on apidoc.onoffice.de.',
      ),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[139, 'Missing params "picture categories" or "estateids"']],
    L('Parameter für Bilder fehlen', 'Picture parameters missing'),
    L(
      'get estatepictures verlangt estateids und categories, beide als Liste; mindestens einer fehlte.',
      'get estatepictures requires estateids and categories, both as lists; at least one was missing.',
    ),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [
      [58, 'Missing message id'],
      [59, 'Missing email uid'],
      [60, 'Missing email folder'],
    ],
    L('Parameter für emailInfo fehlt', 'emailInfo parameter missing'),
    L(
      'get emailInfo verlangt emailIdentity, messageId, uid und folder; einer davon fehlte (der Server nennt ihn).',
      'get emailInfo requires emailIdentity, messageId, uid and folder; one of them was missing (the server names it).',
    ),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [[50, 'Missing email identity']],
    L('Parameter emailidentity fehlt', 'Parameter emailidentity missing'),
    L(
      'Der Versandanfrage fehlt der Pflichtparameter emailidentity. Das ist ein Fehler im Aufbau der Anfrage, kein Hinweis auf ein fehlendes Postfach.',
      'The send request lacks the mandatory parameter emailidentity. This is a fault in how the request is built, not a sign of a missing mailbox.',
    ),
    join(
      L(
        'Senden Sie in emailidentity die Adresse eines Postfachs, das dem API-Benutzer zugeordnet ist.',
        'Send the address of a mailbox assigned to the API user in emailidentity.',
      ),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[142, 'Unknown operator']],
    L('Unbekannter Filter-Operator', 'Unknown filter operator'),
    L(
      'Ein Filter verwendet einen Operator, den die API nicht kennt. Erlaubt sind =, >, <, >=, <=, !=, between, like, in und not in.',
      'A filter uses an operator the API does not know. Allowed are =, >, <, >=, <=, !=, between, like, in and not in.',
    ),
    OWN_REQUEST_BUG,
  ),
  // The documentation names this code only by the parameter it concerns; the live message says more.
  ...group(
    'structure',
    [[256, 'listlimit']],
    L('listlimit ungültig', 'listlimit invalid'),
    L(
      'Der Parameter listlimit fehlt oder liegt außerhalb des erlaubten Bereichs: höchstens 500; beim Lesen des Protokolls (read log) ist er Pflicht.',
      'The parameter listlimit is missing or out of range: at most 500; reading the log (read log) requires it.',
    ),
    join(
      L(
        'Senden Sie listlimit mit höchstens 500 und blättern Sie mit listoffset durch größere Mengen.',
        'Send a listlimit of at most 500 and page through larger sets with listoffset.',
      ),
      OWN_REQUEST_BUG,
    ),
  ),
  // 184, 286 and 243 name a value in the request, not the caller: token and secret were accepted.
  ...group(
    'structure',
    [[184, 'User id is not existing or inactive']],
    L('Benutzer-ID unbekannt oder inaktiv', 'User id unknown or inactive'),
    L(
      'Eine in der Anfrage angegebene Benutzer-ID (z. B. der Parameter userid) gehört zu keinem oder zu einem inaktiven Benutzer. Das ist ein Fehler in der Anfrage, nicht in Token oder Secret.',
      'A user id given in the request (e.g. the parameter userid) belongs to no user or to an inactive one. This is a fault in the request, not in token or secret.',
    ),
    L(
      'Prüfen Sie unter Extras → Einstellungen → Benutzer die Nummer des gemeinten Benutzers und ob er aktiv ist; senden Sie die Nummer eines aktiven Benutzers.',
      'Under Extras → Settings → User, check the number of the intended user and whether it is active; send the number of an active user.',
    ),
  ),
  ...group(
    'structure',
    [[286, 'User %s is not active']],
    L('Genannter Benutzer nicht aktiv', 'User named is not active'),
    L(
      'Der in der Anfrage genannte Benutzer ist nicht aktiv; der Server nennt ihn. Das ist ein Fehler in der Anfrage, nicht in Token oder Secret.',
      'The user named in the request is not active; the server names it. This is a fault in the request, not in token or secret.',
    ),
    L(
      'Senden Sie die Nummer eines aktiven Benutzers, oder aktivieren Sie den genannten Benutzer unter Extras → Einstellungen → Benutzer wieder, wenn er gebraucht wird.',
      'Send the number of an active user, or activate the user named again under Extras → Settings → User if it is needed.',
    ),
  ),
  ...group(
    'structure',
    [[243, 'The HMAC is invalid. "%s" should be passed as string']],
    L('Kommazahl als Text senden', 'Send decimals as strings'),
    L(
      'Ein Parameter wurde als Kommazahl gesendet; onOffice erwartet Kommazahlen als Text, z. B. "1.5" statt 1.5, und weist die Signatur sonst ab. Der Server nennt den Parameter. Das ist ein Fehler in der Anfrage, nicht in Token oder Secret.',
      'A parameter was sent as a decimal number; onOffice expects decimals as strings, e.g. "1.5" instead of 1.5, and otherwise rejects the signature. The server names the parameter. This is a fault in the request, not in token or secret.',
    ),
    L(
      'Senden Sie den genannten Parameter als Text (in Anführungszeichen) und versuchen Sie es mit neuem Zeitstempel und neuer Signatur erneut. Das betrifft die Anbindung, die die Anfrage baut – in enterprise ist nichts zu ändern.',
      'Send the named parameter as a string (in quotes) and try again with a new timestamp and signature. This concerns the integration building the request — nothing needs changing in enterprise.',
    ),
  ),
];

const marketplace: CatalogueEntry[] = [
  ...group(
    'marketplace',
    [
      [177, 'Invalid parameter cache'],
      [178, 'Invalid parameter cache'],
    ],
    L('Parameter-Cache ungültig', 'Parameter cache invalid'),
    L(
      'Die parameterCacheId aus der Aktivierung ist unbekannt, abgelaufen oder schon verbraucht.',
      'The parameterCacheId from the activation is unknown, expired or already used up.',
    ),
    MARKETPLACE_ACTIVATION,
  ),
  ...group(
    'marketplace',
    [[193, 'extendedclaim required or invalid']],
    L('extendedclaim fehlt oder ist ungültig', 'extendedclaim missing or invalid'),
    L(
      'Dieses Token gehört zu einem API-Benutzer, den die Aktivierung einer Marketplace-App angelegt hat. Solche API-Benutzer müssen in jeder Aktion den apiClaim der Aktivierung als „extendedclaim“ mitsenden; er fehlte oder war falsch.',
      'This token belongs to an API user that a marketplace app\'s activation created. Such API users must send the activation\'s apiClaim as "extendedclaim" in every action; it was missing or wrong.',
    ),
    join(CLAIM_SOURCE, ENTER_API_CLAIM, NOT_A_PROVIDER),
  ),
  ...group(
    'marketplace',
    [[201, 'extendedclaim outdated']],
    L('extendedclaim veraltet', 'extendedclaim outdated'),
    L(
      'Der gesendete extendedclaim ist veraltet – der Kunde hat die App inzwischen erneut aktiviert, dadurch gilt ein neuer apiClaim. Ältere apiClaims nimmt onOffice nicht mehr an.',
      'The extendedclaim sent is outdated — the customer has activated the app again since, so a new apiClaim applies. onOffice no longer accepts older apiClaims.',
    ),
    join(
      L(
        'Nehmen Sie den apiClaim aus der jüngsten Aktivierung dieses Kunden (aus der iFrame-URL dieser Aktivierung) und ersetzen Sie damit den gespeicherten.',
        'Take the apiClaim from this customer\'s latest activation (from that activation\'s iFrame URL) and replace the stored one with it.',
      ),
      ENTER_API_CLAIM,
    ),
  ),
  ...group(
    'marketplace',
    [[240, 'Call not allowed for marketplace API users']],
    L('Aufruf für Marktplatz-Benutzer nicht erlaubt', 'Call not allowed for marketplace users'),
    L(
      'onOffice lässt diese Aktion für API-Benutzer, die eine Marketplace-Aktivierung angelegt hat, nicht zu. Das ist eine Grenze des Marketplace, kein fehlendes Recht: Token, Secret und apiClaim zu ändern hilft nicht.',
      'onOffice does not allow this action for API users that a marketplace activation created. This is a limit of the Marketplace, not a missing right: changing token, secret or apiClaim does not help.',
    ),
    L(
      'Verzichten Sie in der App auf diese Aktion. Braucht die Anbindung sie wirklich, legt der Kunde dafür einen normalen API-Benutzer an (Extras → Einstellungen → Benutzer → „+“ → als API-Benutzer speichern); dessen Token und Secret gehören in ein eigenes Profil ohne API-Claim.',
      'Do without this action in the app. If the integration really needs it, the customer creates a regular API user for it (Extras → Settings → User → "+" → save as "API user"); its token and secret belong in a profile of their own, without an API claim.',
    ),
  ),
  ...group(
    'marketplace',
    [[248, 'No matching extendedclaim']],
    L('Kein passender extendedclaim', 'No matching extendedclaim'),
    L(
      'Keine Aktivierung passt zu diesem extendedclaim und diesem Token: Token und apiClaim stammen aus verschiedenen Aktivierungen oder von verschiedenen Kunden, etwa aus zwei verwechselten Aktivierungs-URLs.',
      'No activation matches this extendedclaim and this token: token and apiClaim come from different activations or different customers, for example from two activation URLs mixed up.',
    ),
    join(
      L(
        'Verwenden Sie Token, Secret und apiClaim aus derselben, jüngsten Aktivierung desselben Kunden.',
        'Use token, secret and apiClaim from the same, latest activation of the same customer.',
      ),
      ENTER_API_CLAIM,
      L('Lässt sich nicht mehr klären, welche Werte zusammengehören:', 'If it can no longer be told which values belong together:'),
      MARKETPLACE_ACTIVATION,
    ),
  ),
];

const server: CatalogueEntry[] = [
  ...group(
    'server',
    [[1, 'Unknown error']],
    L('Unbekannter Serverfehler', 'Unknown server error'),
    L(
      'onOffice meldet einen nicht näher bezeichneten Fehler auf der Serverseite.',
      'onOffice reports an unspecified error on the server side.',
    ),
    SUPPORT_WITH_CODE(1),
  ),
  ...group(
    'server',
    [[97, 'Error in action']],
    L('Fehler in einer Aktion', 'Error in an action'),
    L(
      'Mindestens eine Aktion der Anfrage ist fehlgeschlagen. Den eigentlichen Grund nennt der Fehlercode der einzelnen Aktion.',
      'At least one action of the request failed. The actual reason is given by the error code of the individual action.',
    ),
    join(
      L(
        'Sehen Sie im Journal nach dem Fehlercode der einzelnen Aktion; er erklärt die Ursache.',
        'Look up the error code of the individual action in the journal; it explains the cause.',
      ),
      SUPPORT_WITH_CODE(97),
    ),
  ),
  ...group(
    'server',
    [[500, 'Server error']],
    L('Serverfehler', 'Server error'),
    L(
      'Allgemeiner Fehler bei der Verarbeitung auf dem onOffice-Server. Meist vorübergehend.',
      'General error while processing on the onOffice server. Usually temporary.',
    ),
    SUPPORT_WITH_CODE(500),
  ),
];

export const API_ERROR_CATALOGUE: ReadonlyMap<number, CatalogueEntry> = new Map(
  [...credentials, ...clock, ...rights, ...mail, ...fields, ...structure, ...marketplace, ...server].map((e) => [e.code, e]),
);

/** Codes whose live message carries the useful detail (a field name, ids, a parameter): quote it. */
const QUOTE_SERVER_MESSAGE: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 58, 59, 60, 75, 141, 142, 145, 167, 212, 243, 252, 253, 256, 261, 262, 286, 302,
]);

export function categoryOf(code: number): ErrorCategory {
  return API_ERROR_CATALOGUE.get(code)?.category ?? 'api';
}

// ---------------------------------------------------------------------------------------------------------------
// Interpolation helpers: every value that goes into a sentence goes through one of these.

const serverSaid = (message: string): Localized =>
  message.trim() === ''
    ? L('Der Server hat keinen Meldungstext mitgeschickt.', 'The server sent no message text.')
    : L(`Meldung des Servers: „${message}“`, `Server message: "${message}"`);

const unknownTitle = (code: number): Localized => L(`Unbekannter Fehler ${code}`, `Unknown error ${code}`);

const unknownExplanation = (code: number): Localized =>
  L(
    `onOffice meldet den Fehlercode ${code}, der in diesem Katalog nicht beschrieben ist.`,
    `onOffice reports error code ${code}, which this catalogue does not describe.`,
  );

const unknownFix = (code: number): Localized =>
  L(
    `Prüfen Sie auf status.onoffice.de, ob eine Störung vorliegt, und sehen Sie im Journal nach, welche Anfrage den Fehler ausgelöst hat. Bleibt er bestehen, wenden Sie sich mit dem Fehlercode ${code} und der Meldung des Servers an den onOffice-Support.`,
    `Check status.onoffice.de for an outage and look in the journal for the request that caused the error. If it persists, contact onOffice support with error code ${code} and the server's message.`,
  );

const measuredLength = (n: number | undefined): Localized =>
  n === undefined ? L('nicht gemessen', 'not measured') : L(`${n} Zeichen`, `${n} characters`);

const wrongLengths = (token: number | undefined, secret: number | undefined): Localized =>
  L(
    `Das Token muss 32, das Secret 64 Zeichen lang sein – vertauscht oder abgeschnitten? Gemessen: Token ${measuredLength(token).de}, Secret ${measuredLength(secret).de}.`,
    `The token must be 32 and the secret 64 characters long — swapped or truncated? Measured: token ${measuredLength(token).en}, secret ${measuredLength(secret).en}.`,
  );

const swappedLengths = (token: number, secret: number): Localized =>
  L(
    `Token und Secret sind offenbar vertauscht: Das Token hat ${token} Zeichen, das Secret ${secret} – erwartet sind 32 für das Token und 64 für das Secret.`,
    `Token and secret look swapped: the token has ${token} characters and the secret ${secret} — expected are 32 for the token and 64 for the secret.`,
  );

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Whole seconds with a rough larger unit, so 412 s also reads as about 7 min. */
const duration = (seconds: number): Localized => {
  if (seconds >= 7200) {
    const h = Math.round(seconds / 3600);
    return L(`${seconds} s (rund ${h} Stunden)`, `${seconds} s (about ${h} hours)`);
  }
  if (seconds >= 120) {
    const m = Math.round(seconds / 60);
    return L(`${seconds} s (rund ${m} min)`, `${seconds} s (about ${m} min)`);
  }
  return L(`${seconds} s`, `${seconds} s`);
};

/** Offset = server minus local: positive means the local clock is behind. */
const offsetSentence = (offset: number): Localized => {
  const abs = Math.abs(Math.round(offset));
  if (abs === 0) return L('Ihre Uhr stimmt mit der Serverzeit überein.', 'Your clock matches the server time.');
  const d = duration(abs);
  return offset > 0
    ? L(`Ihre Uhr geht gegenüber dem onOffice-Server ${d.de} nach.`, `Your clock is ${d.en} behind the server.`)
    : L(`Ihre Uhr geht gegenüber dem onOffice-Server ${d.de} vor.`, `Your clock is ${d.en} ahead of the server.`);
};

/** A clock off by (almost) whole hours usually has the wrong time zone while showing the right local time. */
const timeZoneHint = (abs: number): Localized | null => {
  const hours = Math.round(abs / 3600);
  if (hours < 1 || Math.abs(abs - hours * 3600) > CLOCK_WINDOW_SECONDS) return null;
  return L(
    `Die Abweichung beträgt ziemlich genau ${hours} ${plural(hours, 'Stunde', 'Stunden')}: Meist ist dann die Zeitzone falsch eingestellt, obwohl die angezeigte Uhrzeit richtig aussieht.`,
    `The difference is almost exactly ${hours} ${plural(hours, 'hour', 'hours')}: usually the time zone is set wrong, even though the displayed time looks right.`,
  );
};

function clockExplanation(offset: number | null | undefined): Localized {
  const window = L(
    'onOffice nimmt eine Aktion nur an, wenn ihr Zeitstempel höchstens ±120 s von der Serverzeit abweicht.',
    'onOffice accepts an action only if its timestamp is within ±120 s of server time.',
  );
  if (offset === null || offset === undefined || !Number.isFinite(offset)) {
    return join(
      window,
      L(
        'Die Abweichung Ihrer Uhr konnte nicht gemessen werden (die Antwort enthielt keine verwertbare Serverzeit). Meist geht die Uhr des Rechners oder Webservers falsch.',
        'The offset of your clock could not be measured (the answer carried no usable server time). Usually the clock of the computer or web server is wrong.',
      ),
    );
  }
  const abs = Math.abs(Math.round(offset));
  if (abs <= CLOCK_WINDOW_SECONDS) {
    return join(
      window,
      offsetSentence(offset),
      L(
        'Das liegt innerhalb des erlaubten Fensters. Der Zeitstempel war also wohl schon beim Absenden alt: etwa eine Wiederholung mit altem Zeitstempel, eine lange aufgehaltene Anfrage oder eine Uhr, die zwischenzeitlich falsch ging.',
        'That is within the allowed window. So the timestamp was probably already old when sent: a retry with an old timestamp, a request held up for long, or a clock that was wrong in between.',
      ),
    );
  }
  const hint = timeZoneHint(abs);
  return join(window, offsetSentence(offset), ...(hint ? [hint] : []));
}

/** 193 from a request this app built: it knows whether a claim went with it. */
const claimSent = (sent: boolean): Localized =>
  sent
    ? L(
        'Dieses Programm hat den hinterlegten API-Claim gesendet, onOffice hat ihn nicht angenommen: Er ist unvollständig oder falsch kopiert.',
        'This app sent the stored API claim and onOffice did not accept it: it was copied incompletely or wrongly.',
      )
    : L(
        'Dieses Programm hat keinen gesendet: Zu diesen Zugangsdaten ist kein API-Claim hinterlegt (im Profil bzw. in ONOFFICE_API_CLAIM).',
        'This app sent none: no API claim is stored with these credentials (in the profile, or in ONOFFICE_API_CLAIM).',
      );

/** 137 with the measured lengths of token and secret: a wrong length names the copy error plainly. */
function hmacAdvice(entry: CatalogueEntry, ctx: ErrorContext): { explanation: Localized; fix: Localized } {
  const token = ctx.tokenLength;
  const secret = ctx.secretLength;
  if (token === SECRET_LENGTH && secret === TOKEN_LENGTH) {
    return {
      explanation: swappedLengths(token, secret),
      fix: L(
        'Tragen Sie den 32-stelligen Wert als Token und den 64-stelligen als Secret ein.',
        'Enter the 32-character value as the token and the 64-character value as the secret.',
      ),
    };
  }
  if ((token !== undefined && token !== TOKEN_LENGTH) || (secret !== undefined && secret !== SECRET_LENGTH)) {
    const tooLong = (token ?? 0) > TOKEN_LENGTH || (secret ?? 0) > SECRET_LENGTH;
    const extra = tooLong
      ? [L('Ein Zeichen zu viel ist oft ein mitkopiertes Leerzeichen oder ein Zeilenumbruch.', 'One character too many is often a space or line break copied along.')]
      : [];
    return { explanation: join(wrongLengths(token, secret), ...extra), fix: RECOPY_OR_REGENERATE };
  }
  if (token === TOKEN_LENGTH && secret === SECRET_LENGTH) {
    return {
      explanation: L(
        'Token (32 Zeichen) und Secret (64 Zeichen) haben die richtige Länge. Dann ist das Secret falsch oder veraltet: Es gehört nicht zu diesem Token, etwa weil Token und Secret inzwischen neu generiert wurden (dann gilt nur noch das neue Paar) oder weil das Secret aus einem anderen Paar stammt.',
        'Token (32 characters) and secret (64 characters) have the right length. Then the secret is wrong or outdated: it does not belong to this token, for example because token and secret have been regenerated since (then only the new pair is valid) or because the secret comes from another pair.',
      ),
      fix: entry.fix,
    };
  }
  return { explanation: entry.explanation, fix: entry.fix };
}

const copy = (t: Localized): Localized => ({ de: t.de, en: t.en });

/** Explains an onOffice error code (top-level or per action) for the person in front of the screen. */
export function explainApiError(code: number, serverMessage: string, ctx: ErrorContext = {}): ExplainedError {
  const entry = API_ERROR_CATALOGUE.get(code);
  if (!entry) {
    return {
      code,
      category: 'api',
      serverMessage,
      title: unknownTitle(code),
      explanation: join(unknownExplanation(code), serverSaid(serverMessage)),
      fix: unknownFix(code),
    };
  }
  let explanation = entry.explanation;
  let fix = entry.fix;
  if (code === 137) ({ explanation, fix } = hmacAdvice(entry, ctx));
  if (code === 136) explanation = clockExplanation(ctx.clockOffsetSeconds);
  if (code === 193 && ctx.apiClaimSent !== undefined) explanation = join(explanation, claimSent(ctx.apiClaimSent));
  if (QUOTE_SERVER_MESSAGE.has(code) && serverMessage.trim() !== '') explanation = join(explanation, serverSaid(serverMessage));
  return { code, category: entry.category, serverMessage, title: copy(entry.title), explanation: copy(explanation), fix: copy(fix) };
}

// ---------------------------------------------------------------------------------------------------------------
// Transport failures.

const serverName = (host: string | undefined): Localized =>
  host ? L(`Server ${host}`, `server ${host}`) : L('Server', 'server');

const hostName = (host: string | undefined): Localized =>
  host ? L(`Der Servername „${host}“`, `The server name "${host}"`) : L('Der Servername', 'The server name');

const technicalDetail = (detail: string | undefined): Localized[] =>
  detail && detail.trim() !== '' ? [L(`Technische Angabe: ${detail.trim()}`, `Technical detail: ${detail.trim()}`)] : [];

const httpStatusText = (status: number | undefined): Localized =>
  status === undefined
    ? L('Der Server antwortete mit einem HTTP-Status statt mit einer API-Antwort.', 'The server answered with an HTTP status instead of an API answer.')
    : L(`Der Server antwortete mit HTTP ${status} statt mit einer API-Antwort.`, `The server answered with HTTP ${status} instead of an API answer.`);

const ENDPOINT_EXAMPLE = L(
  'Der Endpunkt lautet https://api.onoffice.de/api/stable/api.php (oder …/api/latest/api.php).',
  'The endpoint is https://api.onoffice.de/api/stable/api.php (or …/api/latest/api.php).',
);

const WRITE_MAY_HAVE_RUN = L(
  'Bei schreibenden Aktionen erst unter Extras → Protokoll prüfen, ob die Änderung nicht doch ausgeführt wurde, bevor Sie sie wiederholen.',
  'For write actions, first check under Extras → Log whether the change went through after all before repeating it.',
);

const CHECK_CONNECTION = L(
  'Prüfen Sie die Internetverbindung (öffnet sich eine beliebige Webseite?), VPN, Firewall und Proxy, und sehen Sie auf status.onoffice.de nach Störungen.',
  'Check the internet connection (does any web page open?), VPN, firewall and proxy, and look at status.onoffice.de for outages.',
);

function httpStatusAdvice(status: number | undefined): { explanation: Localized; fix: Localized } {
  if (status !== undefined && status >= 500) {
    return {
      explanation: join(
        httpStatusText(status),
        L(
          'Ein 5xx-Status bedeutet ein Problem auf der Serverseite (oder bei einem Proxy dazwischen).',
          'A 5xx status means a problem on the server side (or at a proxy in between).',
        ),
      ),
      fix: L(
        'Warten Sie einige Minuten und versuchen Sie es erneut; prüfen Sie status.onoffice.de. Bleibt der Fehler, wenden Sie sich mit Uhrzeit und Status an den onOffice-Support.',
        'Wait a few minutes and try again; check status.onoffice.de. If the error persists, contact onOffice support with the time and the status.',
      ),
    };
  }
  if (status === 407) {
    return {
      explanation: join(
        httpStatusText(status),
        L('Ein Proxy im Netzwerk verlangt eine Anmeldung.', 'A proxy in the network asks for a login.'),
      ),
      fix: L(
        'Fragen Sie Ihre IT nach den Proxy-Zugangsdaten oder danach, api.onoffice.de ohne Proxy-Anmeldung freizugeben.',
        'Ask your IT for the proxy login or to let api.onoffice.de through without a proxy login.',
      ),
    };
  }
  if (status !== undefined && status >= 400) {
    return {
      explanation: join(
        httpStatusText(status),
        L(
          'Ein 4xx-Status bedeutet fast immer eine falsche Endpunkt-Adresse.',
          'A 4xx status almost always means a wrong endpoint URL.',
        ),
      ),
      fix: join(L('Prüfen Sie die Endpunkt-Adresse genau.', 'Check the endpoint URL carefully.'), ENDPOINT_EXAMPLE),
    };
  }
  return {
    explanation: join(
      httpStatusText(status),
      L(
        'Die API antwortet normalerweise mit Status 200; eine Umleitung (3xx) deutet auf eine falsche Adresse hin, etwa http statt https.',
        'The API normally answers with status 200; a redirect (3xx) points to a wrong URL, such as http instead of https.',
      ),
    ),
    fix: join(L('Prüfen Sie die Endpunkt-Adresse.', 'Check the endpoint URL.'), ENDPOINT_EXAMPLE),
  };
}

interface Advice {
  title: Localized;
  explanation: Localized;
  fix: Localized;
}

// One small function per failure; `to` names the server the call went to.
const TRANSPORT_ADVICE: Record<TransportErrorCode, (to: Localized, ctx: ErrorContext) => Advice> = {
  'timeout-connect': (to) => ({
    title: L('Zeitüberschreitung beim Verbinden', 'Connection timed out'),
    explanation: L(
      `Die Verbindung zum ${to.de} kam nicht innerhalb des Zeitlimits zustande: keine Internetverbindung, eine Firewall blockiert Port 443 oder der Server ist überlastet.`,
      `The connection to the ${to.en} was not established within the time limit: no internet connection, a firewall blocking port 443, or an overloaded server.`,
    ),
    fix: join(CHECK_CONNECTION, L('Dann erneut versuchen.', 'Then try again.')),
  }),
  'timeout-total': (to) => ({
    title: L('Zeitüberschreitung bei der Antwort', 'Answer timed out'),
    explanation: L(
      `Die Antwort vom ${to.de} kam nicht vollständig innerhalb des Zeitlimits. Große Abfragen (viele Datensätze, die Feldliste) dauern länger; auch der Server kann gerade langsam sein.`,
      `The answer from the ${to.en} did not arrive completely within the time limit. Large queries (many records, the field list) take longer; the server may also be slow right now.`,
    ),
    fix: join(
      L(
        'Fragen Sie weniger auf einmal ab (kleineres listlimit, weniger Felder), prüfen Sie status.onoffice.de und versuchen Sie es erneut.',
        'Ask for less at once (smaller listlimit, fewer fields), check status.onoffice.de and try again.',
      ),
      WRITE_MAY_HAVE_RUN,
    ),
  }),
  'connection-refused': (to) => ({
    title: L('Verbindung abgelehnt', 'Connection refused'),
    explanation: L(
      `Die Verbindung zum ${to.de} wurde abgelehnt: Unter dieser Adresse und diesem Port nimmt kein Dienst Anfragen an. Häufig läuft die lokale Sandbox nicht, oder Port bzw. http/https der Endpunkt-Adresse stimmen nicht.`,
      `The connection to the ${to.en} was refused: no service accepts requests at this address and port. Often the local sandbox is not running, or the port or http/https of the endpoint URL is wrong.`,
    ),
    fix: join(
      L(
        'Prüfen Sie die Endpunkt-Adresse. Für Tests mit der Sandbox: Sandbox starten und deren Adresse verwenden.',
        'Check the endpoint URL. For tests against the sandbox: start the sandbox and use its address.',
      ),
      ENDPOINT_EXAMPLE,
    ),
  }),
  'connection-reset': (to) => ({
    title: L('Verbindung unterbrochen', 'Connection reset'),
    explanation: L(
      `Die Verbindung zum ${to.de} wurde mitten im Austausch getrennt – vom Server, einer Firewall oder einem Proxy. Oft ist das vorübergehend.`,
      `The connection to the ${to.en} was cut in the middle of the exchange — by the server, a firewall or a proxy. This is often temporary.`,
    ),
    fix: join(
      L(
        'Versuchen Sie es erneut. Passiert es immer wieder: Firewall, Proxy und VPN prüfen und status.onoffice.de ansehen.',
        'Try again. If it keeps happening: check firewall, proxy and VPN, and look at status.onoffice.de.',
      ),
      WRITE_MAY_HAVE_RUN,
    ),
  }),
  dns: (_to, ctx) => ({
    title: L('Servername nicht auflösbar', 'Server name not found'),
    explanation: L(
      `${hostName(ctx.endpointHost).de} ließ sich nicht auflösen: keine Internetverbindung, eine DNS-Störung, ein Tippfehler in der Adresse, oder das Netz lässt nur über einen Proxy ins Internet.`,
      `${hostName(ctx.endpointHost).en} could not be resolved: no internet connection, a DNS failure, a typo in the address, or a network that only reaches the internet through a proxy.`,
    ),
    fix: L(
      'Prüfen Sie, ob der Rechner online ist (öffnet sich eine beliebige Webseite?) und ob die Endpunkt-Adresse richtig geschrieben ist. In Firmennetzen bei der IT nach den Proxy-Einstellungen fragen.',
      'Check that the computer is online (does any web page open?) and that the endpoint URL is spelled correctly. In company networks, ask IT for the proxy settings.',
    ),
  }),
  tls: (to) => ({
    title: L('Problem mit der gesicherten Verbindung (TLS)', 'Secure connection (TLS) problem'),
    explanation: L(
      `Die gesicherte Verbindung zum ${to.de} kam nicht zustande, weil das Zertifikat ungültig oder nicht vertrauenswürdig ist. In Firmennetzen fängt oft ein Proxy oder Virenscanner die TLS-Verbindung ab und setzt ein eigenes Zertifikat ein.`,
      `The secure connection to the ${to.en} failed because the certificate is invalid or not trusted. In company networks a proxy or virus scanner often intercepts the TLS connection and substitutes its own certificate.`,
    ),
    fix: L(
      'Prüfen Sie Datum und Uhrzeit des Rechners (eine falsche Uhr lässt Zertifikate ungültig erscheinen). Testen Sie in einem anderen Netz (z. B. Handy-Hotspot); klappt es dort, bitten Sie die IT, api.onoffice.de von der TLS-Prüfung des Proxys auszunehmen. Schalten Sie die Zertifikatsprüfung nicht ab.',
      'Check the computer\'s date and time (a wrong clock makes certificates look invalid). Test on another network (e.g. a phone hotspot); if it works there, ask IT to exempt api.onoffice.de from the proxy\'s TLS inspection. Do not turn certificate checking off.',
    ),
  }),
  'http-status': (_to, ctx) => ({ title: L('Unerwarteter HTTP-Status', 'Unexpected HTTP status'), ...httpStatusAdvice(ctx.httpStatus) }),
  'too-large': () => ({
    title: L('Antwort zu groß', 'Answer too large'),
    explanation: L(
      'Die Antwort war größer als die Obergrenze, die dieses Programm annimmt, und wurde verworfen.',
      'The answer was larger than the limit this program accepts and was discarded.',
    ),
    fix: L(
      'Fragen Sie weniger auf einmal ab: kleineres listlimit, weniger Felder in „data“, Aktionen auf mehrere Anfragen verteilen.',
      'Ask for less at once: a smaller listlimit, fewer fields in "data", actions spread over several requests.',
    ),
  }),
  malformed: () => ({
    title: L('Antwort ist keine API-Antwort', 'Answer is not an API answer'),
    explanation: L(
      'Statt der JSON-Antwort der API kam etwas anderes: eine HTML-Seite oder kaputtes bzw. unvollständiges JSON. Typisch sind eine falsche Endpunkt-Adresse, die Anmelde- oder Sperrseite eines Proxys oder WLANs (Hotel, Firmennetz) oder eine abgebrochene Übertragung.',
      'Something other than the API\'s JSON answer arrived: an HTML page or broken or incomplete JSON. Typical causes are a wrong endpoint URL, the login or block page of a proxy or Wi-Fi (hotel, company network), or a broken-off transfer.',
    ),
    fix: join(
      L(
        'Prüfen Sie die Endpunkt-Adresse und öffnen Sie im Browser eine beliebige Webseite, um eine Anmeldeseite des Netzes zu erkennen. Das Journal zeigt den Anfang der Antwort.',
        'Check the endpoint URL and open any web page in the browser to spot a network login page. The journal shows the start of the answer.',
      ),
      ENDPOINT_EXAMPLE,
    ),
  }),
  aborted: () => ({
    title: L('Abgebrochen', 'Cancelled'),
    explanation: L(
      'Sie haben den Vorgang abgebrochen, bevor eine Antwort kam.',
      'You cancelled the operation before an answer arrived.',
    ),
    fix: join(
      L('Nichts zu beheben – starten Sie den Vorgang bei Bedarf erneut.', 'Nothing to fix — start the operation again if needed.'),
      WRITE_MAY_HAVE_RUN,
    ),
  }),
  network: (to) => ({
    title: L('Netzwerkfehler', 'Network error'),
    explanation: L(
      `Die Verbindung zum ${to.de} ist an einem Netzwerkproblem gescheitert.`,
      `The connection to the ${to.en} failed because of a network problem.`,
    ),
    fix: join(CHECK_CONNECTION, L('Dann erneut versuchen.', 'Then try again.')),
  }),
  'endpoint-invalid': () => ({
    title: L('Endpunkt-Adresse nicht zulässig', 'Endpoint URL not allowed'),
    explanation: L(
      'Die Endpunkt-Adresse ist nicht zulässig. Erlaubt ist nur https:// – oder http:// zu diesem Rechner selbst (localhost, 127.0.0.1, ::1) für die lokale Sandbox. So geht das Token nie unverschlüsselt über das Netz.',
      'The endpoint URL is not allowed. Only https:// is accepted — or http:// to this computer itself (localhost, 127.0.0.1, ::1) for the local sandbox. That way the token never crosses the network unencrypted.',
    ),
    fix: join(L('Korrigieren Sie die Adresse.', 'Correct the URL.'), ENDPOINT_EXAMPLE),
  }),
};

/** Explains a failure where no usable API answer arrived. */
export function explainTransportError(code: TransportErrorCode, ctx: ErrorContext = {}): ExplainedError {
  const { title, explanation, fix } = TRANSPORT_ADVICE[code](serverName(ctx.endpointHost), ctx);
  return { code, category: 'transport', serverMessage: '', title, explanation: join(explanation, ...technicalDetail(ctx.detail)), fix };
}
