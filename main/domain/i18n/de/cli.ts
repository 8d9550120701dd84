/** Deutsche Texte: cli. Genau die Schlüssel und Platzhalter von ../en/cli.ts. */
import type { cli as en } from '../en/cli.ts';

export const cli = {
  'cli.usage': `API User Desk – Kommandozeile

Befehle:
  sandbox   die lokale, onOffice-kompatible Sandbox starten
  call      eine signierte API-Anfrage senden (Zugangsdaten aus ONOFFICE_TOKEN / ONOFFICE_SECRET)
  doctor    die Einrichtung eines API-Benutzers für einen Einsatzzweck prüfen und sagen, was zu beheben ist

{sandbox}

{call}

{doctor}`,
  'cli.usage.sandbox': `Aufruf: api-user-desk sandbox [--port N] [--scenario NAME ... | --all] [--latency MS] [--seed N] [--list]
       [--fault KIND=RATE ...] [--unknown NAME=VALUE ...] [--lang de|en]
Störungen (Rate 0..1 je Anfrage): {faults}. Umschaltbares, nicht dokumentiertes Verhalten: {switches}.
Startet einen lokalen, onOffice-kompatiblen Server auf 127.0.0.1 und gibt seinen Endpunkt und je API-Benutzer
Sandbox-Zugangsdaten als Zeilen ONOFFICE_TOKEN=… / ONOFFICE_SECRET=… aus (dazu ONOFFICE_API_CLAIM=… für einen
Marketplace-API-Benutzer, als extendedclaim zu senden). Endet mit Strg+C (SIGINT) oder SIGTERM.`,
  'cli.usage.call': `Aufruf: api-user-desk call --endpoint URL|stable|latest --action read|get|do|create|modify|delete --resource TYP
       [--id ID] [--params JSON|@datei] [--json] [--lang de|en] [--timeout MS] [--connect-timeout MS]
Zugangsdaten kommen nur aus der Umgebung: ONOFFICE_TOKEN und ONOFFICE_SECRET, beim API-Benutzer eines
Marketplace-Anbieters dazu ONOFFICE_API_CLAIM (der apiClaim der jüngsten Aktivierung des Kunden, gesendet als extendedclaim).
Exit-Codes: 0 in Ordnung, 1 eine Aktion ist fehlgeschlagen, 2 Aufruf, 3 Zugangsdaten oder Anmeldung (auch der Marketplace-Claim), 4 Verbindung oder Server.`,
  'cli.usage.doctor': `Aufruf: api-user-desk doctor --endpoint URL|stable|latest --use-case {useCases}
       [--rights MODUL:AKTION[:all|own],…[,admin]] (nur custom) [--expect-estates ID,ID]
       [--fields MODUL:FELD,FELD]… [--language ENG] [--picture-categories Titelbild,Foto,…]
       [--mail-identity ADRESSE [--mail-to ADRESSE --send-test-mail]] [--lang de|en] [--json]
       [--timeout MS] [--connect-timeout MS]
       api-user-desk doctor --profiles DATEI [--json] [--lang de|en] [--timeout MS] [--connect-timeout MS]
Prüft die Einrichtung eines API-Benutzers für einen Einsatzzweck und sagt, was in enterprise zu beheben ist.
--expect-estates erklärt jede Immobilie: auf der Website oder warum nicht. --fields prüft Feldnamen (Modul estate
oder address) gegen die aktiven Felder; --language prüft die Immobilien in der Sprache der Website (ISO 3166-1 alpha-3).
Zugangsdaten kommen nur aus der Umgebung: ONOFFICE_TOKEN und ONOFFICE_SECRET, beim API-Benutzer eines
Marketplace-Anbieters dazu ONOFFICE_API_CLAIM (der apiClaim der jüngsten Aktivierung des Kunden, gesendet als extendedclaim).
Eine echte Test-E-Mail geht nur mit --send-test-mail (und --mail-identity, --mail-to) hinaus, einmal.
Uhr und IP werden von diesem Rechner aus gemessen, nicht vom Webserver, auf dem die Anbindung läuft.
Exit-Codes: 0 nichts schlägt fehl, 1 eine Prüfung schlägt fehl, 2 Aufruf, 3 Zugangsdaten oder Uhr unbrauchbar, 4 Verbindung
oder Server, 5 offen (eine Prüfung, die der Einsatzzweck braucht, blieb unbekannt: erneut versuchen oder den Server prüfen).
--profiles prüft mehrere API-Benutzer, 4 zugleich, und gibt eine Tabelle aus (--json: { ok, profiles: [{ label, ok,
exitCode, findings, requests }] }). DATEI ist ein JSON-Array aus { "label", "endpoint", "useCase", "tokenEnv",
"secretEnv" } (wahlweise "claimEnv", und "rights" für custom): Die Zugangsdaten kommen aus den Umgebungsvariablen,
die sie nennt, nie aus der Datei. Ein Profil, dessen Variablen nicht gesetzt sind, zählt als Exit-Code 3; die anderen
laufen weiter. Der Exit-Code ist der schlechteste aller Profile: 3, dann 1, dann 4, dann 5 (eine sicher falsche
Einrichtung wiegt schwerer als eine, die sich nicht prüfen ließ: erneutes Prüfen behebt sie nicht); 0, wenn jedes
Profil in Ordnung ist.`,
  'cli.unknownCommand': 'unbekannter Befehl {command}',
  'cli.seeHelp': '„api-user-desk {command} --help“ zeigt die Optionen.',
  'cli.unexpected': 'api-user-desk: unerwarteter Fehler: {message}',
  'cli.args.unknownOption': 'unbekannte Option {option}',
  'cli.args.missingValue': '{option} braucht einen Wert',
  'cli.args.noValue': '{option} nimmt keinen Wert',
  'cli.args.positional': 'unerwartetes Argument {argument}: Jeder Wert gehört zu einer Option',
  'cli.args.invalid': 'die Optionen lassen sich nicht lesen: {detail}',
  'cli.lang.invalid': '--lang muss de oder en sein, nicht {value}',
  'cli.int.notWhole': '--{name} muss eine ganze Zahl sein, nicht {value}',
  'cli.int.range': '--{name} muss zwischen {min} und {max} liegen',
  'cli.endpoint.required': '--endpoint fehlt',
  'cli.endpoint.invalid': '--endpoint: {reason}',
  'cli.credentials.missing': 'Zugangsdaten fehlen: Setzen Sie ONOFFICE_TOKEN und ONOFFICE_SECRET in der Umgebung.',
  'cli.argv.credentials': '--{name} wird nicht angenommen: Zugangsdaten auf der Kommandozeile landen in der Shell-History und in Prozesslisten. Setzen Sie stattdessen ONOFFICE_TOKEN und ONOFFICE_SECRET in der Umgebung.',
  'cli.argv.claim': '--{name} wird nicht angenommen: Zugangsdaten auf der Kommandozeile landen in der Shell-History und in Prozesslisten. Setzen Sie stattdessen ONOFFICE_API_CLAIM in der Umgebung.',
  'cli.params.unreadable': '--params: {file} lässt sich nicht lesen ({code})',
  'cli.params.invalidJson': '--params ist kein gültiges JSON (Parser: {detail})',
  'cli.params.notObject': '--params muss ein JSON-Objekt sein, z. B. {example}',
  'cli.action.invalid': '--action muss eines von {kinds} sein',
  'cli.resource.invalid': '--resource muss einen Ressourcentyp nennen, z. B. estate',
  'cli.call.records.one': '{count} Datensatz',
  'cli.call.records.other': '{count} Datensätze',
  'cli.call.total': '(insgesamt {total})',
  'cli.call.more': '… {count} weitere (--json zeigt alle)',
  'cli.doctor.expectEstates': '--expect-estates muss Datensatznummern enthalten, durch Kommas getrennt, z. B. 1042,1077',
  'cli.doctor.list.empty': '{option}: Geben Sie mindestens einen Namen an',
  'cli.doctor.list.invalid': '{option}: „{name}“ ist kein gültiger Name',
  'cli.doctor.fields.module': '--fields: Das Modul muss {modules} sein, nicht „{module}“',
  'cli.doctor.useCase': '--use-case muss eines von {useCases} sein',
  'cli.doctor.rights.invalid': '--rights: {detail}',
  'cli.doctor.rights.missing': '--use-case custom braucht --rights, z. B. estate:read,address:create',
  'cli.doctor.rights.notCustom': '--rights gehört zu --use-case custom',
  'cli.doctor.language': '--language muss ein dreibuchstabiger Sprachcode sein (ISO 3166-1 alpha-3), z. B. ENG',
  'cli.doctor.mail.testNeeds': '--send-test-mail braucht --mail-identity und --mail-to',
  'cli.doctor.mail.to': '--mail-to muss eine E-Mail-Adresse sein',
  'cli.doctor.mail.identity': '--mail-identity darf nicht leer sein',
  'cli.doctor.title': 'Prüfung „{useCase}“ gegen {host}',
  'cli.doctor.heuristic': '(Schlussfolgerung)',
  'cli.doctor.reasons': 'Gründe: {reasons}',
  'cli.doctor.reasons.possible': 'Gründe: {reasons} (möglich: {possible})',
  'cli.doctor.inconclusive.one': 'Ergebnis offen: {count} nötige Prüfung blieb unbekannt. Bitte erneut prüfen; bleibt es so, den Server prüfen (status.onoffice.de).',
  'cli.doctor.inconclusive.other': 'Ergebnis offen: {count} nötige Prüfungen blieben unbekannt. Bitte erneut prüfen; bleibt es so, den Server prüfen (status.onoffice.de).',
  'cli.doctor.summary': '{fail} Fehler, {warnings}, {pass} in Ordnung, {unknown} unbekannt, {skipped} nicht geprüft – {requests}.',
  'cli.doctor.warnings.one': '{count} Warnung',
  'cli.doctor.warnings.other': '{count} Warnungen',
  'cli.doctor.requests.one': '{count} Anfrage',
  'cli.doctor.requests.other': '{count} Anfragen',
  // doctor --profiles (main/cli/doctor-profiles.ts).
  'cli.profiles.conflict': '{option} gehört zur Prüfung eines API-Benutzers; mit --profiles kommen Endpunkt und Einsatzzweck aus der Datei',
  'cli.profiles.file.unreadable': '--profiles: {file} lässt sich nicht lesen ({code})',
  'cli.profiles.file.tooLarge': '--profiles: {file} ist größer als 1 MB',
  'cli.profiles.file.invalidJson': '--profiles: {file} ist kein gültiges JSON',
  'cli.profiles.file.invalidJsonAt': '--profiles: {file} ist kein gültiges JSON (Zeile {line}, Spalte {column})',
  'cli.profiles.file.notArray': '--profiles: {file} muss ein JSON-Array aus Profilen enthalten, z. B. {example}',
  'cli.profiles.file.empty': '--profiles: {file} enthält kein Profil',
  'cli.profiles.file.tooMany': '--profiles: {file} enthält {count} Profile; geprüft werden höchstens {max} in einem Lauf',
  'cli.profiles.entry': 'Profil {number}: {problem}',
  'cli.profiles.entry.labelled': 'Profil {number} („{label}“): {problem}',
  'cli.profiles.notObject': 'muss ein Objekt mit label, endpoint, useCase, tokenEnv und secretEnv sein',
  'cli.profiles.credentialsInFile': 'enthält den Schlüssel {key}, doch Zugangsdaten gehören nie in die Datei (sie landet in Repositories und Build-Logs). Nennen Sie mit tokenEnv und secretEnv (und claimEnv) die Umgebungsvariablen, die sie enthalten.',
  'cli.profiles.key.missing': '„{key}“ fehlt',
  'cli.profiles.key.unknown': 'unbekannter Schlüssel {keys}; erlaubt: {allowed}',
  'cli.profiles.key.label': '„label“ muss ein Text aus 1 bis 60 Zeichen ohne Steuerzeichen sein',
  'cli.profiles.key.endpoint': '„endpoint“ muss eine URL, „stable“ oder „latest“ sein',
  'cli.profiles.key.endpointInvalid': '„endpoint“: {reason}',
  'cli.profiles.key.useCase': '„useCase“ muss einer von {useCases} sein',
  'cli.profiles.key.rights': '„rights“ muss ein Text sein, z. B. „estate:read,address:create“',
  'cli.profiles.key.env': '„{key}“ muss der Name einer Umgebungsvariable sein (Großbuchstaben, Ziffern, _), nicht die Zugangsdaten selbst',
  'cli.profiles.rights.missing': 'der Einsatzzweck custom braucht „rights“, z. B. „estate:read,address:create“',
  'cli.profiles.rights.invalid': '„rights“: {detail}',
  'cli.profiles.rights.notCustom': '„rights“ gehört zum Einsatzzweck custom',
  'cli.profiles.duplicate': 'Profil {first} trägt diese Bezeichnung schon; jede Bezeichnung muss eindeutig sein',
  'cli.profiles.envMissing.one': 'die Umgebungsvariable {names} ist nicht gesetzt (oder leer), daher wurde dieses Profil nicht geprüft',
  'cli.profiles.envMissing.other': 'die Umgebungsvariablen {names} sind nicht gesetzt (oder leer), daher wurde dieses Profil nicht geprüft',
  'cli.profiles.failed': 'die Prüfung brach ab: {message}',
  'cli.profiles.column.label': 'Profil',
  'cli.profiles.column.useCase': 'Einsatzzweck',
  'cli.profiles.column.endpoint': 'Endpunkt',
  'cli.profiles.column.result': 'Ergebnis',
  'cli.profiles.column.pass': 'In Ordnung',
  'cli.profiles.column.warn': 'Warnungen',
  'cli.profiles.column.fail': 'Fehler',
  'cli.profiles.column.unknown': 'Unbekannt',
  'cli.profiles.column.requests': 'Anfragen',
  'cli.profiles.column.exit': 'Exit-Code',
  'cli.profiles.result.ok': 'in Ordnung',
  'cli.profiles.result.fail': 'eine Prüfung schlägt fehl',
  'cli.profiles.result.credentials': 'Zugangsdaten oder Uhr',
  'cli.profiles.result.transport': 'Verbindung oder Server',
  'cli.profiles.result.inconclusive': 'offen',
  'cli.profiles.result.config': 'Konfigurationsfehler',
  'cli.profiles.result.error': 'abgebrochen',
  'cli.profiles.summary': '{ok} {ofTotal} in Ordnung – Exit-Code {code}.',
  'cli.profiles.ofTotal.one': 'von {count} Profil',
  'cli.profiles.ofTotal.other': 'von {count} Profilen',
  'cli.sandbox.scenarioAndAll': 'entweder --scenario oder --all, nicht beides',
  'cli.sandbox.unknownScenario': 'unbekanntes Szenario {names}; --list zeigt alle',
  'cli.sandbox.pair': '--{flag} erwartet NAME=WERT, nicht {value}',
  'cli.sandbox.unknownFault': 'unbekannte Störung {kind}; eine von {kinds}',
  'cli.sandbox.faultRate': '--fault {kind}: Die Rate muss eine Zahl von 0 bis 1 sein',
  'cli.sandbox.unknownSwitch': 'unbekannter Schalter {name}; einer von {names}',
  'cli.sandbox.switchValue': '--unknown {name}: einer von {choices}',
  'cli.sandbox.credentialsNote': '# Nur Sandbox-Zugangsdaten: Sie öffnen nichts außer diesem lokalen Server.',
  'cli.sandbox.user': '# {scenario} – {user} (Benutzer-ID {id}): {description}',
  'cli.sandbox.running': '# Läuft; beenden mit Strg+C.',
  // The browser host in the terminal (main/host/main.ts).
  'cli.host.port': '--port muss eine ganze Zahl von 0 bis 65535 sein',
  'cli.host.testMode': 'Testmodus: einfache Schlüsselableitung für neue Passphrasen und Sicherungen (API_USER_DESK_TEST_KEY_DERIVATION).',
  'cli.host.recovered': 'Hinweis: Die Datenbank war nicht nutzbar ({reason}); sie wurde nach {path} verschoben und eine neue angelegt.',
  'cli.host.open': 'API User Desk läuft in Ihrem Browser. Öffnen Sie diese Adresse (sie enthält den Sitzungsschlüssel dieses Starts; geben Sie sie nicht weiter):',
  'cli.host.dataFolder': 'Datenordner: {path}',
  'cli.host.stop': 'Beenden mit Strg+C.',
} as const satisfies Record<keyof typeof en, string>;
