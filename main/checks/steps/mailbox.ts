/**
 * Step: mailbox. Without consent only `get emailInfo` asks whether the identity is usable by the API user — with
 * dummy message values, since `messageId`, `uid` and `folder` are mandatory: 51 means the identity is not the
 * user's, a "mail not found" answer means it was accepted (a heuristic, §6). With consent, one real test mail,
 * sent alone and never repeated.
 */
import { categoryOf, explainApiError } from '../../onoffice/errors.ts';
import { evidenceOf, join, make, noAnswer, probe, type PlanInput, type Probe, type ProbeOutcome, type StepFinding } from '../probes.ts';
import { MAILBOX_PATH, MAIL_SERVER_CHECK } from '../texts.ts';
import { L } from '../types.ts';
import type { Step } from './step.ts';

/** "No such mail": the identity passed, only the dummy message was not found. */
export const MAIL_NOT_FOUND_CODES: readonly number[] = [62, 133, 276, 283];
/** The probe's own request was incomplete (50/58/59/60): a fault of this app, not of the setup. */
const REQUEST_CODES: readonly number[] = [50, 58, 59, 60, 167];

/** A message id and uid no mailbox holds, so a known identity answers "mail not found". */
const DUMMY_MESSAGE = { messageId: '<api-user-desk-probe@invalid>', uid: 1, folder: 'INBOX' };

export const wantsMailTest = (input: PlanInput): boolean =>
  input.mail !== null && input.mail.consent === true && (input.mail.receiver ?? '').trim() !== '';

const mailboxPlanned = (input: PlanInput): boolean => input.useCase.mail === 'required' || input.mail !== null;

const ASSIGN_FIX = L(`${MAILBOX_PATH.de}.`, `${MAILBOX_PATH.en}.`);

/** Mailbox without a mail test: the emailInfo heuristic, or skipped without an identity. */
function mailboxHeuristicFinding(input: PlanInput, o: ProbeOutcome): StepFinding {
  if (!input.mail) {
    return make('mailbox', {
      status: 'skipped',
      title: L('Postfach nicht geprüft', 'Mailbox not checked'),
      explanation: L('Für die Prüfung wird die Absenderadresse (E-Mail-Identität) eines Postfachs gebraucht; es wurde keine angegeben.', 'The check needs the sender address (e-mail identity) of a mailbox; none was given.'),
      fix: L(`Absenderadresse angeben. Zuordnung prüfen: ${MAILBOX_PATH.de}.`, `Give the sender address. Check the assignment: ${MAILBOX_PATH.en}.`),
    });
  }
  const evidence = evidenceOf(o);
  const notSent = L(
    'Ohne Ihre Zustimmung wurde keine Test-E-Mail verschickt; geprüft wurde nur per emailInfo, ob die Identität für den API-Benutzer gilt. Das ist eine Schlussfolgerung – ob Mails tatsächlich hinausgehen, zeigt nur eine Test-E-Mail.',
    'Without your consent no test mail was sent; only emailInfo was asked whether the identity counts for the API user. That is an inference — only a test mail shows that mail actually goes out.',
  );
  if (o.state === 'failed' && MAIL_NOT_FOUND_CODES.includes(o.result.errorcode)) {
    return make('mailbox', {
      status: 'info',
      heuristic: true,
      title: L('Postfach-Identität angenommen – Versand nicht geprüft', 'Mailbox identity accepted — sending not verified'),
      explanation: join(
        L(
          `emailInfo nimmt die Identität an und sucht nur die Probe-Nachricht vergeblich (${o.result.errorcode}). Das spricht dafür, dass das Postfach dem API-Benutzer zugeordnet ist.`,
          `emailInfo accepts the identity and only fails to find the probe message (${o.result.errorcode}). That points to the mailbox being assigned to the API user.`,
        ),
        notSent,
      ),
      evidence,
    });
  }
  if (o.state === 'ok' && o.result.records.length > 0) {
    return make('mailbox', {
      status: 'info',
      heuristic: true,
      title: L('Postfach-Identität angenommen – Versand nicht geprüft', 'Mailbox identity accepted — sending not verified'),
      explanation: join(L('emailInfo antwortet für diese Identität.', 'emailInfo answers for this identity.'), notSent),
      evidence,
    });
  }
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'warn',
      heuristic: true,
      title: L('Postfach nicht bestätigt', 'Mailbox not confirmed'),
      explanation: join(L('emailInfo antwortete ohne Datensatz – die Identität gehört womöglich zu keinem Postfach, das dem API-Benutzer zugeordnet ist.', 'emailInfo answered with no record — the identity may belong to no mailbox assigned to the API user.'), notSent),
      fix: ASSIGN_FIX,
      evidence,
    });
  }
  if (o.state === 'failed' && (o.result.errorcode === 51 || categoryOf(o.result.errorcode) === 'rights')) {
    return make('mailbox', {
      status: 'fail',
      heuristic: true,
      title: L('Postfach vermutlich nicht zugeordnet', 'Mailbox probably not assigned'),
      explanation: join(
        L(
          `emailInfo lehnt die Identität ab (${o.result.errorcode}): Sie gehört wohl zu keinem Postfach, das dem API-Benutzer zugeordnet ist – oder die Adresse ist falsch geschrieben.`,
          `emailInfo rejects the identity (${o.result.errorcode}): it probably belongs to no mailbox assigned to the API user — or the address is misspelt.`,
        ),
        notSent,
      ),
      fix: ASSIGN_FIX,
      evidence,
    });
  }
  if (o.state === 'failed' && REQUEST_CODES.includes(o.result.errorcode)) {
    return make('mailbox', {
      status: 'unknown',
      heuristic: true,
      title: L('Postfach: unbekannt', 'Mailbox: unknown'),
      explanation: join(
        L(
          `Der Server vermisst einen Parameter der Prüfanfrage (${o.result.errorcode}, „${o.result.message}“). Das ist ein Fehler dieser Prüfung, nicht der Einrichtung – bitte mit dem Journal-Eintrag melden.`,
          `The server misses a parameter of the probe (${o.result.errorcode}, "${o.result.message}"). That is a fault of this check, not of the setup — please report it with the journal entry.`,
        ),
      ),
      evidence,
    });
  }
  return make('mailbox', { status: 'unknown', heuristic: true, title: L('Postfach: unbekannt', 'Mailbox: unknown'), explanation: noAnswer(o), evidence });
}

/** The real mail test. 51: the identity is not the user's; 148/211: assignment, or the mailbox's mail server. */
export function mailTestFinding(o: ProbeOutcome, receiver: string): StepFinding {
  const evidence = evidenceOf(o);
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'pass',
      title: L('Test-E-Mail verschickt', 'Test mail sent'),
      explanation: L(
        `onOffice hat die Test-E-Mail an ${receiver} angenommen. Kommt sie nicht an, den Spam-Ordner und den Postausgang des Postfachs in enterprise prüfen.`,
        `onOffice accepted the test mail to ${receiver}. If it does not arrive, check the spam folder and the mailbox's outbox in enterprise.`,
      ),
      evidence,
    });
  }
  if (o.state === 'failed') {
    const code = o.result.errorcode;
    const e = explainApiError(code, o.result.message);
    if (code === 51) {
      return make('mailbox', {
        status: 'fail',
        title: L('Test-E-Mail nicht verschickt: Identität nicht nutzbar (51)', 'Test mail not sent: identity not usable (51)'),
        explanation: L(
          `onOffice meldet 51 („${o.result.message}“): Die Absenderadresse gehört zu keinem Postfach, das dem API-Benutzer zugeordnet ist – oder sie ist falsch geschrieben.`,
          `onOffice reports 51 ("${o.result.message}"): the sender address belongs to no mailbox assigned to the API user — or it is misspelt.`,
        ),
        fix: ASSIGN_FIX,
        evidence,
      });
    }
    if (code === 148 || code === 211) {
      return make('mailbox', {
        status: 'fail',
        title: L(`Test-E-Mail nicht verschickt (${code})`, `Test mail not sent (${code})`),
        explanation: L(
          `onOffice meldet ${code} („${o.result.message}“). Das kommt von einer fehlenden Zuordnung des Postfachs, aber ebenso vom Mailserver oder den Postausgangs-Einstellungen des Postfachs.`,
          `onOffice reports ${code} ("${o.result.message}"). This comes from a missing mailbox assignment, but just as well from the mail server or the mailbox's outgoing settings.`,
        ),
        fix: join(L(`Zuerst die Zuordnung prüfen: ${MAILBOX_PATH.de}.`, `First check the assignment: ${MAILBOX_PATH.en}.`), MAIL_SERVER_CHECK),
        evidence,
      });
    }
    if (REQUEST_CODES.includes(code)) {
      return make('mailbox', {
        status: 'unknown',
        title: L(`Test-E-Mail: Anfrage unvollständig (${code})`, `Test mail: request incomplete (${code})`),
        explanation: L(
          `Der Server vermisst einen Parameter der Test-E-Mail (${code}, „${o.result.message}“). Das ist ein Fehler dieser Prüfung, nicht der Einrichtung – bitte mit dem Journal-Eintrag melden.`,
          `The server misses a parameter of the test mail (${code}, "${o.result.message}"). That is a fault of this check, not of the setup — please report it with the journal entry.`,
        ),
        evidence,
      });
    }
    if (categoryOf(code) === 'mail') return make('mailbox', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence });
  }
  return make('mailbox', {
    status: 'unknown',
    title: L('Test-E-Mail: Ausgang unklar', 'Test mail: outcome unclear'),
    explanation: join(noAnswer(o), L('Die Test-E-Mail wird nicht automatisch wiederholt – sie könnte trotzdem verschickt worden sein.', 'The test mail is not repeated automatically — it may have been sent anyway.')),
    evidence,
  });
}

/** The real mail test, alone, sent at most once. */
export function mailTest(input: PlanInput): Probe | null {
  if (!wantsMailTest(input) || !input.mail) return null;
  return {
    key: 'sendmail',
    request: 'do sendmail (test mail)',
    spec: {
      kind: 'do',
      resourcetype: 'sendmail',
      parameters: {
        emailidentity: input.mail.identity,
        receiver: [(input.mail.receiver ?? '').trim()],
        subject: 'API User Desk: Testnachricht / test message',
        body: 'Diese Testnachricht wurde von API User Desk über die onOffice-API verschickt.\nThis test message was sent by API User Desk through the onOffice API.',
      },
    },
  };
}

export const mailboxStep: Step = {
  name: 'mailbox',
  findingIds: (input) => (mailboxPlanned(input) ? ['mailbox'] : []),
  firstBatch: (input) =>
    input.mail && !wantsMailTest(input)
      ? [{ key: 'emailinfo', request: 'get emailInfo (probe message)', spec: { kind: 'get', resourcetype: 'emailInfo', parameters: { emailIdentity: input.mail.identity, ...DUMMY_MESSAGE } } }]
      : [],
  secondBatch: () => [],
  // With consent the engine sends the test mail after everything else and makes this finding from it.
  findings: (input, probes) => (mailboxPlanned(input) && !wantsMailTest(input) ? [mailboxHeuristicFinding(input, probe(probes, 'emailinfo'))] : []),
};
