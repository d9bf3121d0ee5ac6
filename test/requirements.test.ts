import { describe, expect, it } from 'vitest';
import { checkRequirements } from '#sop/check-requirements.ts';
import { findSop } from '#sop/load-catalog.ts';

const apiU = findSop('api-u')!;
const baseFacts = {
  perubahan: false,
  penandatanganWna: false,
  penandatanganWni: true,
  jumlahPenandatangan: 1,
  penandatanganKuasaDireksi: 0,
  lebihDariSatuBagian: false,
  melaluiKuasa: false,
};
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('the API-U checklist at the counter', () => {
  it('asks a plain new application by an Indonesian director for the unconditional items and item 8 only', () => {
    const check = checkRequirements(apiU, baseFacts, []);
    expect(check.factErrors).toEqual([]);
    expect(ids(check.required)).toEqual(['1', '2', '3', '4', '5', '6', '8', '9', '12']);
  });

  it('adds item 7 for a foreign signatory, 10a-c for more than one section, 11 for signatories who are not directors, 13 for a proxy, 14 for a change', () => {
    const check = checkRequirements(
      apiU,
      {
        ...baseFacts,
        penandatanganWna: true,
        lebihDariSatuBagian: true,
        jumlahPenandatangan: 3,
        penandatanganKuasaDireksi: 2,
        melaluiKuasa: true,
        perubahan: true,
      },
      [],
    );
    expect(ids(check.required)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10a',
      '10b',
      '10c',
      '11',
      '12',
      '13',
      '14',
    ]);
  });

  it('asks no power of attorney (item 11) of several signatories who are all directors, and asks it of one kuasa direksi', () => {
    // The seed: "minimal 1 (satu) orang direksi dan lainnya kuasa direksi dengan melampirkan surat Kuasa".
    expect(
      ids(checkRequirements(apiU, { ...baseFacts, jumlahPenandatangan: 3, penandatanganKuasaDireksi: 0 }, []).required),
    ).not.toContain('11');
    expect(
      ids(checkRequirements(apiU, { ...baseFacts, jumlahPenandatangan: 2, penandatanganKuasaDireksi: 1 }, []).required),
    ).toContain('11');
    // At least one signatory is a director.
    expect(
      checkRequirements(apiU, { ...baseFacts, jumlahPenandatangan: 2, penandatanganKuasaDireksi: 2 }, []).factErrors,
    ).toEqual([
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" harus kurang dari isian "Jumlah penandatangan API-U"',
    ]);
  });

  it('reports exactly what is missing, and takes 10b or 10c as the proof of a special relationship', () => {
    const facts = { ...baseFacts, lebihDariSatuBagian: true };
    const handedIn = ['1', '2', '3', '4', '5', '6', '8', '9', '10a', '12'];
    expect(ids(checkRequirements(apiU, facts, handedIn).missing)).toEqual(['10b', '10c']);
    expect(ids(checkRequirements(apiU, facts, [...handedIn, '10c']).missing)).toEqual([]);
    expect(
      ids(
        checkRequirements(
          apiU,
          facts,
          handedIn.filter((id) => id !== '6'),
        ).missing,
      ),
    ).toEqual(['6', '10b', '10c']);
  });

  it('refuses more than 4 signatories and unknown or missing facts, in Bahasa Indonesia', () => {
    const { perubahan: _omitted, ...withoutChange } = baseFacts;
    const check = checkRequirements(apiU, { ...withoutChange, jumlahPenandatangan: 5, warnaKertas: 1 }, []);
    expect(check.factErrors).toEqual([
      'Isian "Permohonan perubahan API-U yang sudah ada" belum diisi',
      'Isian "Jumlah penandatangan API-U" paling banyak 4',
      'Isian "warnaKertas" tidak dikenal untuk SOP-LP2N-PPK-01',
    ]);
  });
});

describe('the other checklists', () => {
  it('asks EO applicants for the power of attorney only when a proxy files', () => {
    const eo = findSop('eo')!;
    expect(ids(checkRequirements(eo, { melaluiKuasa: false }, []).required)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ids(checkRequirements(eo, { melaluiKuasa: true }, ['1', '2', '3', '4', '5', '6']).missing)).toEqual(['7']);
  });

  it('asks IMTA applicants for all 16 items', () => {
    const imta = findSop('imta')!;
    expect(checkRequirements(imta, {}, []).missing).toHaveLength(16);
  });
});
