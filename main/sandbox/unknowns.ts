/**
 * Behaviour the public onOffice material leaves open (ONOFFICE_API.md §9). Every outcome can be switched on, so
 * clients and checks can be tested against each; the defaults are our best guess, not a fact.
 *
 * | switch                      | values                                         | default  | why this default                                    |
 * |-----------------------------|------------------------------------------------|----------|-----------------------------------------------------|
 * | forbiddenRecordRead         | empty, error-80, error-149, error-293          | empty    | "a missing right gives an empty list" elsewhere     |
 * | checkRightsHonoursPublish   | true, false                                    | false    | record rights and the publish flag are separate     |
 * | noMailboxCode               | 50, 51, 148, 211                               | 51       | the identity is valid mail, just not the user's     |
 * | topLevelOnActionFailure     | 0, 97                                          | 0        | observed in the wild for an invalid HMAC (137)      |
 * | logRecordsReads             | true, false                                    | false    | the log is documented to record data changes        |
 * | emailInfoWithoutMailbox     | error (51), empty (no records)                 | error    | "identity must belong to the user"                  |
 * | emailInfoAcceptedCode       | 62, 133, 276, 283                              | 62       | 62 is the plainest "this mail does not exist"       |
 * | usersOnlyOwn                | one (the caller), all (every active user)      | one      | the filter's name says "only own"                   |
 * | authErrorHttpStatus         | 200, 400                                       | 200      | answers normally come as HTTP 200 (§6)              |
 * | failedActionData            | records ({meta, records: []}), empty-array ([]) | records | PHP may encode an empty result as []; not documented |
 * | listsInactiveEstates        | true, false                                    | true     | the WordPress plugin filters archived ones out itself |
 * | filePublicationStatusShape  | object-of-arrays, array-of-objects             | object-of-arrays | apidoc: "an object of arrays for each file and portal" |
 *
 * listsInactiveEstates: `status` is a documented read and filter field, and the official WordPress plugin's
 * "don't show archived" option adds the filter `status2 != status2obj_archiviert` itself
 * (oo-wp-plugin, DefaultFilterBuilderSimilarEstates) — needless if lists left archived estates out. Inactive ones
 * (status 2) are assumed to behave alike; the switch covers both.
 */
export interface UnknownSwitches {
  /** Reading one estate/address by id that exists but is forbidden or unpublished (or does not exist). */
  forbiddenRecordRead: 'empty' | 'error-80' | 'error-149' | 'error-293';
  /** Whether `get checkuserrecordsright` (action read) drops unpublished records for a publish-restricted user. */
  checkRightsHonoursPublish: boolean;
  /** `do sendmail` with an identity of no mailbox assigned to the API user. */
  noMailboxCode: 50 | 51 | 148 | 211;
  /** Top-level errorcode when at least one action failed. */
  topLevelOnActionFailure: 0 | 97;
  /** Whether reads of estates and addresses add entries to the log. */
  logRecordsReads: boolean;
  /** `get emailInfo` with an identity of no mailbox assigned to the API user. */
  emailInfoWithoutMailbox: 'error' | 'empty';
  /** `get emailInfo` with an accepted identity but a message the mailbox does not hold: which "not found" code. */
  emailInfoAcceptedCode: 62 | 133 | 276 | 283;
  /** `get users` with `userfilter: onlyOwn`: the caller alone, or every active user. */
  usersOnlyOwn: 'one' | 'all';
  /** The HTTP status of an answer whose whole request failed authentication (22, 104); the body is the same. */
  authErrorHttpStatus: 200 | 400;
  /** The `data` member of a failed action's result. */
  failedActionData: 'records' | 'empty-array';
  /** Whether list reads of estates (no resourceid) include inactive (status 2) and archived (status 0) ones. */
  listsInactiveEstates: boolean;
  /**
   * `get file` with `showpublicationstatus`: per file, every active portal with its id, name and release status,
   * as `{"12": ["ImmobilienScout24", 1]}` (object-of-arrays, keyed by portal id) or as
   * `[{"portalid": 12, "portalname": "ImmobilienScout24", "status": 1}]` (array-of-objects).
   */
  filePublicationStatusShape: 'object-of-arrays' | 'array-of-objects';
}

export const DEFAULT_UNKNOWNS: UnknownSwitches = {
  forbiddenRecordRead: 'empty',
  checkRightsHonoursPublish: false,
  noMailboxCode: 51,
  topLevelOnActionFailure: 0,
  logRecordsReads: false,
  emailInfoWithoutMailbox: 'error',
  emailInfoAcceptedCode: 62,
  usersOnlyOwn: 'one',
  authErrorHttpStatus: 200,
  failedActionData: 'records',
  listsInactiveEstates: true,
  filePublicationStatusShape: 'object-of-arrays',
};

/** Every value each switch can take, for callers that read switches from text (the CLI). */
export const UNKNOWN_CHOICES: { readonly [K in keyof UnknownSwitches]: readonly UnknownSwitches[K][] } = {
  forbiddenRecordRead: ['empty', 'error-80', 'error-149', 'error-293'],
  checkRightsHonoursPublish: [true, false],
  noMailboxCode: [50, 51, 148, 211],
  topLevelOnActionFailure: [0, 97],
  logRecordsReads: [true, false],
  emailInfoWithoutMailbox: ['error', 'empty'],
  emailInfoAcceptedCode: [62, 133, 276, 283],
  usersOnlyOwn: ['one', 'all'],
  authErrorHttpStatus: [200, 400],
  failedActionData: ['records', 'empty-array'],
  listsInactiveEstates: [true, false],
  filePublicationStatusShape: ['object-of-arrays', 'array-of-objects'],
};
