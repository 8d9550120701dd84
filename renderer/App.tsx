/**
 * The shell: header (name, navigation, vault state, language), the vault gate while the store cannot be used, and
 * the current area. Loads the first state, marks the document ready for tests, follows the theme setting and
 * wires main's events into the stores.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { BoundaryError } from '../preload/contract.ts';
import { getDesk } from './desk.ts';
import { VaultGate } from './features/vault/VaultGate.tsx';
import { ProfilesPage } from './features/profiles/ProfilesPage.tsx';
import { UpdateBanner } from './features/updates/UpdateBanner.tsx';
import { useT } from './i18n/index.ts';
import { AREAS, useAppStore, type Area } from './stores/app.ts';
import { useChecksStore } from './stores/checks.ts';
import { useJournalStore } from './stores/journal.ts';
import { useProfilesStore } from './stores/profiles.ts';
import { vaultScreen } from './stores/selectors.ts';
import { useSettingsStore } from './stores/settings.ts';
import { useUpdatesStore } from './stores/updates.ts';
import { useVaultStore } from './stores/vault.ts';
import { ErrorAlert } from './ui/feedback.tsx';


// The profiles screen comes with the app; every other screen is its own chunk, fetched when first opened, so the
// first screen is ready sooner (BENCHMARKS.md: renderer start).
const GuidePage = lazy(async () => ({ default: (await import('./features/guide/GuidePage.tsx')).GuidePage }));
const ChecksPage = lazy(async () => ({ default: (await import('./features/checks/ChecksPage.tsx')).ChecksPage }));
const FieldsPage = lazy(async () => ({ default: (await import('./features/fields/FieldsPage.tsx')).FieldsPage }));
const JournalPage = lazy(async () => ({ default: (await import('./features/journal/JournalPage.tsx')).JournalPage }));
const SettingsPage = lazy(async () => ({ default: (await import('./features/settings/SettingsPage.tsx')).SettingsPage }));

async function loadEverything(): Promise<BoundaryError | null> {
  const results = await Promise.all([
    useSettingsStore.getState().load(),
    useVaultStore.getState().load(),
    useAppStore.getState().load(),
    useProfilesStore.getState().load(),
  ]);
  return results.find((r) => r !== null) ?? null;
}

let firstLoad: Promise<BoundaryError | null> | null = null;
/**
 * The first state, asked for once: main.tsx starts it beside the first language's texts, before the first render,
 * so the bridge calls and the text chunk travel at the same time; the app's start then takes the same answer.
 */
export function loadFirstState(): Promise<BoundaryError | null> {
  firstLoad ??= loadEverything();
  return firstLoad;
}

function useDocumentSync() {
  const theme = useSettingsStore((s) => s.settings.theme);
  const language = useSettingsStore((s) => s.settings.language);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.remove('theme-system', 'theme-light', 'theme-dark');
    root.classList.add(`theme-${theme}`);
    const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      root.classList.toggle('dark', theme === 'dark' || (theme === 'system' && systemDark.matches));
    };
    apply();
    systemDark.addEventListener('change', apply);
    return () => systemDark.removeEventListener('change', apply);
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}

function useMainEvents() {
  useEffect(() => {
    const desk = getDesk();
    const offVault = desk.on('vaultChanged', (vault) => {
      useVaultStore.getState().apply(vault);
      void useProfilesStore.getState().load();
    });
    const offJournal = desk.on('journalAppended', () => {
      if (useJournalStore.getState().loaded) void useJournalStore.getState().refreshNewest();
    });
    const offExport = desk.on('journalExportProgress', (progress) => useJournalStore.getState().exportProgress(progress));
    const offChecks = desk.on('checksProgress', (payload) => useChecksStore.getState().progress(payload));
    const offUpdates = desk.on('updateState', (view) => useUpdatesStore.getState().apply(view));
    return () => {
      offVault();
      offJournal();
      offExport();
      offChecks();
      offUpdates();
    };
  }, []);
}

function Header() {
  const t = useT();
  const area = useAppStore((s) => s.area);
  const go = useAppStore((s) => s.go);
  const vault = useVaultStore((s) => s.vault);
  const lock = useVaultStore((s) => s.lock);
  const language = useSettingsStore((s) => s.settings.language);
  const update = useSettingsStore((s) => s.update);
  const [error, setError] = useState<BoundaryError | null>(null);
  const open = vaultScreen(vault) === 'open';

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>
          <strong>{t('app.name')}</strong>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </div>
      {open && (
        <nav aria-label={t('nav.label')} className="nav">
          {AREAS.map((a: Area) => (
            <button key={a} type="button" className={a === area ? 'nav-item active' : 'nav-item'} aria-current={a === area ? 'page' : undefined} onClick={() => go(a)}>
              {t(`nav.${a}`)}
            </button>
          ))}
        </nav>
      )}
      <div className="header-tools">
        {vault && (
          <div className="vault-state" aria-label={t('vault.label')} data-vault-locked={vault.locked}>
            <span className={vault.locked ? 'dot dot-locked' : 'dot dot-open'} aria-hidden="true" />
            <span>
              {vault.locked ? t('vault.locked') : t('vault.unlocked')}
              <span className="muted small vault-backend">{t('vault.backend', { backend: vault.backend })}</span>
            </span>
            {open && vault.mode === 'passphrase' && (
              <button type="button" className="btn btn-small" onClick={async () => setError(await lock())}>
                {t('vault.lockNow')}
              </button>
            )}
          </div>
        )}
        <div className="lang-switch" role="group" aria-label={t('lang.label')}>
          {(['de', 'en'] as const).map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              className={l === language ? 'lang active' : 'lang'}
              aria-pressed={l === language}
              title={t(`lang.${l}`)}
              onClick={async () => setError(await update({ language: l, languageChosen: true }))}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <div className="header-error">
          <ErrorAlert error={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </header>
  );
}

export function App() {
  const t = useT();
  const vault = useVaultStore((s) => s.vault);
  const area = useAppStore((s) => s.area);
  const info = useAppStore((s) => s.info);
  const [loadError, setLoadError] = useState<BoundaryError | null>(null);
  const [loading, setLoading] = useState(true);
  const main = useRef<HTMLElement>(null);
  const screen = vaultScreen(vault);

  useDocumentSync();
  useMainEvents();

  // Only the desktop app updates itself; its state loads beside the rest and never holds up the start.
  const host = info?.host;
  useEffect(() => {
    if (host === 'electron') void useUpdatesStore.getState().load();
  }, [host]);

  const start = async (again = false) => {
    setLoading(true);
    const failure = await (again ? loadEverything() : loadFirstState());
    setLoadError(failure);
    setLoading(false);
    document.documentElement.dataset.appState = failure === null ? 'ready' : 'error';
  };

  useEffect(() => {
    void start();
  }, []);

  // Locking and unlocking change what main can say about each profile's credentials. The first state already has
  // the profiles as they are: only a change of the lock after it asks again.
  const locked = vault?.locked;
  const lockedAtLoad = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    if (locked === undefined || loading) return;
    if (lockedAtLoad.current === undefined) lockedAtLoad.current = locked;
    else if (lockedAtLoad.current !== locked) {
      lockedAtLoad.current = locked;
      void useProfilesStore.getState().load();
    }
  }, [locked, loading]);

  // Moving between areas puts focus at the new area's start, as a page change would.
  useEffect(() => {
    main.current?.scrollTo(0, 0);
    main.current?.focus();
  }, [area]);

  // The passphrase form goes away once the store opens: focus moves on to the main area rather than to the page.
  const wasGate = useRef(false);
  useEffect(() => {
    const gate = screen === 'setup' || screen === 'unlock' || screen === 'weak';
    if (wasGate.current && screen === 'open') main.current?.focus();
    if (screen !== 'loading') wasGate.current = gate;
  }, [screen]);

  return (
    <div className="app">
      {/* The first stop of the keyboard; the address stays as it is (it carries the session), so focus moves by hand. */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skipToMain')}
      </a>
      <Header />
      {info?.host === 'electron' && <UpdateBanner />}
      <main ref={main} id="main-content" tabIndex={-1} className="app-main">
        <div className="app-content">
          {info?.databaseRecovered && (
            <div className="alert alert-warning" role="alert">
              <p>{t('app.databaseRecovered', { path: info.databaseRecovered.movedTo, reason: info.databaseRecovered.reason })}</p>
            </div>
          )}
          {loadError && (
            <div className="stack">
              <p>{t('app.loadFailed')}</p>
              <ErrorAlert error={loadError} />
              {/* Without its session key the page cannot reach the app however often it tries: say where the right address is. */}
              {loadError.code === 'no-session' ? (
                <p data-testid="no-session-help">{t('app.noSession.how')}</p>
              ) : (
                <div className="actions actions-start">
                  <button type="button" className="btn btn-primary" onClick={() => void start(true)}>
                    {t('common.retry')}
                  </button>
                </div>
              )}
            </div>
          )}
          {!loadError && (loading || screen === 'loading') && <p className="muted">{t('app.loading')}</p>}
          {!loadError && !loading && vault && screen !== 'loading' && screen !== 'open' && <VaultGate screen={screen} vault={vault} />}
          {!loadError && !loading && screen === 'open' && (
            <>
              {area === 'profiles' && <ProfilesPage />}
              <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
                {area === 'guide' && <GuidePage />}
                {area === 'checks' && <ChecksPage />}
                {area === 'fields' && <FieldsPage />}
                {area === 'journal' && <JournalPage />}
                {area === 'settings' && <SettingsPage />}
              </Suspense>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
