/**
 * The journal domain: every console call recorded and redacted, list pages without bodies, one entry's bodies, counts, exports and clearing.
 */
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, call, streamedExport, useServicesKit, value } from './testkit.ts';

const kit = useServicesKit();

describe('journal', () => {
  it('makes console calls through the journal, redacted', async () => {
    const s = await kit.services();
    await value(s, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const good = await kit.createProfile(s);
    const bad = await kit.createProfile(s, 'wrong-secret');
    const appended: number[] = [];
    s.onEvent((event, payload) => {
      if (event === 'journalAppended') appended.push((payload as { count: number }).count);
    });

    const ok = await value<{ ok: boolean; results: Array<{ ok: boolean; records?: unknown[] }> }>(s, 'consoleCall', {
      profileId: good.id,
      kind: 'read',
      resourcetype: 'estate',
      parameters: { data: ['Id', 'objekttitel'], listlimit: 2 },
    });
    expect(ok.ok).toBe(true);
    expect(ok.results[0]?.records?.length).toBe(2);

    const failed = await value<{ ok: boolean; results: Array<{ ok: boolean; errorcode?: number; category?: string; fix?: string }> }>(s, 'consoleCall', {
      profileId: bad.id,
      kind: 'read',
      resourcetype: 'estate',
      parameters: {},
    });
    expect(failed.ok).toBe(false);
    expect(failed.results[0]).toMatchObject({ ok: false, errorcode: 137, category: 'credentials' });
    expect(failed.results[0]?.fix).toBeTruthy();
    expect(appended).toEqual([1, 1]);

    const page = await value<{ entries: Array<{ id: number; profileId: string; errorcode: number | null; category: string | null }> }>(s, 'journalQuery', { filter: {} });
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]).toMatchObject({ profileId: bad.id, errorcode: 137, category: 'credentials' });
    // A list page carries summaries: no body, no exchange particulars.
    for (const entry of page.entries) {
      for (const key of ['requestBody', 'responseBody', 'host', 'identifier', 'attempt']) expect(entry).not.toHaveProperty(key);
    }
    expect(JSON.stringify(page)).not.toContain('"request"');
    const opened = await value<{ id: number; requestBody: string; responseBody: string | null; host: string }>(s, 'journalEntry', { id: page.entries[1]?.id });
    expect(opened).toMatchObject({ id: page.entries[1]?.id, host: expect.any(String) });
    expect(opened.requestBody).toContain(good.credentials.tokenHint);
    expect(opened.responseBody).toBeTruthy();
    expect(await call(s, 'journalEntry', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const failedOnly = await value<{ entries: unknown[] }>(s, 'journalQuery', { filter: { status: 'failed' } });
    expect(failedOnly.entries).toHaveLength(1);

    const exported = [await streamedExport(s, 'jsonl'), await streamedExport(s, 'csv')];
    expect(exported[0]?.split('\n')).toHaveLength(3);
    const all = JSON.stringify(page) + JSON.stringify(opened) + exported.join('');
    for (const scenario of ['healthy-website', 'wrong-secret']) {
      expect(all).not.toContain(kit.user(scenario).token);
      expect(all).not.toContain(kit.user(scenario).secret);
    }
    expect(all).toContain(good.credentials.tokenHint);
    expect(await value(s, 'journalCount', { filter: { status: 'failed' } })).toMatchObject({ count: 1, exact: true });
    const counted = await value<{ count: number; exact: boolean; newestId: number }>(s, 'journalCount', { filter: {} });
    expect(counted).toEqual({ count: 2, exact: true, newestId: page.entries[0]?.id });
    expect(await value(s, 'journalClear', { throughId: counted.newestId })).toEqual({ deleted: 2 });
    expect(await value(s, 'journalCount', { filter: {} })).toEqual({ count: 0, exact: true, newestId: null });
  });
});
