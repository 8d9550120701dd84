/** The content of each step of the setup guide. */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { BoundaryError, EndpointInput, GuideStep, ProfileView } from '../../../preload/contract.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASE_NAMES as USE_CASES } from '../../../main/domain/usecases.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { useAppStore } from '../../stores/app.ts';
import { parseEstateIds } from '../../stores/checkSelectors.ts';
import { findingsOfStep, liveCredentialProblems, rightRows, sendsMail, customScopeOf, setCustomScope, toggleCustomRight, useGuideStore } from '../../stores/guide.ts';
import { EMPTY_JOURNAL_FORM } from '../../stores/selectors.ts';
import { useJournalStore } from '../../stores/journal.ts';
import { useProfilesStore } from '../../stores/profiles.ts';
import { fieldProblems } from '../../stores/selectors.ts';
import { ErrorAlert, Notice } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';
import { CredentialFields, credentialsRequest, NO_CREDENTIALS, type CredentialValues } from '../profiles/credentials.tsx';
import { FindingBody, FindingStatusMark, GuideFinding, GuideFindings } from './GuideFindings.tsx';

/** A menu path as enterprise shows it, set apart so it can be read and followed. */
function MenuPath({ children }: { children: ReactNode }) {
  return <p className="guide-path">{children}</p>;
}

/** Runs the step's probes, can be cancelled while running, and holds the result focus moves to afterwards. */
function CheckBar({ step, label, again, children }: { step: GuideStep; label: string; again: string; children?: ReactNode }) {
  const t = useT();
  const running = useGuideStore((s) => s.running);
  const checked = useGuideStore((s) => s.results[step] !== undefined);
  const check = useGuideStore((s) => s.check);
  const cancel = useGuideStore((s) => s.cancel);
  const busy = running === step;
  return (
    <div className="guide-check">
      {children}
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" onClick={() => void check(step)} disabled={running !== null} aria-describedby={busy ? `guide-running-${step}` : undefined}>
          {busy ? t('guide.check.running') : checked ? again : label}
        </button>
        {busy && (
          <button type="button" className="btn" onClick={() => void cancel()}>
            {t('guide.check.cancel')}
          </button>
        )}
      </div>
      {busy && (
        <p id={`guide-running-${step}`} className="muted small" role="status">
          {t('guide.check.runningHint')}
        </p>
      )}
    </div>
  );
}

/** The findings of the step's last run, the place focus moves to once a check ends. */
function StepResult({ step, children }: { step: GuideStep; children?: ReactNode }) {
  const t = useT();
  const run = useGuideStore((s) => s.results[step]);
  const finished = useGuideStore((s) => s.finished);
  const ref = useRef<HTMLDivElement>(null);
  const seen = useRef(finished);
  useEffect(() => {
    if (finished !== seen.current) {
      seen.current = finished;
      ref.current?.focus();
    }
  }, [finished]);
  return (
    <div ref={ref} tabIndex={-1} className="guide-result" data-testid={`guide-result-${step}`} aria-label={t('guide.result')}>
      {run === undefined ? <p className="muted">{t('guide.result.none')}</p> : (children ?? <GuideFindings findings={findingsOfStep(step, run)} label={t('guide.result')} />)}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------

export function UseCaseStep({ profile }: { profile: ProfileView | null }) {
  const t = useT();
  const progress = useGuideStore((s) => s.progress);
  const update = useGuideStore((s) => s.update);
  const updateProfile = useProfilesStore((s) => s.update);
  const [error, setError] = useState<BoundaryError | null>(null);
  const choose = async (useCase: (typeof USE_CASES)[number]) => {
    update({ useCase });
    // The profile's use case is what its checks start with, so the two stay the same.
    if (profile !== null && profile.useCase !== useCase) {
      const r = await updateProfile(profile.id, { useCase });
      setError(r.ok ? null : r.error);
    }
  };
  const has = (module: string, action: string) => progress.customRights.some((r) => r.module === module && r.action === action);
  return (
    <div className="stack">
      <p>{t('guide.useCase.intro')}</p>
      <fieldset className="guide-usecases">
        <legend>{t('guide.useCase.legend')}</legend>
        {USE_CASES.map((u) => (
          <label key={u} className="radio-card">
            <input type="radio" name="guide-usecase" value={u} checked={progress.useCase === u} onChange={() => void choose(u)} />
            <span>
              <strong>{t(`useCase.${u}`)}</strong>
              <span className="muted small block">{t(`useCase.${u}.description`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {progress.useCase === 'custom' && (
        <fieldset className="guide-custom">
          <legend>{t('check.custom.title')}</legend>
          <p className="muted small">{t('check.custom.hint')}</p>
          <table className="guide-table">
            <thead>
              <tr>
                <th scope="col">{t('check.custom.module')}</th>
                {RIGHT_ACTIONS.map((a) => (
                  <th key={a} scope="col">
                    {t(`check.action.${a}`)}
                  </th>
                ))}
                <th scope="col">{t('check.custom.scope')}</th>
              </tr>
            </thead>
            <tbody>
              {RIGHT_MODULES.map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`check.module.${m}`)}</th>
                  {RIGHT_ACTIONS.map((a) => (
                    <td key={a}>
                      <input
                        type="checkbox"
                        aria-label={t('check.right', { module: t(`check.module.${m}`), action: t(`check.action.${a}`) })}
                        checked={has(m, a)}
                        onChange={() => update({ customRights: toggleCustomRight(progress.customRights, m, a) })}
                      />
                    </td>
                  ))}
                  <td>
                    <select
                      aria-label={t('check.custom.scopeOf', { module: t(`check.module.${m}`) })}
                      value={customScopeOf(progress.customRights, m)}
                      disabled={!progress.customRights.some((r) => r.module === m)}
                      onChange={(e) => update({ customRights: setCustomScope(progress.customRights, m, e.target.value as 'all' | 'own') })}
                    >
                      <option value="all">{t('check.scope.all')}</option>
                      <option value="own">{t('check.scope.own')}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="check-line">
            <input type="checkbox" checked={progress.customAdmin} onChange={(e) => update({ customAdmin: e.target.checked })} /> {t('check.custom.admin')}
          </label>
        </fieldset>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </div>
  );
}

export function CreateStep() {
  const t = useT();
  return (
    <div className="stack">
      <p>{t('guide.create.intro')}</p>
      <ol className="guide-instructions">
        <li>
          {t('guide.create.open')}
          <MenuPath>{t('guide.create.path')}</MenuPath>
        </li>
        <li>{t('guide.create.save')}</li>
        <li>{t('guide.create.name')}</li>
        <li>
          {t('guide.create.generate')}
          <MenuPath>{t('guide.create.generatePath')}</MenuPath>
        </li>
      </ol>
      <div className="alert alert-warning guide-warning" role="note" data-testid="guide-secret-warning">
        <div className="alert-body">
          <strong className="alert-title">
            <span aria-hidden="true">⚠ </span>
            {t('guide.create.secretOnce')}
          </strong>
          <p>{t('guide.create.secretOnce.detail')}</p>
          <p>{t('guide.create.regenerate')}</p>
        </div>
      </div>
      <p className="muted small">{t('guide.create.limit')}</p>
    </div>
  );
}

type EndpointKind = EndpointInput['kind'];

export function CredentialsStep({ profile, onSaved }: { profile: ProfileView | null; onSaved(): void }) {
  const t = useT();
  const language = useLanguage();
  const uid = useId();
  const progress = useGuideStore((s) => s.progress);
  const attach = useGuideStore((s) => s.attach);
  const create = useProfilesStore((s) => s.create);
  const rotate = useProfilesStore((s) => s.rotate);
  const [label, setLabel] = useState('');
  const [customer, setCustomer] = useState('');
  const [endpointKind, setEndpointKind] = useState<EndpointKind>('stable');
  const [endpointUrl, setEndpointUrl] = useState('');
  const [credentials, setCredentials] = useState<CredentialValues>(NO_CREDENTIALS);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BoundaryError | null>(null);
  const [done, setDone] = useState('');
  const isNew = profile === null;

  const live = liveCredentialProblems(credentials.token, credentials.secret);
  const fromMain = fieldProblems(error);
  const problems = { ...fromMain, ...live };
  const missing = { token: submitted && credentials.token === '', secret: submitted && credentials.secret === '' };
  const labelMissing = isNew && submitted && label.trim() === '';
  const urlMissing = isNew && submitted && endpointKind === 'custom' && endpointUrl.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setDone('');
    if (credentials.token === '' || credentials.secret === '' || Object.keys(live).length > 0) return;
    if (isNew && (label.trim() === '' || (endpointKind === 'custom' && endpointUrl.trim() === ''))) return;
    setBusy(true);
    const endpoint: EndpointInput = endpointKind === 'custom' ? { kind: 'custom', url: endpointUrl.trim() } : { kind: endpointKind };
    const r = isNew
      ? await create({ label, customer, endpoint, useCase: progress.useCase, notes: '', ...credentialsRequest(credentials) })
      : await rotate(profile.id, credentialsRequest(credentials));
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setSubmitted(false);
    setCredentials(NO_CREDENTIALS);
    if (isNew) {
      attach(r.value.id);
      useAppStore.getState().openGuide(r.value.id);
    }
    setDone(isNew ? t('guide.credentials.created', { label: r.value.label }) : t('profile.rotate.done'));
    onSaved();
  };

  const id = (name: string) => `${uid}-${name}`;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{isNew ? t('guide.credentials.intro.new') : t('guide.credentials.intro.existing')}</p>
      {!isNew && (
        <p data-testid="guide-token-hint">
          {profile.credentials.tokenHint === null
            ? t('guide.credentials.none')
            : t('guide.credentials.current', { hint: profile.credentials.tokenHint })}
        </p>
      )}
      {isNew && (
        <>
          <Field id={id('label')} label={t('field.label')} hint={t('field.label.hint')} error={labelMissing ? t('common.required') : (fromMain.label?.message ?? null)}>
            <input id={id('label')} value={label} onChange={(e) => setLabel(e.target.value)} required aria-invalid={labelMissing} aria-describedby={describedBy(id('label'), true, labelMissing ? 'x' : null)} />
          </Field>
          <Field id={id('customer')} label={t('field.customer')}>
            <input id={id('customer')} value={customer} onChange={(e) => setCustomer(e.target.value)} />
          </Field>
          <fieldset className="guide-endpoint">
            <legend>{t('field.endpoint')}</legend>
            {(['stable', 'latest', 'custom'] as const).map((k) => (
              <label key={k} className="check-line">
                <input type="radio" name={id('endpoint')} checked={endpointKind === k} onChange={() => setEndpointKind(k)} /> {t(`field.endpoint.${k}`)}
                <span className="muted small"> — {t(`field.endpoint.${k}.hint`)}</span>
              </label>
            ))}
          </fieldset>
          {endpointKind === 'custom' && (
            <Field id={id('url')} label={t('field.endpointUrl')} error={urlMissing ? t('common.required') : (fromMain['endpoint.url']?.message ?? fromMain.endpoint?.message ?? null)}>
              <input id={id('url')} value={endpointUrl} onChange={(e) => setEndpointUrl(e.target.value)} inputMode="url" aria-invalid={urlMissing} />
            </Field>
          )}
        </>
      )}
      <CredentialFields idPrefix={id('cred')} values={credentials} onChange={setCredentials} problems={problems} missing={missing} replacesApiClaim={!isNew && profile.credentials.hasApiClaim} t={t} language={language} />
      <p className="muted small">{t('guide.credentials.live')}</p>
      <ErrorAlert error={error !== null && Object.keys(fromMain).length === 0 ? error : null} onDismiss={() => setError(null)} />
      <Notice>{done}</Notice>
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : isNew ? t('guide.credentials.create') : t('guide.credentials.replace')}
        </button>
      </div>
    </form>
  );
}

export function ConnectionStep() {
  const t = useT();
  return (
    <div className="stack">
      <p>{t('guide.connection.intro')}</p>
      <CheckBar step="connection" label={t('guide.connection.check')} again={t('guide.check.again')} />
      <StepResult step="connection" />
    </div>
  );
}

export function RightsStep() {
  const t = useT();
  const progress = useGuideStore((s) => s.progress);
  const run = useGuideStore((s) => s.results.rights);
  const findings = findingsOfStep('rights', run);
  const rows = rightRows(progress, findings);
  const others = findings.filter((f) => !rows.some((r) => r.id === f.id));
  return (
    <div className="stack">
      <p>{t('guide.rights.intro')}</p>
      <MenuPath>{t('guide.rights.path')}</MenuPath>
      <p className="muted small">{t('guide.rights.scopes')}</p>
      {rows.length === 0 ? (
        <p>{t('guide.rights.none')}</p>
      ) : (
        <table className="guide-table guide-rights" aria-label={t('guide.rights.table')}>
          <thead>
            <tr>
              <th scope="col">{t('check.custom.module')}</th>
              <th scope="col">{t('guide.rights.action')}</th>
              <th scope="col">{t('check.custom.scope')}</th>
              <th scope="col">{t('guide.rights.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-right={r.id} data-status={r.finding?.status ?? 'notChecked'}>
                <th scope="row">
                  {r.module === 'admin' ? t('guide.rights.admin') : t(`check.module.${r.module}`)}
                  {!r.required && <span className="muted small"> ({t('guide.rights.optional')})</span>}
                </th>
                <td>{r.action === null ? '—' : t(`check.action.${r.action}`)}</td>
                <td>{r.scope === null ? '—' : t(`check.scope.${r.scope}`)}</td>
                <td>
                  {r.finding === null ? (
                    <span className="guide-status guide-status-notChecked">
                      <span className="status-icon" aria-hidden="true">
                        ○
                      </span>{' '}
                      {t('guide.status.notChecked')}
                    </span>
                  ) : (
                    <div className="guide-right-result">
                      <FindingStatusMark status={r.finding.status} t={t} />
                      <FindingBody finding={r.finding} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CheckBar step="rights" label={t('guide.rights.check')} again={t('guide.rights.again')} />
      <StepResult step="rights">
        {others.length > 0 ? <GuideFindings findings={others} label={t('guide.rights.more')} /> : <p className="muted">{t('guide.rights.done')}</p>}
      </StepResult>
    </div>
  );
}

export function PublishStep() {
  const t = useT();
  const uid = useId();
  const progress = useGuideStore((s) => s.progress);
  const update = useGuideStore((s) => s.update);
  const run = useGuideStore((s) => s.results.publish);
  const [text, setText] = useState(progress.expectEstates.join(', '));
  const parsed = parseEstateIds(text);
  const error = parsed.ok ? null : parsed.reason === 'tooMany' ? t('check.estates.tooMany') : t('check.estates.invalid', { item: parsed.item });
  const findings = findingsOfStep('publish', run);
  const modules = findings.filter((f) => f.id.startsWith('publish:'));
  const estates = findings.filter((f) => !f.id.startsWith('publish:'));
  const id = `${uid}-estates`;
  return (
    <div className="stack">
      <p>{t('guide.publish.intro')}</p>
      <MenuPath>{t('guide.publish.path')}</MenuPath>
      <Field id={id} label={t('check.estates')} hint={t('check.estates.hint')} error={error}>
        <input
          id={id}
          value={text}
          inputMode="numeric"
          onChange={(e) => {
            setText(e.target.value);
            const p = parseEstateIds(e.target.value);
            if (p.ok) update({ expectEstates: p.ids });
          }}
          aria-invalid={error !== null}
          aria-describedby={describedBy(id, true, error)}
        />
      </Field>
      <CheckBar step="publish" label={t('guide.publish.check')} again={t('guide.check.again')} />
      <StepResult step="publish">
        <>
          <h3 className="guide-subhead">{t('guide.publish.modules')}</h3>
          {modules.length === 0 ? <p className="muted">{t('guide.publish.notForUseCase')}</p> : <GuideFindings findings={modules} label={t('guide.publish.modules')} />}
          {estates.length > 0 && (
            <>
              <h3 className="guide-subhead">{t('guide.publish.estates')}</h3>
              <GuideFindings findings={estates} label={t('guide.publish.estates')} />
            </>
          )}
        </>
      </StepResult>
    </div>
  );
}

export function MailboxStep() {
  const t = useT();
  const uid = useId();
  const progress = useGuideStore((s) => s.progress);
  const update = useGuideStore((s) => s.update);
  const running = useGuideStore((s) => s.running);
  const check = useGuideStore((s) => s.check);
  const cancel = useGuideStore((s) => s.cancel);
  const run = useGuideStore((s) => s.results.mailbox);
  // The consent belongs to one mail: never stored, unticked again after every send.
  const [consent, setConsent] = useState(false);
  const [tried, setTried] = useState(false);
  const needed = sendsMail(progress.useCase);
  const identityMissing = tried && progress.mailIdentity.trim() === '';
  const receiverMissing = tried && progress.mailReceiver.trim() === '';
  const consentMissing = tried && !consent;
  const findings = findingsOfStep('mailbox', run);
  const sent = findings.some((f) => f.status === 'pass');
  const id = (n: string) => `${uid}-${n}`;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (progress.mailIdentity.trim() === '' || progress.mailReceiver.trim() === '' || !consent) return;
    setConsent(false);
    setTried(false);
    await check('mailbox', { consent: true });
  };
  const probeOnly = async () => {
    if (progress.mailIdentity.trim() === '') {
      setTried(true);
      return;
    }
    await check('mailbox', { consent: false });
  };

  return (
    <form className="stack" onSubmit={send} noValidate>
      {!needed && <Notice tone="info">{t('guide.mailbox.notNeeded')}</Notice>}
      <p>{t('guide.mailbox.intro')}</p>
      <MenuPath>{t('guide.mailbox.path')}</MenuPath>
      <Field id={id('identity')} label={t('check.mail.identity')} hint={t('check.mail.identity.hint')} error={identityMissing ? t('check.mail.identity.missing') : null}>
        <input id={id('identity')} type="email" value={progress.mailIdentity} onChange={(e) => update({ mailIdentity: e.target.value })} aria-invalid={identityMissing} aria-describedby={describedBy(id('identity'), true, identityMissing ? 'x' : null)} />
      </Field>
      <Field id={id('receiver')} label={t('check.mail.receiver')} hint={t('check.mail.receiver.hint')} error={receiverMissing ? t('check.mail.receiver.missing') : null}>
        <input id={id('receiver')} type="email" value={progress.mailReceiver} onChange={(e) => update({ mailReceiver: e.target.value })} aria-invalid={receiverMissing} aria-describedby={describedBy(id('receiver'), true, receiverMissing ? 'x' : null)} />
      </Field>
      <div className="guide-send">
        <label className="check-line">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-describedby={id('consent-hint')} aria-invalid={consentMissing} /> {t('guide.mailbox.consent')}
        </label>
        <p id={id('consent-hint')} className="muted small">
          {consent ? t('check.mail.consent.on') : t('guide.mailbox.consent.off')}
        </p>
        {consentMissing && (
          <p className="field-error" role="alert">
            {t('guide.mailbox.consent.missing')}
          </p>
        )}
        <div className="actions actions-start">
          <button type="submit" className="btn btn-primary" disabled={running !== null}>
            {running === 'mailbox' ? t('guide.check.running') : t('guide.mailbox.send')}
          </button>
          <button type="button" className="btn" onClick={() => void probeOnly()} disabled={running !== null}>
            {t('guide.mailbox.probe')}
          </button>
          {running === 'mailbox' && (
            <button type="button" className="btn" onClick={() => void cancel()}>
              {t('guide.check.cancel')}
            </button>
          )}
        </div>
      </div>
      <StepResult step="mailbox">
        <>
          {!sent && (
            <p className="guide-unverified" data-testid="guide-mail-unverified">
              <span aria-hidden="true">? </span>
              {t('guide.mailbox.unverified')}
            </p>
          )}
          <GuideFindings findings={findings} label={t('guide.result')} />
        </>
      </StepResult>
      <p className="muted small">{t('guide.mailbox.server')}</p>
    </form>
  );
}

export function LogStep({ profileId }: { profileId: string | null }) {
  const t = useT();
  const run = useGuideStore((s) => s.results.log);
  const findings = findingsOfStep('log', run);
  const openJournal = () => {
    if (profileId === null) return;
    useJournalStore.getState().setForm({ ...EMPTY_JOURNAL_FORM, profileId });
    useAppStore.getState().go('journal');
  };
  return (
    <div className="stack">
      <p>{t('guide.log.intro')}</p>
      <MenuPath>{t('guide.log.path')}</MenuPath>
      <CheckBar step="log" label={t('guide.log.check')} again={t('guide.check.again')} />
      <StepResult step="log">
        {findings.map((f) => (
          <ul key={f.id} className="finding-list guide-findings" aria-label={t('guide.result')}>
            <GuideFinding finding={f} />
          </ul>
        ))}
      </StepResult>
      <div className="stack-tight">
        <p>{t('guide.log.journal.intro')}</p>
        <div className="actions actions-start">
          <button type="button" className="btn" onClick={openJournal} disabled={profileId === null}>
            {t('guide.log.journal')}
          </button>
        </div>
      </div>
    </div>
  );
}
