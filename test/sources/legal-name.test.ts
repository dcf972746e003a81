import { describe, expect, it } from 'vitest';
import { legalNameKey, legalNameVariants, stripLegalSuffix } from '../../src/sources/legal-name.js';

describe('stripLegalSuffix', () => {
  it.each([
    ['CareCloud, Inc.', 'CareCloud'],
    ['HOLOGIC INC', 'HOLOGIC'],
    ['Acme Holdings Corp /DE/', 'Acme Holdings'],
    ['Big Iron Corp \\NV\\', 'Big Iron'],
    ['Globex Corporation', 'Globex'],
    ['Acme Billing Services, LLC', 'Acme Billing Services'],
    ['Acme, L.L.C.', 'Acme'],
    ['Acme, L. L. C.', 'Acme'],
    ['Epic Family Dental, PLLC', 'Epic Family Dental'],
    ['Sunridge Orthopedic Associates, P.C.', 'Sunridge Orthopedic Associates'],
    ['Initech N.V.', 'Initech'],
    ['Vandelay S.A.', 'Vandelay'],
    ['Wernham Hogg PLC', 'Wernham Hogg'],
    ['Acme Co., Ltd.', 'Acme'],
    ['Wells & Fargo & Company', 'Wells & Fargo'],
    ['Kessler Gmbh', 'Kessler'],
  ])('%s → %s', (name, expected) => {
    expect(stripLegalSuffix(name)).toBe(expected);
  });

  it('leaves names that only end in the letters of a legal form', () => {
    expect(stripLegalSuffix('Costco')).toBe('Costco');
    expect(stripLegalSuffix('Vinco')).toBe('Vinco');
    expect(stripLegalSuffix('Casa')).toBe('Casa');
  });

  it('returns a name that is nothing but a legal form as it is', () => {
    expect(stripLegalSuffix('Inc.')).toBe('Inc.');
    expect(stripLegalSuffix('Co')).toBe('Co');
  });
});

describe('legalNameVariants', () => {
  it('gives the name as given, without its legal form, and without Holdings', () => {
    expect(legalNameVariants('Acme Holdings Corp /DE/')).toEqual(['Acme Holdings Corp /DE/', 'Acme Holdings', 'Acme']);
  });

  it('gives both sides of a d/b/a', () => {
    expect(legalNameVariants('Foo Dental, PLLC d/b/a Bright Smiles')).toEqual(['Foo Dental, PLLC', 'Foo Dental', 'Bright Smiles']);
    expect(legalNameVariants('Gamma Imaging Partners LLC dba Clearview Radiology')).toContain('Clearview Radiology');
  });

  it('does not repeat a form that differs only in case or punctuation', () => {
    expect(legalNameVariants('CareCloud')).toEqual(['CareCloud']);
  });

  it('caps the number of variants and the length of a hostile name', () => {
    const variants = legalNameVariants(`${'X '.repeat(10_000)} d/b/a Y d/b/a Z d/b/a W d/b/a V`);
    expect(variants.length).toBeLessThanOrEqual(8);
    for (const variant of variants) expect(variant.length).toBeLessThanOrEqual(300);
  });
});

describe('legalNameKey', () => {
  it('matches filer names across case, punctuation and legal form', () => {
    expect(legalNameKey('CareCloud, Inc.')).toBe('carecloud');
    expect(legalNameKey('CARECLOUD INC')).toBe('carecloud');
    expect(legalNameKey('Hologic, Inc.')).toBe(legalNameKey('HOLOGIC INC'));
    expect(legalNameKey('Acme Billing Services, LLC')).not.toBe(legalNameKey('Acme Billing'));
  });
});
