import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPDATE_DISABLED_REASONS, UPDATE_ERROR_KINDS, type DeskApi, type Result, type UpdateState, type UpdateView } from '../../preload/contract.ts';
import { de, en } from '../../main/domain/i18n/catalogue.ts';
import { translate } from '../i18n/translate.ts';
import { bannerVersion, canCheckNow, updateStatusText } from './updateSelectors.ts';

const view = (state: UpdateState): UpdateView => ({ state, channel: 'latest', currentVersion: '1.1.0', lastCheckAt: null });
const ready = (version: string) => view({ status: 'ready', version });

const EVERY_STATE: UpdateState[] = [
  { status: 'idle' },
  { status: 'checking' },
  { status: 'available', version: '1.2.0' },
  { status: 'downloading', version: '1.2.0', percent: 42 },
  { status: 'ready', version: '1.2.0' },
  { status: 'not-available' },
  ...UPDATE_ERROR_KINDS.map((kind) => ({ status: 'error' as const, kind, code: null, message: 'x' })),
  ...UPDATE_DISABLED_REASONS.map((reason) => ({ status: 'disabled' as const, reason })),
];

describe('the update banner', () => {
  it('shows only a downloaded update', () => {
    expect(bannerVersion(null, null)).toBeNull();
    for (const state of EVERY_STATE.filter((s) => s.status !== 'ready')) expect(bannerVersion(view(state), null), state.status).toBeNull();
    expect(bannerVersion(ready('1.2.0'), null)).toBe('1.2.0');
  });

  it('stays hidden after "later" for that version, and comes back for the next one', () => {
    expect(bannerVersion(ready('1.2.0'), '1.2.0')).toBeNull();
    expect(bannerVersion(ready('1.3.0'), '1.2.0')).toBe('1.3.0');
  });
});

describe('the settings section', () => {
  it('offers "check now" only when a check can start', () => {
    const allowed = EVERY_STATE.filter(canCheckNow).map((s) => s.status);
    expect([...new Set(allowed)]).toEqual(['idle', 'not-available', 'error']);
  });

  it('has a sentence for every state in both languages, with the version and percent filled in', () => {
    for (const state of EVERY_STATE) {
      const { key, values } = updateStatusText(state);
      for (const language of ['de', 'en'] as const) expect(translate(language, key, values), `${language} ${key}`).not.toMatch(/\{\w+\}/);
    }
    expect(translate('de', 'updates.state.downloading', updateStatusText(EVERY_STATE[3] as UpdateState).values)).toBe('Version 1.2.0 wird heruntergeladen: 42 %');
    expect(updateStatusText({ status: 'error', kind: 'signature', code: null, message: '' }).key).toBe('updates.error.signature');
    expect(de['updates.banner.title']).toBe('Update bereit');
    expect(en['updates.banner.title']).toBe('Update ready');
  });
});

describe('the updates store', () => {
  type Answer = Result<unknown>;
  let answers: Record<string, () => Promise<Answer>>;
  beforeEach(() => {
    answers = {};
    const desk = new Proxy({}, { get: (_, name: string) => () => answers[name]?.() ?? Promise.resolve({ ok: false, error: { code: 'unexpected', message: name } }) });
    (globalThis as { window?: { desk: DeskApi } }).window = { desk: desk as DeskApi };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('hides the banner on "later" until a newer version is downloaded', async () => {
    const { useUpdatesStore } = await import('./updates.ts');
    const store = useUpdatesStore.getState();
    store.apply(ready('1.2.0'));
    store.later();
    expect(bannerVersion(useUpdatesStore.getState().view, useUpdatesStore.getState().dismissed)).toBeNull();
    store.apply(view({ status: 'downloading', version: '1.3.0', percent: 5 }));
    store.apply(ready('1.3.0'));
    expect(bannerVersion(useUpdatesStore.getState().view, useUpdatesStore.getState().dismissed)).toBe('1.3.0');
  });

  it('keeps a view main pushed while "check now" was under way, and reports refusals', async () => {
    const { useUpdatesStore } = await import('./updates.ts');
    let answer: (value: Answer) => void = () => undefined;
    answers.updateCheckNow = () => new Promise((resolve) => (answer = resolve));
    const pending = useUpdatesStore.getState().checkNow();
    expect(useUpdatesStore.getState().checking).toBe(true);
    useUpdatesStore.getState().apply(ready('1.4.0'));
    answer({ ok: true, value: view({ status: 'available', version: '1.4.0' }) });
    expect(await pending).toBeNull();
    expect(useUpdatesStore.getState()).toMatchObject({ checking: false, view: { state: { status: 'ready', version: '1.4.0' } } });

    answers.updateRestart = () => Promise.resolve({ ok: false, error: { code: 'update-not-ready', message: 'x' } });
    expect(await useUpdatesStore.getState().restart()).toMatchObject({ code: 'update-not-ready' });
  });
});
