/**
 * What the check covers: the use case (the profile's by default), the rights picked for "custom", estate ids the
 * person expects to see, and the mailbox test. A real test mail goes out only with the explicit consent tick.
 */
import { useId, useState, type FormEvent } from 'react';
import { USE_CASES as USE_CASE_NAMES, type ProfileView, type RequestOf, type UseCase } from '../../../preload/contract.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASES, type RightRequirement } from '../../../main/checks/usecases.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { EMPTY_CUSTOM_PICK, parseEstateIds, toCustomRights, togglePick, type CustomPick } from '../../stores/checkSelectors.ts';
import { canUseCredentials } from '../../stores/selectors.ts';
import { Notice } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';

const rightLabel = (r: Pick<RightRequirement, 'module' | 'action' | 'scope'>, t: Translate): string =>
  t('check.right', { action: t(`check.action.${r.action}`), module: t(`check.module.${r.module}`) }) + (r.scope === 'own' ? ` (${t('check.scope.own')})` : '');

/** What the chosen use case needs and may use, from the same data the check runs on. */
function UseCaseRights({ useCase, t }: { useCase: UseCase; t: Translate }) {
  if (useCase === 'custom') return <p className="field-hint">{t('check.custom.hint')}</p>;
  const u = USE_CASES[useCase];
  const list = (rights: readonly RightRequirement[]) => rights.map((r) => rightLabel(r, t)).join(', ');
  return (
    <ul className="field-hint use-case-rights">
      <li>{t(`useCase.${useCase}.description`)}</li>
      {u.required.length > 0 && <li>{t('check.useCase.required', { rights: list(u.required) })}</li>}
      {u.optional.length > 0 && <li>{t('check.useCase.optional', { rights: list(u.optional) })}</li>}
      {u.admin && <li>{t('check.useCase.admin')}</li>}
      {u.mail === 'required' && <li>{t('check.useCase.mail')}</li>}
    </ul>
  );
}

function RightsPicker({ pick, admin, onPick, onAdmin, error, t }: { pick: CustomPick; admin: boolean; onPick(p: CustomPick): void; onAdmin(v: boolean): void; error: string | null; t: Translate }) {
  const uid = useId();
  return (
    <fieldset className="field rights-picker" aria-describedby={error ? `${uid}-error` : undefined}>
      <legend>{t('check.custom.title')}</legend>
      <div className="table-wrap">
        <table className="table rights-table">
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
                      aria-label={t('check.right', { action: t(`check.action.${a}`), module: t(`check.module.${m}`) })}
                      checked={pick.picked.includes(`${m}:${a}`)}
                      onChange={() => onPick(togglePick(pick, m, a))}
                    />
                  </td>
                ))}
                <td>
                  <select
                    aria-label={t('check.custom.scopeOf', { module: t(`check.module.${m}`) })}
                    value={pick.scopes[m] ?? 'all'}
                    onChange={(e) => onPick({ ...pick, scopes: { ...pick.scopes, [m]: e.target.value as 'all' | 'own' } })}
                  >
                    <option value="all">{t('check.scope.all')}</option>
                    <option value="own">{t('check.scope.own')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="check">
        <input type="checkbox" checked={admin} onChange={(e) => onAdmin(e.target.checked)} />
        <span>{t('check.custom.admin')}</span>
      </label>
      {error && (
        <p id={`${uid}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface CheckFormProps {
  profile: ProfileView;
  busy: boolean;
  onRun(request: RequestOf<'checksRun'>): void;
}

export function CheckForm({ profile, busy, onRun }: CheckFormProps) {
  const t = useT();
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const [useCase, setUseCase] = useState<UseCase>(profile.useCase);
  const [pick, setPick] = useState<CustomPick>(EMPTY_CUSTOM_PICK);
  const [admin, setAdmin] = useState(false);
  const [estates, setEstates] = useState('');
  const [mailOn, setMailOn] = useState(false);
  const [identity, setIdentity] = useState('');
  const [receiver, setReceiver] = useState('');
  const [consent, setConsent] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const usable = canUseCredentials(profile.credentials.state);
  const parsedEstates = parseEstateIds(estates);
  const estatesError = parsedEstates.ok
    ? null
    : parsedEstates.reason === 'tooMany'
      ? t('check.estates.tooMany')
      : t('check.estates.invalid', { item: parsedEstates.item });
  const rights = toCustomRights(pick);
  const rightsError = submitted && useCase === 'custom' && rights.length === 0 && !admin ? t('check.custom.none') : null;
  const identityError = submitted && mailOn && identity.trim().length < 3 ? t('check.mail.identity.missing') : null;
  const receiverError = submitted && mailOn && consent && receiver.trim() === '' ? t('check.mail.receiver.missing') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!usable || !parsedEstates.ok) return;
    if (useCase === 'custom' && rights.length === 0 && !admin) return;
    if (mailOn && (identity.trim().length < 3 || (consent && receiver.trim() === ''))) return;
    onRun({
      profileId: profile.id,
      useCase,
      customRights: useCase === 'custom' ? rights : [],
      customAdmin: useCase === 'custom' && admin,
      expectEstates: parsedEstates.ids,
      mail: mailOn ? { identity: identity.trim(), ...(receiver.trim() === '' ? {} : { receiver: receiver.trim() }), consent } : null,
    });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t('check.setup.title')}</h2>
      {!usable && <Notice tone="warning">{t('check.needsCredentials')}</Notice>}
      <Field id={id('useCase')} label={t('field.useCase')}>
        <select id={id('useCase')} value={useCase} onChange={(e) => setUseCase(e.target.value as UseCase)} aria-describedby={`${id('useCase')}-rights`}>
          {USE_CASE_NAMES.map((u) => (
            <option key={u} value={u}>
              {u === profile.useCase ? `${t(`useCase.${u}`)} (${t('check.useCase.profiles')})` : t(`useCase.${u}`)}
            </option>
          ))}
        </select>
        <div id={`${id('useCase')}-rights`}>
          <UseCaseRights useCase={useCase} t={t} />
        </div>
      </Field>
      {useCase === 'custom' && <RightsPicker pick={pick} admin={admin} onPick={setPick} onAdmin={setAdmin} error={rightsError} t={t} />}
      <Field id={id('estates')} label={t('check.estates')} hint={t('check.estates.hint')} error={estatesError}>
        <input
          id={id('estates')}
          className="mono"
          inputMode="numeric"
          value={estates}
          onChange={(e) => setEstates(e.target.value)}
          placeholder="1234, 1240"
          spellCheck={false}
          aria-invalid={estatesError !== null}
          aria-describedby={describedBy(id('estates'), true, estatesError)}
        />
      </Field>
      <fieldset className="field mail-test">
        <legend>{t('check.mail.title')}</legend>
        <label className="check">
          <input type="checkbox" checked={mailOn} onChange={(e) => setMailOn(e.target.checked)} />
          <span>{t('check.mail.enable')}</span>
        </label>
        {mailOn && (
          <div className="stack">
            <div className="grid-2">
              <Field id={id('identity')} label={t('check.mail.identity')} hint={t('check.mail.identity.hint')} error={identityError}>
                <input
                  id={id('identity')}
                  type="email"
                  value={identity}
                  onChange={(e) => setIdentity(e.target.value)}
                  maxLength={320}
                  autoComplete="off"
                  aria-invalid={identityError !== null}
                  aria-describedby={describedBy(id('identity'), true, identityError)}
                />
              </Field>
              <Field id={id('receiver')} label={t('check.mail.receiver')} hint={t('check.mail.receiver.hint')} error={receiverError}>
                <input
                  id={id('receiver')}
                  type="email"
                  value={receiver}
                  onChange={(e) => setReceiver(e.target.value)}
                  maxLength={320}
                  autoComplete="off"
                  aria-invalid={receiverError !== null}
                  aria-describedby={describedBy(id('receiver'), true, receiverError)}
                />
              </Field>
            </div>
            <div className={consent ? 'consent consent-on' : 'consent'}>
              <label className="check">
                <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} aria-describedby={id('consent-hint')} />
                <span>
                  <strong>{t('check.mail.consent')}</strong>
                </span>
              </label>
              <p id={id('consent-hint')} className="field-hint">
                {consent ? t('check.mail.consent.on') : t('check.mail.consent.off')}
              </p>
            </div>
          </div>
        )}
      </fieldset>
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary" disabled={busy || !usable} aria-describedby={busy ? id('busy') : undefined}>
          {busy ? t('check.running') : t('check.run')}
        </button>
        {busy && (
          <span id={id('busy')} className="muted small">
            {t('check.running.hint')}
          </span>
        )}
      </div>
    </form>
  );
}
