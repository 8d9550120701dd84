/**
 * Step: mailbox. Without consent only `get emailInfo` asks whether the identity is usable by the API user — with
 * dummy message values, since `messageId`, `uid` and `folder` are mandatory: 51 means the identity is not the
 * user's, a "mail not found" answer means it was accepted (a heuristic, §6). With consent, one real test mail,
 * sent alone and never repeated.
 */
import { categoryOf, explainApiError } from '../../onoffice/errors.ts';
import { evidenceOf, join, make, noAnswer, probe, type PlanInput, type Probe, type ProbeOutcome, type StepFinding } from '../probes.ts';
import { MAILBOX_PATH, MAIL_SERVER_CHECK } from '../texts.ts';
import { T } from '../../domain/i18n/index.ts';
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

const ASSIGN_FIX = T('finding.mailbox.assign-fix', { mailboxPath: MAILBOX_PATH });

/**
 * Mailbox without a mail test: the emailInfo heuristic, or skipped without an identity. When the use case sends
 * mail, nothing short of a test mail verifies it: the finding then stays `unknown` (it is required, so the run is
 * inconclusive, never green) unless the heuristic already found a problem.
 */
function mailboxHeuristicFinding(input: PlanInput, o: ProbeOutcome): StepFinding {
  const needsMail = input.useCase.mail === 'required';
  if (!input.mail && needsMail) {
    return make('mailbox', {
      status: 'unknown',
      title: T('finding.mailbox.sending-not-verified'),
      explanation: T('finding.mailbox.needs-test-mail'),
    });
  }
  if (!input.mail) {
    return make('mailbox', {
      status: 'skipped',
      title: T('finding.mailbox.mailbox-not-checked'),
      explanation: T('finding.mailbox.the-check-needs-the-sender-address'),
      fix: T('finding.mailbox.give-the-sender-address-check-the', { mailboxPath: MAILBOX_PATH }),
    });
  }
  const evidence = evidenceOf(o);
  const notSent = T('finding.mailbox.not-sent');
  if (o.state === 'failed' && MAIL_NOT_FOUND_CODES.includes(o.result.errorcode)) {
    return make('mailbox', {
      status: needsMail ? 'unknown' : 'info',
      heuristic: true,
      title: T('finding.mailbox.mailbox-identity-accepted-sending-not-verified'),
      explanation: join(
        T('finding.mailbox.emailinfo-accepts-the-identity-and-only', { errorcode: o.result.errorcode }),
        notSent,
      ),
      evidence,
    });
  }
  if (o.state === 'ok' && o.result.records.length > 0) {
    return make('mailbox', {
      status: needsMail ? 'unknown' : 'info',
      heuristic: true,
      title: T('finding.mailbox.mailbox-identity-accepted-sending-not-verified'),
      explanation: join(T('finding.mailbox.emailinfo-answers-for-this-identity'), notSent),
      evidence,
    });
  }
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'warn',
      heuristic: true,
      title: T('finding.mailbox.mailbox-not-confirmed'),
      explanation: join(T('finding.mailbox.emailinfo-answered-with-no-record-the'), notSent),
      fix: ASSIGN_FIX,
      evidence,
    });
  }
  if (o.state === 'failed' && (o.result.errorcode === 51 || categoryOf(o.result.errorcode) === 'rights')) {
    return make('mailbox', {
      status: 'fail',
      heuristic: true,
      title: T('finding.mailbox.mailbox-probably-not-assigned'),
      explanation: join(
        T('finding.mailbox.emailinfo-rejects-the-identity-errorcode-it', { errorcode: o.result.errorcode }),
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
      title: T('finding.mailbox.mailbox-unknown'),
      explanation: join(
        T('finding.mailbox.the-server-misses-a-parameter-of', { errorcode: o.result.errorcode, message: o.result.message }),
      ),
      evidence,
    });
  }
  return make('mailbox', { status: 'unknown', heuristic: true, title: T('finding.mailbox.mailbox-unknown'), explanation: noAnswer(o), evidence });
}

/** The real mail test. 51: the identity is not the user's; 148/211: assignment, or the mailbox's mail server. */
export function mailTestFinding(o: ProbeOutcome, receiver: string): StepFinding {
  const evidence = evidenceOf(o);
  if (o.state === 'ok') {
    return make('mailbox', {
      status: 'pass',
      title: T('finding.mailbox.test-mail-sent'),
      explanation: T('finding.mailbox.onoffice-accepted-the-test-mail-to', { receiver }),
      evidence,
    });
  }
  if (o.state === 'failed') {
    const code = o.result.errorcode;
    const e = explainApiError(code, o.result.message);
    if (code === 51) {
      return make('mailbox', {
        status: 'fail',
        title: T('finding.mailbox.test-mail-not-sent-identity-not'),
        explanation: T('finding.mailbox.onoffice-reports-51-message-the-sender', { message: o.result.message }),
        fix: ASSIGN_FIX,
        evidence,
      });
    }
    if (code === 148 || code === 211) {
      return make('mailbox', {
        status: 'fail',
        title: T('finding.mailbox.test-mail-not-sent-code', { code }),
        explanation: T('finding.mailbox.onoffice-reports-code-message-this-comes', { code, message: o.result.message }),
        fix: join(T('finding.mailbox.first-check-the-assignment-mailboxpath', { mailboxPath: MAILBOX_PATH }), MAIL_SERVER_CHECK),
        evidence,
      });
    }
    if (REQUEST_CODES.includes(code)) {
      return make('mailbox', {
        status: 'unknown',
        title: T('finding.mailbox.test-mail-request-incomplete-code', { code }),
        explanation: T('finding.mailbox.the-server-misses-a-parameter-of-2', { code, message: o.result.message }),
        evidence,
      });
    }
    if (categoryOf(code) === 'mail') return make('mailbox', { status: 'fail', title: e.title, explanation: e.explanation, fix: e.fix, evidence });
  }
  return make('mailbox', {
    status: 'unknown',
    title: T('finding.mailbox.test-mail-outcome-unclear'),
    fix: T('finding.mailbox.outcome-unclear-fix'),
    fixWhere: 'server',
    explanation: join(noAnswer(o), T('finding.mailbox.the-test-mail-is-not-repeated')),
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
