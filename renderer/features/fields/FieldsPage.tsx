/**
 * The field explorer: the property and address fields of a profile as onOffice describes them — name, labels in
 * German and English, type, length, default and permitted values — from the copy main keeps, so it opens offline.
 * A search over names and labels, a virtualized list (catalogues run to hundreds of fields), the chosen field's
 * details with its permitted values, and its name ready to copy. "Fetch again" asks onOffice anew.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BoundaryError, ExplainedErrorDetails, FieldModule, FieldSummary, ProfileView } from '../../../preload/contract.ts';
import { FIELD_MODULES } from '../../../main/domain/vocabulary.ts';
import { formatDateTime, useLanguage, usePlural, useRender, useT, type Language, type Translate } from '../../i18n/index.ts';
import { labelIn, searchable, searchFields, typeLabel } from '../../stores/fieldSelectors.ts';
import { useFieldsStore, valuesKey } from '../../stores/fields.ts';
import { canUseCredentials } from '../../stores/selectors.ts';
import { copyText } from '../../ui/clipboard.ts';
import { ErrorAlert, Explained, Notice } from '../../ui/feedback.tsx';
import { ProfileScopedPage } from '../profiles/ProfileScopedPage.tsx';

const ROW_HEIGHT = 58;

/** A failed fetch explained by main's error catalogue, in the language the person reads now. */
function FetchError({ error, onDismiss }: { error: BoundaryError; onDismiss(): void }) {
  const t = useT();
  const render = useRender();
  const d = error.details as Partial<ExplainedErrorDetails> | undefined;
  if (d?.title === undefined || d.explanation === undefined || d.fix === undefined) return <ErrorAlert error={error} onDismiss={onDismiss} />;
  return (
    <div data-error-code={error.code}>
      <Explained title={`${render(d.title)} (${t('console.errorcode', { code: String(d.code) })})`} explanation={render(d.explanation)} fix={render(d.fix)} t={t} />
    </div>
  );
}

/** In a row it only says "Copy"; its accessible name says which name it copies. */
function CopyButton({ name, onCopied, t, inRow }: { name: string; onCopied(ok: boolean, name: string): void; t: Translate; inRow: boolean }) {
  return (
    <button type="button" className={inRow ? 'btn btn-ghost btn-small' : 'btn btn-small'} aria-label={t('fields.copy.of', { name })} onClick={async () => onCopied(await copyText(name), name)}>
      {inRow ? t('fields.copy.short') : t('fields.copy')}
    </button>
  );
}

function FieldList({ fields, total, selected, onSelect, onCopied }: { fields: readonly FieldSummary[]; total: number; selected: string | null; onSelect(name: string): void; onCopied(ok: boolean, name: string): void }) {
  const t = useT();
  const p = usePlural();
  const language = useLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: fields.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  return (
    <div className="list-pane">
      <p className="muted small" aria-live="polite" data-testid="fields-count">
        {fields.length === 0 && total > 0 ? t('fields.noMatch') : t('fields.count', { shown: fields.length, total })}
      </p>
      <div ref={scroller} className="field-scroller">
        <div role="list" aria-label={t('fields.listLabel')} className="field-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const f = fields[item.index];
            if (f === undefined) return null;
            const label = labelIn(f.label, language);
            return (
              <div
                key={f.name}
                role="listitem"
                aria-setsize={fields.length}
                aria-posinset={item.index + 1}
                className={f.name === selected ? 'field-row selected' : 'field-row'}
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                data-field={f.name}
              >
                <button type="button" className="field-pick" aria-current={f.name === selected ? 'true' : undefined} onClick={() => onSelect(f.name)}>
                  <span className="field-line">
                    <span className="mono field-name">{f.name}</span>
                    {f.permittedCount > 0 && (
                      <span className="badge badge-neutral">{p('fields.values', f.permittedCount)}</span>
                    )}
                  </span>
                  <span className="field-line muted small">
                    <span className="field-label">{label === '' ? '—' : label}</span>
                    <span className="mono field-type">{typeLabel(f)}</span>
                  </span>
                </button>
                <CopyButton name={f.name} onCopied={onCopied} t={t} inRow />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function FieldDetail({ module, field, onCopied, language, t }: { module: FieldModule; field: FieldSummary; onCopied(ok: boolean, name: string): void; language: Language; t: Translate }) {
  const values = useFieldsStore((s) => s.values[valuesKey(module, field.name)]);
  const loadValues = useFieldsStore((s) => s.loadValues);
  const hasValues = field.permittedCount > 0 || field.type.includes('select');
  const uid = useId();

  useEffect(() => {
    if (field.permittedCount > 0) void loadValues(module, field.name);
  }, [module, field.name, field.permittedCount, loadValues]);

  const facts: Array<[string, string]> = [
    [t('fields.detail.labelDe'), field.label.de || '—'],
    [t('fields.detail.labelEn'), field.label.en || '—'],
    [t('fields.detail.type'), typeLabel(field)],
    [t('fields.detail.default'), field.default ?? '—'],
    [t('fields.detail.group'), field.group === null ? '—' : labelIn(field.group, language) || '—'],
  ];
  return (
    <section className="card stack" aria-labelledby={`${uid}-name`} data-testid="field-detail">
      <div className="pane-head">
        <h2 id={`${uid}-name`} className="mono">
          {field.name}
        </h2>
        <CopyButton name={field.name} onCopied={onCopied} t={t} inRow={false} />
      </div>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {hasValues && (
        <>
          <h3>
            {t('fields.detail.values')} <span className="muted">({field.permittedCount})</span>
          </h3>
          {field.permittedCount === 0 ? (
            <p className="muted small">{t('fields.detail.noValues')}</p>
          ) : values === undefined ? (
            <p className="muted small">{t('common.loading')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label={t('fields.detail.values')}>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.detail.key')}</th>
                    <th scope="col" lang="de">
                      {t('fields.detail.labelDe')}
                    </th>
                    <th scope="col" lang="en">
                      {t('fields.detail.labelEn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {values.map((v) => (
                    <tr key={v.key}>
                      <td className="mono">{v.key}</td>
                      <td lang="de">{v.label.de}</td>
                      <td lang="en">{v.label.en}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ProfileFields({ profile }: { profile: ProfileView }) {
  const t = useT();
  const language = useLanguage();
  const uid = useId();
  const catalogue = useFieldsStore((s) => (s.profileId === profile.id ? s.catalogue : null));
  const loaded = useFieldsStore((s) => s.profileId === profile.id && s.loaded);
  const fetching = useFieldsStore((s) => s.fetching);
  const error = useFieldsStore((s) => s.error);
  const fetch = useFieldsStore((s) => s.fetch);
  const dismissError = useFieldsStore((s) => s.dismissError);
  const [module, setModule] = useState<FieldModule>('estate');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const usable = canUseCredentials(profile.credentials.state);

  useEffect(() => {
    void useFieldsStore.getState().load(profile.id);
  }, [profile.id]);

  const current = catalogue?.modules.find((m) => m.module === module) ?? null;
  const index = useMemo(() => searchable(current?.fields ?? []), [current]);
  const shown = useMemo(() => searchFields(index, query), [index, query]);
  const field = current?.fields.find((f) => f.name === selected) ?? null;

  const onCopied = (ok: boolean, name: string) => setNotice(ok ? { text: t('fields.copied', { name }), tone: 'success' } : { text: t('fields.copy.failed'), tone: 'warning' });

  return (
    <div className="stack">
      <div className="fields-toolbar">
        <div className="segmented" role="group" aria-label={t('fields.module')}>
          {FIELD_MODULES.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={m === module}
              onClick={() => {
                setModule(m);
                setSelected(null);
              }}
            >
              {t(`fields.module.${m}`)}
            </button>
          ))}
        </div>
        <div className="field fields-search">
          <label htmlFor={`${uid}-search`}>{t('fields.search')}</label>
          <input id={`${uid}-search`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('fields.search.placeholder')} spellCheck={false} />
        </div>
        <div className="fields-fetch">
          {catalogue !== null && (
            <span className="muted small" data-testid="fields-fetched-at">
              {t('fields.fetchedAt', { at: formatDateTime(language, catalogue.fetchedAt) })}
            </span>
          )}
          <button type="button" className={catalogue === null ? 'btn btn-primary' : 'btn'} disabled={!usable || fetching} onClick={() => void fetch()}>
            {fetching ? t('fields.fetching') : catalogue === null ? t('fields.fetch') : t('fields.fetchAgain')}
          </button>
        </div>
      </div>
      {!usable && <Notice tone="warning">{t('fields.needsCredentials')}</Notice>}
      {error !== null && <FetchError error={error} onDismiss={dismissError} />}
      {notice !== null && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {!loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : catalogue === null ? (
        <p className="empty card">{t('fields.none')}</p>
      ) : current === null || current.fields.length === 0 ? (
        <p className="empty card">{t('fields.moduleEmpty')}</p>
      ) : (
        <div className="split split-journal">
          <FieldList fields={shown} total={current.fields.length} selected={selected} onSelect={setSelected} onCopied={onCopied} />
          <div className="detail-pane">
            {field === null ? <p className="empty card">{t('fields.select')}</p> : <FieldDetail module={module} field={field} onCopied={onCopied} language={language} t={t} />}
          </div>
        </div>
      )}
    </div>
  );
}

export function FieldsPage() {
  return (
    <ProfileScopedPage title="fields.title" intro="fields.intro" pickerLabel="fields.profile" noProfiles="fields.noProfiles">
      {(profile) => <ProfileFields profile={profile} />}
    </ProfileScopedPage>
  );
}
