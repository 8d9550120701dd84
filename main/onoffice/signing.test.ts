import { describe, expect, it } from 'vitest';
import { hmacV1, hmacV2, phpJsonEncode, sortTopLevel, signaturesEqual } from './signing.ts';
import { ACTION_URN } from './wire.ts';

describe('HMAC v2 — test vectors from ONOFFICE_API.md §3', () => {
  it('vector A (official SDK test)', () => {
    expect(
      hmacV2({
        token: 'mgjIQkNRnaqggVzy9cZW',
        secret: 'yOJobbhGLXdp90XxvxedFhH7073L9U',
        timestamp: 123456789,
        resourcetype: 'estateCategories',
        actionid: ACTION_URN.get,
      }),
    ).toBe('dsvg3r4AFcQXges0MZ+3auzQVfnEB39pLkKSgmm9Wvg=');
  });

  it('vector B (official SDK test)', () => {
    expect(
      hmacV2({
        token: 'testtoken',
        secret: 'testsecret',
        timestamp: 1646228220,
        resourcetype: 'calendar',
        actionid: ACTION_URN.read,
      }),
    ).toBe('w6ifKMmAdJoKhu0vl2twvfP+ltyOTQ7LqLpvsZkOnlg=');
  });

  it('changes when any signed value changes', () => {
    const base = { token: 't', secret: 's', timestamp: 1, resourcetype: 'estate', actionid: ACTION_URN.read };
    const sig = hmacV2(base);
    expect(hmacV2({ ...base, token: 'u' })).not.toBe(sig);
    expect(hmacV2({ ...base, secret: 'x' })).not.toBe(sig);
    expect(hmacV2({ ...base, timestamp: 2 })).not.toBe(sig);
    expect(hmacV2({ ...base, resourcetype: 'address' })).not.toBe(sig);
    expect(hmacV2({ ...base, actionid: ACTION_URN.get })).not.toBe(sig);
  });
});

describe('HMAC v1 — legacy', () => {
  it('vector C', () => {
    expect(
      hmacV1({
        token: 'token',
        secret: 'secret',
        timestamp: 100,
        resourcetype: 'type',
        actionid: 'action',
        identifier: 'identifier',
        resourceid: '1',
        parameters: { paramKey: 'paramValue' },
      }),
    ).toBe('7e0bb4b6ceb4b3cff609524e416f2ac3');
  });

  it('signs the parameters, sorted at the top level', () => {
    const base = {
      token: 'token', secret: 'secret', timestamp: 100, resourcetype: 'type', actionid: 'action',
      identifier: '', resourceid: '',
    };
    expect(hmacV1({ ...base, parameters: { b: 1, a: 2 } })).toBe(hmacV1({ ...base, parameters: { a: 2, b: 1 } }));
    expect(hmacV1({ ...base, parameters: { a: 2 } })).not.toBe(hmacV1({ ...base, parameters: { a: 3 } }));
  });
});

describe('phpJsonEncode', () => {
  it('matches PHP json_encode defaults', () => {
    expect(phpJsonEncode({ url: 'a/b', name: 'Müller', list: [1, 'x'], empty: [], none: {} })).toBe(
      '{"url":"a\\/b","name":"M\\u00fcller","list":[1,"x"],"empty":[],"none":[]}',
    );
    expect(phpJsonEncode('😀')).toBe('"\\ud83d\\ude00"');
    expect(phpJsonEncode({ t: true, f: false, n: null })).toBe('{"t":true,"f":false,"n":null}');
    expect(phpJsonEncode('tab\there "q" \\')).toBe('"tab\\there \\"q\\" \\\\"');
  });
  it('encodes a 0..n-1 keyed object as a list', () => {
    expect(phpJsonEncode({ 0: 'a', 1: 'b' })).toBe('["a","b"]');
  });
});

describe('sortTopLevel', () => {
  it('sorts keys at the top level only', () => {
    const sorted = sortTopLevel({ listlimit: 10, data: ['b', 'a'], filter: { z: 1, a: 2 } });
    expect(Object.keys(sorted)).toEqual(['data', 'filter', 'listlimit']);
    expect(Object.keys(sorted.filter as object)).toEqual(['z', 'a']);
    expect(sorted.data).toEqual(['b', 'a']);
  });
});

describe('signaturesEqual', () => {
  it('compares exactly', () => {
    expect(signaturesEqual('abc', 'abc')).toBe(true);
    expect(signaturesEqual('abc', 'abd')).toBe(false);
    expect(signaturesEqual('abc', 'abcd')).toBe(false);
  });
});
