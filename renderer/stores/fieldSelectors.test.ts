import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldListSchema, type FieldSummary } from '../../preload/contract.ts';
import { labelIn, parseFieldList, searchable, searchFields, typeLabel } from './fieldSelectors.ts';

const field = (name: string, de: string, en: string): FieldSummary => ({ name, label: { de, en }, type: 'varchar', length: 80, default: null, group: null, permittedCount: 0 });

describe('field list of the check', () => {
  it('accepts exactly what the contract accepts (the renderer carries no schema library)', () => {
    const name = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.constantFrom('ind_1_x', 'a.b', 'wohnfläche', 'x'.repeat(101)));
    const text = fc
      .array(fc.tuple(fc.constantFrom('', 'estate:', 'address:', 'ADDRESS: '), fc.array(name, { minLength: 1, maxLength: 4 })), { maxLength: 4 })
      .map((lines) => lines.map(([prefix, names]) => prefix + names.join(', ')).join('\n'));
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseFieldList(input);
        if (parsed.ok) expect(fieldListSchema.safeParse(parsed.lists).success).toBe(true);
        else if (parsed.problems.every((p) => p.reason === 'invalidName')) expect(parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    // Over the limit by one: refused here as main refuses it.
    const many = Array.from({ length: 501 }, (_, i) => `f${i}`).join(', ');
    const parsed = parseFieldList(many);
    expect(parsed.ok).toBe(false);
    expect(fieldListSchema.safeParse([{ module: 'estate', names: Array.from({ length: 501 }, (_, i) => `f${i}`) }]).success).toBe(false);
    expect(parseFieldList(Array.from({ length: 500 }, (_, i) => `f${i}`).join(', ')).ok).toBe(true);
  });

  it('reads bare names as estate fields and MODULE: lines for their module', () => {
    const parsed = parseFieldList('objekttitel, kaufpreis\naddress: Email;Telefon1\nestate:ind_1472_Feld_x\n');
    expect(parsed).toEqual({
      ok: true,
      lists: [
        { module: 'estate', names: ['objekttitel', 'kaufpreis', 'ind_1472_Feld_x'] },
        { module: 'address', names: ['Email', 'Telefon1'] },
      ],
      count: 5,
    });
  });

  it('takes CSV and TSV as files bring them: quotes, tabs, CRLF, repeats, comments and empty lines', () => {
    expect(parseFieldList('# fields of the website\r\n"objekttitel";"wohnflaeche"\r\n\r\nobjekttitel\tAnrede-Titel\r\nADDRESS:"Name"')).toEqual({
      ok: true,
      lists: [
        { module: 'estate', names: ['objekttitel', 'wohnflaeche', 'Anrede-Titel'] },
        { module: 'address', names: ['Name'] },
      ],
      count: 4,
    });
    expect(parseFieldList('  \n# nothing\n')).toEqual({ ok: true, lists: [], count: 0 });
  });

  it('names each problem with its line', () => {
    expect(parseFieldList('objekttitel\nkontakt: Email\nobjekt.titel, wohnfläche')).toEqual({
      ok: false,
      problems: [
        { reason: 'unknownModule', line: 2, item: 'kontakt' },
        { reason: 'invalidName', line: 3, item: 'objekt.titel' },
        { reason: 'invalidName', line: 3, item: 'wohnfläche' },
      ],
    });
    expect(parseFieldList(`estate:${'x'.repeat(101)}`)).toMatchObject({ ok: false, problems: [{ reason: 'invalidName', line: 1 }] });
  });

  it('refuses more than 500 names, as main would', () => {
    const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(',');
    expect(parseFieldList(`${names(300, 'e')}\naddress:${names(200, 'a')}`)).toMatchObject({ ok: true, count: 500 });
    expect(parseFieldList(`${names(300, 'e')}\naddress:${names(201, 'a')}`)).toEqual({ ok: false, problems: [{ reason: 'tooMany', count: 501 }] });
  });
});

describe('field catalogue', () => {
  const fields = [field('objekttitel', 'Objekttitel', 'Property title'), field('wohnflaeche', 'Wohnfläche', 'Living space'), field('ind_2_Feld', '', 'Pool')];
  const index = searchable(fields);

  it('finds by name and by either label, every word, case and accents aside', () => {
    expect(searchFields(index, '').map((f) => f.name)).toEqual(['objekttitel', 'wohnflaeche', 'ind_2_Feld']);
    expect(searchFields(index, 'TITEL').map((f) => f.name)).toEqual(['objekttitel']);
    expect(searchFields(index, 'living').map((f) => f.name)).toEqual(['wohnflaeche']);
    expect(searchFields(index, 'wohnflache').map((f) => f.name)).toEqual(['wohnflaeche']);
    expect(searchFields(index, 'property title').map((f) => f.name)).toEqual(['objekttitel']);
    expect(searchFields(index, 'property space')).toEqual([]);
    expect(searchFields(index, 'ind_').map((f) => f.name)).toEqual(['ind_2_Feld']);
  });

  it('shows the label in the person language, else the other one', () => {
    expect(labelIn({ de: 'Wohnfläche', en: 'Living space' }, 'en')).toBe('Living space');
    expect(labelIn({ de: '', en: 'Pool' }, 'de')).toBe('Pool');
    expect(labelIn({ de: '', en: '' }, 'de')).toBe('');
  });

  it('shows type and length together', () => {
    expect(typeLabel({ type: 'varchar', length: 80 })).toBe('varchar (80)');
    expect(typeLabel({ type: 'singleselect', length: null })).toBe('singleselect');
    expect(typeLabel({ type: '', length: null })).toBe('—');
  });
});
