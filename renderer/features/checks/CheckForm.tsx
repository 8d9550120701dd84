/**
 * What the check covers: the use case (the profile's by default), the rights picked for "custom", estate ids the
 * person expects to see, the field names the integration uses, the website's language (remembered per profile) and
 * picture categories, and the mailbox test (its sender address remembered per profile). A real test mail goes out
 * only with the explicit consent tick, which is never kept: every run unticks it.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { PictureCategory, ProfileView, RequestOf, RightRequirement, UseCase, WebsiteLanguage } from '../../../preload/contract.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, USE_CASES as USE_CASE_DEFINITIONS, USE_CASE_NAMES, customUseCase } from '../../../main/domain/usecases.ts';
import { DEFAULT_PICTURE_CATEGORIES, PICTURE_CATEGORIES, WEBSITE_LANGUAGES } from '../../../main/domain/vocabulary.ts';
import { getDesk } from '../../desk.ts';
import { useLanguage, useT, type Translate } from '../../i18n/index.ts';
import { EMPTY_CUSTOM_PICK, parseEstateIds, toCustomRights, togglePick, websiteLanguageName, type CustomPick } from '../../stores/checkSelectors.ts';
import { parseFieldList, type FieldListProblem } from '../../stores/fieldSelectors.ts';
import { canUseCredentials } from '../../stores/selectors.ts';
import { Notice } from '../../ui/feedback.tsx';
import { describedBy, Field } from '../../ui/form.tsx';

const rightLabel = (r: Pick<RightRequirement, 'module' | 'action' | 'scope'>, t: Translate): string =>
  t('check.right', { action: t(`check.action.${r.action}`), module: t(`check.module.${r.module}`) }) + (r.scope === 'own' ? ` (${t('check.scope.own')})` : '');

/** What the chosen use case needs and may use, from the same data the check runs on. */
function UseCaseRights({ useCase, t }: { useCase: UseCase; t: Translate }) {
  if (useCase === 'custom') return <p className="field-hint">{t('check.custom.hint')}</p>;
  const u = USE_CASE_DEFINITIONS[useCase];
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

const SHOWN_PROBLEMS = 5;
/** A field list is a few kilobytes; a larger file is not one. */
const MAX_FIELD_FILE_BYTES = 1_000_000;

const problemText = (p: FieldListProblem, t: Translate): string =>
  p.reason === 'tooMany' ? t('check.fields.tooMany', { count: p.count }) : t(`check.fields.${p.reason}`, { line: p.line, item: p.item });

/** The field names to check, typed or pasted or loaded from a file, with each problem shown at its line. */
function FieldNames({ text, onText, t }: { text: string; onText(text: string): void; t: Translate }) {
  const uid = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = parseFieldList(text);
  const problems = parsed.ok ? [] : parsed.problems;
  const invalid = problems.length > 0 || fileError !== null;
  const countOf = (module: 'estate' | 'address') => (parsed.ok ? (parsed.lists.find((l) => l.module === module)?.names.length ?? 0) : 0);

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so that the same file can be loaded again after it was edited.
    e.target.value = '';
    if (file === undefined) return;
    setFileError(null);
    try {
      if (file.size > MAX_FIELD_FILE_BYTES) throw new RangeError(file.name);
      onText(await file.text());
    } catch {
      setFileError(t('check.fields.fileFailed', { file: file.name }));
    }
  };

  return (
    <div className={invalid ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${uid}-fields`}>{t('check.fields')}</label>
      <textarea
        id={`${uid}-fields`}
        className="mono"
        rows={4}
        value={text}
        onChange={(e) => onText(e.target.value)}
        placeholder={'objekttitel, kaufpreis\naddress: Email'}
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby={`${uid}-hint${invalid ? ` ${uid}-error` : ''}`}
      />
      <div className="field-file">
        {/* The browser's own file button speaks its own language; this one speaks the app's. */}
        <label className="btn btn-small file-button">
          {t('check.fields.file')}
          <input type="file" className="visually-hidden" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void load(e)} />
        </label>
        {parsed.ok && parsed.count > 0 && (
          <span className="muted small" data-testid="field-list-count">
            {t('check.fields.count', { estate: countOf('estate'), address: countOf('address') })}
          </span>
        )}
      </div>
      <p id={`${uid}-hint`} className="field-hint">
        {t('check.fields.hint')}
      </p>
      {invalid && (
        <ul id={`${uid}-error`} className="field-error field-problems">
          {fileError !== null && <li>{fileError}</li>}
          {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
            <li key={i}>{problemText(p, t)}</li>
          ))}
          {problems.length > SHOWN_PROBLEMS && <li>{t('check.fields.more', { count: problems.length - SHOWN_PROBLEMS })}</li>}
        </ul>
      )}
    </div>
  );
}

function PictureCategories({ picked, onPick, error, t }: { picked: readonly PictureCategory[]; onPick(p: PictureCategory[]): void; error: string | null; t: Translate }) {
  const uid = useId();
  const toggle = (c: PictureCategory) => onPick(PICTURE_CATEGORIES.filter((x) => (x === c ? !picked.includes(c) : picked.includes(x))));
  return (
    <fieldset className="field picture-categories" aria-describedby={`${uid}-hint${error ? ` ${uid}-error` : ''}`}>
      <legend>{t('check.pictures')}</legend>
      <div className="check-grid">
        {PICTURE_CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={picked.includes(c)} onChange={() => toggle(c)} />
            <span>{t(`check.picture.${c}`)}</span>
          </label>
        ))}
      </div>
      <p id={`${uid}-hint`} className="field-hint">
        {t('check.pictures.hint')}
      </p>
      {error && (
        <p id={`${uid}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * What main remembers for the profile's checks: the website language it was last checked with (a choice is
 * remembered at once) and the mail test's sender address.
 */
function useCheckPreferences(profileId: string): [WebsiteLanguage | null, (language: WebsiteLanguage | null) => void, string | null] {
  const [language, setLanguage] = useState<WebsiteLanguage | null>(null);
  const [mailIdentity, setMailIdentity] = useState<string | null>(null);
  const chosen = useRef(false);
  useEffect(() => {
    let live = true;
    void getDesk()
      .checksPreferencesGet({ profileId })
      .then((r) => {
        if (!live || !r.ok) return;
        if (!chosen.current) setLanguage(r.value.language);
        setMailIdentity(r.value.mailIdentity);
      });
    return () => {
      live = false;
    };
  }, [profileId]);
  const choose = (next: WebsiteLanguage | null) => {
    chosen.current = true;
    setLanguage(next);
    void getDesk().checksPreferencesSet({ profileId, language: next });
  };
  return [language, choose, mailIdentity];
}

interface CheckFormProps {
  profile: ProfileView;
  busy: boolean;
  onRun(request: RequestOf<'checksRun'>): void;
}

export function CheckForm({ profile, busy, onRun }: CheckFormProps) {
  const t = useT();
  const uiLanguage = useLanguage();
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const [useCase, setUseCase] = useState<UseCase>(profile.useCase);
  const [fieldsText, setFieldsText] = useState('');
  const [websiteLanguage, chooseWebsiteLanguage, savedIdentity] = useCheckPreferences(profile.id);
  const [pictures, setPictures] = useState<PictureCategory[]>([...DEFAULT_PICTURE_CATEGORIES]);
  const [pick, setPick] = useState<CustomPick>(EMPTY_CUSTOM_PICK);
  const [admin, setAdmin] = useState(false);
  const [estates, setEstates] = useState('');
  const [mailOn, setMailOn] = useState(false);
  // Until the person types, the sender address is the one remembered for the profile.
  const [typedIdentity, setIdentity] = useState<string | null>(null);
  const identity = typedIdentity ?? savedIdentity ?? '';
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
  const parsedFields = parseFieldList(fieldsText);
  // Language and pictures matter where the use case reads what a website shows.
  const publish = (useCase === 'custom' ? customUseCase(rights, admin) : USE_CASE_DEFINITIONS[useCase]).publish;
  const picturesError = submitted && publish.pictures && pictures.length === 0 ? t('check.pictures.none') : null;
  const identityError = submitted && mailOn && identity.trim().length < 3 ? t('check.mail.identity.missing') : null;
  const receiverError = submitted && mailOn && consent && receiver.trim() === '' ? t('check.mail.receiver.missing') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!usable || !parsedEstates.ok || !parsedFields.ok) return;
    if (useCase === 'custom' && rights.length === 0 && !admin) return;
    if (publish.pictures && pictures.length === 0) return;
    if (mailOn && (identity.trim().length < 3 || (consent && receiver.trim() === ''))) return;
    onRun({
      profileId: profile.id,
      useCase,
      customRights: useCase === 'custom' ? rights : [],
      customAdmin: useCase === 'custom' && admin,
      expectEstates: parsedEstates.ids,
      mail: mailOn ? { identity: identity.trim(), ...(receiver.trim() === '' ? {} : { receiver: receiver.trim() }), consent } : null,
      fields: parsedFields.lists,
      language: publish.estates ? websiteLanguage : null,
      ...(publish.pictures ? { pictureCategories: pictures } : {}),
    });
    // One tick, one mail: the next run sends nothing unless the person ticks again.
    setConsent(false);
    if (mailOn && identity.trim() !== (savedIdentity ?? '')) void getDesk().checksPreferencesSet({ profileId: profile.id, mailIdentity: identity.trim() });
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
      <FieldNames text={fieldsText} onText={setFieldsText} t={t} />
      {publish.estates && (
        <Field id={id('language')} label={t('check.language')} hint={t('check.language.hint')}>
          <select
            id={id('language')}
            value={websiteLanguage ?? ''}
            onChange={(e) => chooseWebsiteLanguage(e.target.value === '' ? null : (e.target.value as WebsiteLanguage))}
            aria-describedby={describedBy(id('language'), true, null)}
          >
            <option value="">{t('check.language.none')}</option>
            {WEBSITE_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {websiteLanguageName(code, uiLanguage)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {publish.pictures && <PictureCategories picked={pictures} onPick={setPictures} error={picturesError} t={t} />}
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
