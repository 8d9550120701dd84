/** English texts: cli. Part of the catalogue (../catalogue.ts); ../de/cli.ts has exactly these keys and placeholders. */
/* The command line (main/cli.ts, main/cli/**). Flags, environment variable names and exit codes stay as they are typed. */
export const cli = {
  'cli.usage': `API User Desk — command line

Commands:
  sandbox   run the local onOffice-compatible sandbox server
  call      make one signed API call (credentials from ONOFFICE_TOKEN / ONOFFICE_SECRET)
  doctor    check an API user's setup for a use case and say what to fix

{sandbox}

{call}

{doctor}`,
  'cli.usage.sandbox': `Usage: api-user-desk sandbox [--port N] [--scenario NAME ... | --all] [--latency MS] [--seed N] [--list]
       [--fault KIND=RATE ...] [--unknown NAME=VALUE ...] [--lang de|en]
Faults (rate 0..1 per request): {faults}. Undocumented behaviour to switch: {switches}.
Starts a local onOffice-compatible server on 127.0.0.1 and prints its endpoint and, per API user, sandbox
credentials as ONOFFICE_TOKEN=… / ONOFFICE_SECRET=… lines (plus ONOFFICE_API_CLAIM=… for a marketplace API user,
to send as extendedclaim). Stops on Ctrl+C (SIGINT) or SIGTERM.`,
  'cli.usage.call': `Usage: api-user-desk call --endpoint URL|stable|latest --action read|get|do|create|modify|delete --resource TYPE
       [--id ID] [--params JSON|@file] [--json] [--lang de|en] [--timeout MS] [--connect-timeout MS]
Credentials come from the environment only: ONOFFICE_TOKEN and ONOFFICE_SECRET, and for a marketplace
provider's API user ONOFFICE_API_CLAIM (the apiClaim of the customer's latest activation, sent as extendedclaim).
Exit codes: 0 ok, 1 an action failed, 2 usage, 3 credentials or authentication (marketplace claim included), 4 transport or server.`,
  'cli.usage.doctor': `Usage: api-user-desk doctor --endpoint URL|stable|latest --use-case {useCases}
       [--rights MODULE:ACTION[:all|own],…[,admin]] (custom only) [--expect-estates ID,ID]
       [--fields MODULE:FIELD,FIELD]… [--language ENG] [--picture-categories Titelbild,Foto,…]
       [--mail-identity ADDRESS [--mail-to ADDRESS --send-test-mail]] [--lang de|en] [--json]
       [--timeout MS] [--connect-timeout MS]
       api-user-desk doctor --profiles FILE [--json] [--lang de|en] [--timeout MS] [--connect-timeout MS]
Checks an API user's setup against a use case and says what to fix in enterprise.
--expect-estates explains each estate: on the website, or why not. --fields checks field names (module estate or
address) against the active fields; --language checks the estates in the website's language (ISO 3166-1 alpha-3).
Credentials come from the environment only: ONOFFICE_TOKEN and ONOFFICE_SECRET, and for a marketplace
provider's API user ONOFFICE_API_CLAIM (the apiClaim of the customer's latest activation, sent as extendedclaim).
A real test mail is sent only with --send-test-mail (and --mail-identity, --mail-to), once.
Clock and IP are measured from this computer, not from the web server that runs the integration.
Exit codes: 0 nothing fails, 1 a check fails, 2 usage, 3 credentials or clock unusable, 4 transport or server,
5 inconclusive (a check the use case needs stayed unknown: try again, or check the server).
--profiles checks several API users, 4 at once, and prints one table (--json: { ok, profiles: [{ label, ok,
exitCode, findings, requests }] }). FILE is a JSON array of { "label", "endpoint", "useCase", "tokenEnv",
"secretEnv" } (optional "claimEnv", and "rights" for custom): the credentials come from the environment variables
it names, never from the file. A profile whose variables are not set counts as exit code 3; the others still run.
The exit code is the worst of all profiles: 3, then 1, then 4, then 5 (a setup that is certainly wrong outranks
one that could not be checked: checking again will not mend it); 0 when every profile is fine.`,
  'cli.unknownCommand': 'unknown command {command}',
  'cli.seeHelp': 'Run "api-user-desk {command} --help" for the options.',
  'cli.unexpected': 'api-user-desk: unexpected error: {message}',
  'cli.args.unknownOption': 'unknown option {option}',
  'cli.args.missingValue': '{option} needs a value',
  'cli.args.noValue': '{option} takes no value',
  'cli.args.positional': 'unexpected argument {argument}: every value belongs to an option',
  'cli.args.invalid': 'the options cannot be read: {detail}',
  'cli.lang.invalid': '--lang must be de or en, not {value}',
  'cli.int.notWhole': '--{name} must be a whole number, not {value}',
  'cli.int.range': '--{name} must be between {min} and {max}',
  'cli.endpoint.required': '--endpoint is required',
  'cli.endpoint.invalid': '--endpoint: {reason}',
  'cli.credentials.missing': 'Credentials missing: set ONOFFICE_TOKEN and ONOFFICE_SECRET in the environment.',
  'cli.argv.credentials': '--{name} is not accepted: credentials on the command line end up in shell history and process lists. Set ONOFFICE_TOKEN and ONOFFICE_SECRET in the environment instead.',
  'cli.argv.claim': '--{name} is not accepted: credentials on the command line end up in shell history and process lists. Set ONOFFICE_API_CLAIM in the environment instead.',
  'cli.params.unreadable': '--params: cannot read {file} ({code})',
  'cli.params.invalidJson': '--params is not valid JSON (parser: {detail})',
  'cli.params.notObject': '--params must be a JSON object, e.g. {example}',
  'cli.action.invalid': '--action must be one of {kinds}',
  'cli.resource.invalid': '--resource must name a resource type, e.g. estate',
  'cli.call.records.one': '{count} record',
  'cli.call.records.other': '{count} records',
  'cli.call.total': '({total} in total)',
  'cli.call.more': '… {count} more (--json shows all)',
  'cli.doctor.expectEstates': '--expect-estates must be record ids separated by commas, e.g. 1042,1077',
  'cli.doctor.list.empty': '{option}: give at least one name',
  'cli.doctor.list.invalid': '{option}: "{name}" is not a valid name',
  'cli.doctor.fields.module': '--fields: module must be {modules}, not "{module}"',
  'cli.doctor.useCase': '--use-case must be one of {useCases}',
  'cli.doctor.rights.invalid': '--rights: {detail}',
  'cli.doctor.rights.missing': '--use-case custom needs --rights, e.g. estate:read,address:create',
  'cli.doctor.rights.notCustom': '--rights belongs to --use-case custom',
  'cli.doctor.language': '--language must be a three-letter language code (ISO 3166-1 alpha-3), e.g. ENG',
  'cli.doctor.mail.testNeeds': '--send-test-mail needs --mail-identity and --mail-to',
  'cli.doctor.mail.to': '--mail-to must be an e-mail address',
  'cli.doctor.mail.identity': '--mail-identity must not be empty',
  'cli.doctor.title': 'Check "{useCase}" against {host}',
  'cli.doctor.heuristic': '(heuristic)',
  'cli.doctor.reasons': 'reasons: {reasons}',
  'cli.doctor.reasons.possible': 'reasons: {reasons} (possible: {possible})',
  'cli.doctor.inconclusive.one': 'Inconclusive: {count} required check stayed unknown. Please check again; if it stays so, check the server (status.onoffice.de).',
  'cli.doctor.inconclusive.other': 'Inconclusive: {count} required checks stayed unknown. Please check again; if it stays so, check the server (status.onoffice.de).',
  'cli.doctor.summary': '{fail} failed, {warnings}, {pass} passed, {unknown} unknown, {skipped} skipped — {requests}.',
  'cli.doctor.warnings.one': '{count} warning',
  'cli.doctor.warnings.other': '{count} warnings',
  'cli.doctor.requests.one': '{count} request',
  'cli.doctor.requests.other': '{count} requests',
  // doctor --profiles (main/cli/doctor-profiles.ts).
  'cli.profiles.conflict': '{option} belongs to the check of one API user; with --profiles, endpoint and use case come from the file',
  'cli.profiles.file.unreadable': '--profiles: cannot read {file} ({code})',
  'cli.profiles.file.tooLarge': '--profiles: {file} is larger than 1 MB',
  'cli.profiles.file.invalidJson': '--profiles: {file} is not valid JSON',
  'cli.profiles.file.invalidJsonAt': '--profiles: {file} is not valid JSON (line {line}, column {column})',
  'cli.profiles.file.notArray': '--profiles: {file} must hold a JSON array of profiles, e.g. {example}',
  'cli.profiles.file.empty': '--profiles: {file} holds no profile',
  'cli.profiles.file.tooMany': '--profiles: {file} holds {count} profiles; at most {max} are checked in one run',
  'cli.profiles.entry': 'profile {number}: {problem}',
  'cli.profiles.entry.labelled': 'profile {number} ("{label}"): {problem}',
  'cli.profiles.notObject': 'must be an object with label, endpoint, useCase, tokenEnv and secretEnv',
  'cli.profiles.credentialsInFile': 'holds the key {key}, but credentials never belong in the file (it ends up in repositories and build logs). Name the environment variables that hold them with tokenEnv and secretEnv (and claimEnv).',
  'cli.profiles.key.missing': '"{key}" is missing',
  'cli.profiles.key.unknown': 'unknown key {keys}; allowed: {allowed}',
  'cli.profiles.key.label': '"label" must be a text of 1 to 60 characters without control characters',
  'cli.profiles.key.endpoint': '"endpoint" must be a URL, "stable" or "latest"',
  'cli.profiles.key.endpointInvalid': '"endpoint": {reason}',
  'cli.profiles.key.useCase': '"useCase" must be one of {useCases}',
  'cli.profiles.key.rights': '"rights" must be a text, e.g. "estate:read,address:create"',
  'cli.profiles.key.env': '"{key}" must be the name of an environment variable (capital letters, digits, _), not the credential itself',
  'cli.profiles.rights.missing': 'the use case custom needs "rights", e.g. "estate:read,address:create"',
  'cli.profiles.rights.invalid': '"rights": {detail}',
  'cli.profiles.rights.notCustom': '"rights" belongs to the use case custom',
  'cli.profiles.duplicate': 'profile {first} has this label already; each label must be unique',
  'cli.profiles.envMissing.one': 'the environment variable {names} is not set (or empty), so this profile was not checked',
  'cli.profiles.envMissing.other': 'the environment variables {names} are not set (or empty), so this profile was not checked',
  'cli.profiles.failed': 'the check broke off: {message}',
  'cli.profiles.column.label': 'Profile',
  'cli.profiles.column.useCase': 'Use case',
  'cli.profiles.column.endpoint': 'Endpoint',
  'cli.profiles.column.result': 'Result',
  'cli.profiles.column.pass': 'Passed',
  'cli.profiles.column.warn': 'Warnings',
  'cli.profiles.column.fail': 'Failed',
  'cli.profiles.column.unknown': 'Unknown',
  'cli.profiles.column.requests': 'Requests',
  'cli.profiles.column.exit': 'Exit code',
  'cli.profiles.result.ok': 'ok',
  'cli.profiles.result.fail': 'a check fails',
  'cli.profiles.result.credentials': 'credentials or clock',
  'cli.profiles.result.transport': 'transport or server',
  'cli.profiles.result.inconclusive': 'inconclusive',
  'cli.profiles.result.config': 'configuration error',
  'cli.profiles.result.error': 'broke off',
  'cli.profiles.summary': '{ok} {ofTotal} ok — exit code {code}.',
  'cli.profiles.ofTotal.one': 'of {count} profile',
  'cli.profiles.ofTotal.other': 'of {count} profiles',
  'cli.sandbox.scenarioAndAll': 'use either --scenario or --all, not both',
  'cli.sandbox.unknownScenario': 'unknown scenario {names}; --list shows them all',
  'cli.sandbox.pair': '--{flag} takes NAME=VALUE, not {value}',
  'cli.sandbox.unknownFault': 'unknown fault {kind}; one of {kinds}',
  'cli.sandbox.faultRate': '--fault {kind}: the rate must be a number from 0 to 1',
  'cli.sandbox.unknownSwitch': 'unknown switch {name}; one of {names}',
  'cli.sandbox.switchValue': '--unknown {name}: one of {choices}',
  'cli.sandbox.credentialsNote': '# Sandbox credentials only: they open nothing but this local server.',
  'cli.sandbox.user': '# {scenario} — {user} (user id {id}): {description}',
  'cli.sandbox.running': '# Running; stop with Ctrl+C.',
  // The browser host in the terminal (main/host/main.ts).
  'cli.host.port': '--port must be a whole number from 0 to 65535',
  'cli.host.testMode': 'Test mode: cheap key derivation for new passphrases and backups (API_USER_DESK_TEST_KEY_DERIVATION).',
  'cli.host.recovered': 'Note: the database could not be used ({reason}); it was moved to {path} and a new one was started.',
  'cli.host.open': 'API User Desk runs in your browser. Open this address (it holds this launch\'s session key; keep it to yourself):',
  'cli.host.dataFolder': 'Data folder: {path}',
  'cli.host.stop': 'Stop with Ctrl+C.',
} as const satisfies Record<string, string>;
