import { describe, expect, it } from 'vitest';
import { failed, input, ok } from '../testkit.ts';
import { distance, fieldsStep, suggestions } from './fields.ts';
import { said } from '../testkit.ts';

const catalogue = ok('fields', [
  { id: 'estate', elements: { label: 'Immobilien', Id: { type: 'integer', label: 'Datensatznr' }, kaufpreis: { type: 'float', label: 'Kaufpreis' }, kaltmiete: { type: 'float', label: 'Kaltmiete' }, ind_Schl_1: { type: 'varchar', label: 'Eigenes Feld' } } },
  { id: 'address', elements: { label: 'Adressen', Name: { type: 'varchar', label: 'Name' }, Vorname: { type: 'varchar', label: 'Vorname' } } },
]);

describe('field suggestions', () => {
  it('distance is case-insensitive edit distance', () => {
    expect(distance('kaufpreis', 'Kaufpreis')).toBe(0);
    expect(distance('kaufprei', 'kaufpreis')).toBe(1);
    expect(distance('', 'abc')).toBe(3);
  });

  it('suggests close names and the field whose label was used as a name', () => {
    const known = [{ name: 'kaufpreis', label: 'Kaufpreis' }, { name: 'kaltmiete', label: 'Kaltmiete' }, { name: 'ind_Schl_1', label: 'Eigenes Feld' }];
    expect(suggestions('kaufpries', known)).toEqual(['kaufpreis']);
    expect(suggestions('Eigenes Feld', known)).toEqual(['ind_Schl_1']);
    expect(suggestions('wohnflaeche', known)).toEqual([]);
  });
});

describe('fields step', () => {
  const run = (fields: { module: string; names: string[] }[], answer = catalogue) => fieldsStep.findings(input({ fields }), new Map([['fields', answer]]));

  it('one get fields for every module asked, labels included', () => {
    const batch = fieldsStep.firstBatch(input({ fields: [{ module: 'estate', names: ['Id'] }, { module: 'address', names: ['Name'] }] }));
    expect(batch.map((p) => p.spec)).toEqual([{ kind: 'get', resourcetype: 'fields', parameters: { modules: ['estate', 'address'], labels: true, language: 'DEU' } }]);
    expect(fieldsStep.firstBatch(input())).toEqual([]);
  });

  it('known names pass; unknown or inactive ones fail with suggestions and both fixes', () => {
    const [estate, address] = run([{ module: 'estate', names: ['Id', 'kaufpries', 'wohnflaeche'] }, { module: 'address', names: ['Name', 'Vorname'] }]);
    expect(estate).toMatchObject({ id: 'fields:estate', status: 'fail' });
    expect(said('en', estate?.explanation)).toContain('kaufpries (did you mean kaufpreis?); wohnflaeche');
    expect(said('en', estate?.explanation)).toContain('"Unknown field" (75, 141, 145)');
    expect(said('en', estate?.fix)).toContain('activate it');
    expect(address).toMatchObject({ id: 'fields:address', status: 'pass' });
  });

  it('no answer: unknown without an enterprise fix', () => {
    const [f] = run([{ module: 'estate', names: ['Id'] }], failed('fields', 1));
    expect(f).toMatchObject({ status: 'unknown', fixWhere: 'server' });
  });
});
