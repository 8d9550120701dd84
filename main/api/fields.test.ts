import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, ExplainedErrorDetails, FieldCatalogueView, FieldValuesView, Result } from '../../preload/contract.ts';
import { render } from '../domain/i18n/index.ts';
import type { ApiRecord } from '../onoffice/wire.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import type { AppServices } from './app-types.ts';
import { createAppServices } from './app.ts';
import { startTestServer } from '../../tests/support/http-server.ts';
import { catalogueView, mergeCatalogues } from './fields.ts';

const recorded = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/recorded-results/ApiResponseGetFields.json'), 'utf8')) as {
  data: { records: ApiRecord[] };
};

/** The recorded (English) answer with German labels put in, as the second action of a fetch would bring them. */
function germanOf(records: readonly ApiRecord[]): ApiRecord[] {
  return records.map((r) => {
    const elements: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(r.elements as Record<string, unknown>)) {
      if (name === 'label' || typeof v !== 'object' || v === null) {
        elements[name] = name === 'label' ? `DE ${String(v)}` : v;
        continue;
      }
      const f = v as { label: string; permittedvalues: Record<string, string> | null };
      elements[name] = {
        ...f,
        label: `DE ${f.label}`,
        permittedvalues: f.permittedvalues === null ? null : Object.fromEntries(Object.entries(f.permittedvalues).map(([k, l]) => [k, `DE ${l}`])),
      };
    }
    return { ...r, elements };
  });
}

describe('merging the German and the English answer', () => {
  const en = recorded.data.records;
  const catalogue = mergeCatalogues(germanOf(en), en);

  it('keeps every active field of the recorded answer with both labels, in module order', () => {
    expect(catalogue.modules.map((m) => m.module)).toEqual(['estate', 'address']);
    const address = catalogue.modules.find((m) => m.module === 'address');
    expect(address?.label).toEqual({ de: 'DE Adressen', en: 'Adressen' });
    expect(address?.fields).toHaveLength(Object.keys(en.find((r) => r.id === 'address')?.elements as object).length - 1);
    const email = address?.fields.find((f) => f.name === 'Email');
    expect(email).toEqual({ name: 'Email', type: 'varchar', length: 80, default: null, label: { de: 'DE E-Mail', en: 'E-Mail' }, group: { de: 'Contact', en: 'Contact' }, permitted: [] });
  });

  it('gives each permitted value its key and both labels', () => {
    const anrede = catalogue.modules.find((m) => m.module === 'address')?.fields.find((f) => f.name === 'Anrede');
    expect(anrede?.permitted[0]).toEqual({ key: 'Herr', label: { de: 'DE Mr.', en: 'Mr.' } });
    expect(anrede?.permitted).toHaveLength(5);
    expect(catalogue.modules.flatMap((m) => m.fields).filter((f) => f.name.startsWith('ind_')).length).toBeGreaterThan(0);
  });

  it('sends the list only counts of permitted values', () => {
    const view = catalogueView(42, catalogue);
    const anrede = view.modules.find((m) => m.module === 'address')?.fields.find((f) => f.name === 'Anrede');
    expect(anrede).toEqual({ name: 'Anrede', label: { de: 'DE Title', en: 'Title' }, type: 'singleselect', length: null, default: null, group: null, permittedCount: 5 });
    expect(view.fetchedAt).toBe(42);
    expect(JSON.stringify(view)).not.toContain('"permitted"');
  });

  it('takes shapes the documentation leaves open without failing', () => {
    const answer = (elements: unknown): ApiRecord[] => [{ id: 'estate', type: '', elements }];
    const merged = mergeCatalogues(
      answer({
        label: 'Immobilien',
        zaehler: { type: 'integer', length: '11', permittedvalues: [], default: 0, label: 'Zähler', content: '' },
        liste: { type: 'singleselect', length: null, permittedvalues: ['null', 'eins'], default: '', label: 'Liste', content: null },
        kaputt: 'not a field',
      }),
      answer({ label: 'Properties', nurEnglisch: { type: 'text', label: 'English only' } }),
    );
    expect(merged.modules).toHaveLength(1);
    expect(merged.modules[0]?.fields).toEqual([
      { name: 'zaehler', type: 'integer', length: 11, default: '0', label: { de: 'Zähler', en: '' }, group: null, permitted: [] },
      {
        name: 'liste',
        type: 'singleselect',
        length: null,
        default: null,
        label: { de: 'Liste', en: '' },
        group: null,
        permitted: [
          { key: '0', label: { de: 'null', en: '' } },
          { key: '1', label: { de: 'eins', en: '' } },
        ],
      },
      { name: 'nurEnglisch', type: 'text', length: null, default: null, label: { de: '', en: 'English only' }, group: null, permitted: [] },
    ]);
  });
});

describe('field service', () => {
  let dir: string;
  let sandbox: SandboxHandle;
  let services: AppServices;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aud-fields-'));
    sandbox = await startSandbox({ scenarios: ['healthy-website', 'wrong-secret'], seed: 5 });
    services = await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir });
    await value(services, 'vaultSetPassphrase', { passphrase: 'correct horse battery staple' });
  });
  afterEach(async () => {
    await services.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call<T>(s: AppServices, channel: ChannelName, request: unknown): Promise<Result<T>> {
    return (await s.dispatch(channel, request)) as Result<T>;
  }
  async function value<T = unknown>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<T> {
    const r = await call<T>(s, channel, request);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  async function profile(scenario: string, endpoint = sandbox.endpoint): Promise<string> {
    const u = sandbox.apiUsers.find((x) => x.scenario === scenario);
    if (!u) throw new Error(scenario);
    const p = await value<{ id: string }>(services, 'profilesCreate', { label: scenario, endpoint: { kind: 'custom', url: endpoint }, token: u.token, secret: u.secret });
    return p.id;
  }

  it('redacts what the server echoes in labels before caching and showing them', async () => {
    const u = sandbox.apiUsers.find((x) => x.scenario === 'healthy-website');
    if (!u) throw new Error('no api user');
    const echo = `Feld ${u.token} ${u.secret}`;
    const records = recorded.data.records.map((r) =>
      r.id === 'estate' ? { ...r, elements: { ...(r.elements as Record<string, unknown>), kaufpreis: { type: 'float', length: null, permittedvalues: null, default: null, label: echo, tablename: 'ObjPreise', content: 'Preise' } } } : r,
    );
    const answer = { status: { code: 200, errorcode: 0, message: 'OK' }, response: { results: [0, 1].map(() => ({ actionid: 'urn:onoffice-de-ns:smart:2.5:smartml:action:get', resourceid: '', resourcetype: 'fields', identifier: '', cacheable: true, data: { meta: { cntabsolute: null }, records }, status: { errorcode: 0, message: 'OK' } })) } };
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
    try {
      const p = await value<{ id: string }>(services, 'profilesCreate', { label: 'echo', endpoint: { kind: 'custom', url: server.url.href }, token: u.token, secret: u.secret });
      const fetched = await value<FieldCatalogueView>(services, 'fieldsFetch', { profileId: p.id });
      const again = await value<FieldCatalogueView>(services, 'fieldsGet', { profileId: p.id });
      for (const text of [JSON.stringify(fetched), JSON.stringify(again)]) {
        expect(text).not.toContain(u.token);
        expect(text).not.toContain(u.secret);
      }
      expect(JSON.stringify(fetched)).toContain(`${u.token.slice(0, 4)}…${u.token.slice(-4)}`);
    } finally {
      await server.close();
    }
  });

  it('fetches both languages in one journaled request, caches the catalogue and serves it without calling again', async () => {
    const id = await profile('healthy-website');
    expect(await value(services, 'fieldsGet', { profileId: id })).toBeNull();

    const fetched = await value<FieldCatalogueView>(services, 'fieldsFetch', { profileId: id });
    const estate = fetched.modules.find((m) => m.module === 'estate');
    expect(estate?.label).toEqual({ de: 'Immobilien', en: expect.any(String) });
    expect(estate?.fields.find((f) => f.name === 'objektart')).toMatchObject({ label: { de: 'Objektart', en: 'Type of property' }, type: 'singleselect', permittedCount: 5 });
    expect(fetched.modules.map((m) => m.module)).toEqual(['estate', 'address']);

    const journal = await value<{ entries: Array<{ id: number; exchangeId: string; resourcetype: string }> }>(services, 'journalQuery', { filter: { profileId: id } });
    expect(journal.entries).toHaveLength(2);
    expect(new Set(journal.entries.map((e) => e.exchangeId)).size).toBe(1);
    expect(journal.entries.every((e) => e.resourcetype === 'fields')).toBe(true);
    const entry = await value<{ requestBody: string }>(services, 'journalEntry', { id: journal.entries[0]?.id ?? 0 });
    expect(entry.requestBody).toMatch(/"language":"DEU".*"language":"ENG"/);

    const requests = sandbox.control.requests().length;
    expect(await value(services, 'fieldsGet', { profileId: id })).toEqual(fetched);
    const values = await value<FieldValuesView>(services, 'fieldsValues', { profileId: id, module: 'estate', name: 'objektart' });
    expect(values.values).toContainEqual({ key: 'haus', label: { de: 'Haus', en: 'Haus' } });
    expect(sandbox.control.requests()).toHaveLength(requests);
    expect(await call(services, 'fieldsValues', { profileId: id, module: 'address', name: 'objektart' })).toMatchObject({ ok: false, error: { code: 'field-not-cached' } });

    await value(services, 'profilesDelete', { id });
    expect(await call(services, 'fieldsGet', { profileId: id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('explains a failed fetch with the error catalogue, in both languages, and keeps the cache as it was', async () => {
    const id = await profile('wrong-secret');
    const r = await call<FieldCatalogueView>(services, 'fieldsFetch', { profileId: id });
    expect(r).toMatchObject({ ok: false, error: { code: 'api-error', details: { code: 137, category: 'credentials' } } });
    if (r.ok) return;
    const details = r.error.details as ExplainedErrorDetails;
    expect(render('de', details.fix)).not.toBe(render('en', details.fix));
    expect(render('en', details.fix)).not.toBe('');
    expect(r.error.message).toContain(render('de', details.explanation));
    expect(await value(services, 'fieldsGet', { profileId: id })).toBeNull();

    const unreachable = await profile('healthy-website', 'http://127.0.0.1:9/api/stable/api.php');
    expect(await call(services, 'fieldsFetch', { profileId: unreachable })).toMatchObject({ ok: false, error: { code: 'connection-failed', details: { category: 'transport' } } });
  });

  it('passes field names, the website language and picture categories on to the check, and refuses malformed ones', async () => {
    const id = await profile('healthy-website');
    const run = await value<{ findings: Array<{ id: string }> }>(services, 'checksRun', {
      profileId: id,
      fields: [{ module: 'estate', names: ['objekttitel', 'ind_9_Feld'] }],
      language: 'ENG',
      pictureCategories: ['Titelbild', 'Foto', 'Titelbild'],
    });
    expect(run.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['fields:estate', 'language:ENG']));
    const refused = (request: Record<string, unknown>) => call(services, 'checksRun', { profileId: id, ...request });
    for (const request of [
      { fields: [{ module: 'estate', names: ['objekt.titel'] }] },
      { fields: [{ module: 'estate', names: ['a'] }, { module: 'estate', names: ['b'] }] },
      { fields: [{ module: 'estate', names: Array.from({ length: 300 }, (_, i) => `e${i}`) }, { module: 'address', names: Array.from({ length: 201 }, (_, i) => `a${i}`) }] },
      { fields: [{ module: 'task', names: ['x'] }] },
      { language: 'eng' },
      { pictureCategories: [] },
      { pictureCategories: ['Logo'] },
    ]) {
      expect(await refused(request)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('remembers the website language of the check per profile', async () => {
    const id = await profile('healthy-website');
    expect(await value(services, 'checksPreferencesGet', { profileId: id })).toEqual({ language: null, mailIdentity: null });
    expect(await value(services, 'checksPreferencesSet', { profileId: id, language: 'ENG' })).toEqual({ language: 'ENG', mailIdentity: null });
    expect(await value(services, 'checksPreferencesGet', { profileId: id })).toEqual({ language: 'ENG', mailIdentity: null });
    expect(await call(services, 'checksPreferencesSet', { profileId: id, language: 'XXX' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(services, 'checksPreferencesSet', { profileId: 'gone', language: null })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
