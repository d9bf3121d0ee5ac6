import { describe, expect, it } from 'vitest';
import { checkRequirements } from '#sop/check-requirements.ts';
import { findSop } from '#sop/load-catalog.ts';
import { IncompleteApplication } from '#cases/start-case.ts';
import { requirementNumbersNote } from '#sop/requirement-numbers.ts';

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
    const everyItem = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10a', '10b', '10c', '11', '12', '13', '14'];
    expect(ids(check.required)).toEqual(everyItem);
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

describe("the note under a case's requirements (receipt, counter, checking steps)", () => {
  it("says why the numbers skip only where the facts left some of the SOP's requirements out", () => {
    const plain = checkRequirements(apiU, baseFacts, []).required;
    expect(requirementNumbersNote(plain, apiU)).toBe(
      'Nomor mengikuti daftar persyaratan pada SOP; persyaratan yang tidak berlaku untuk permohonan ini tidak dicantumkan.',
    );
    expect(requirementNumbersNote(apiU.requirements, apiU)).toBeUndefined();
  });
});

describe('the facts the counter types in', () => {
  const errors = (facts: Record<string, unknown>, handedIn: string[] = []) =>
    checkRequirements(apiU, { ...baseFacts, ...facts }, handedIn).factErrors;

  it('takes a yes/no fact only as true or false, and a count only as a whole number', () => {
    expect(errors({ perubahan: true })).toEqual([]);
    for (const wrong of [1, 0, 'ya', null])
      expect(errors({ perubahan: wrong }), String(wrong)).toEqual([
        'Isian "Permohonan perubahan API-U yang sudah ada" harus ya atau tidak',
      ]);
    for (const wrong of [1.5, '2', true, null])
      expect(errors({ jumlahPenandatangan: wrong }), String(wrong)).toEqual([
        'Isian "Jumlah penandatangan API-U" harus bilangan bulat',
      ]);
  });

  it('takes a count from its least to its most, both included', () => {
    expect(errors({ jumlahPenandatangan: 0, penandatanganKuasaDireksi: -1 })).toEqual([
      'Isian "Jumlah penandatangan API-U" paling sedikit 1',
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" paling sedikit 0',
    ]);
    expect(errors({ jumlahPenandatangan: 1 })).toEqual([]);
    expect(errors({ jumlahPenandatangan: 4, penandatanganKuasaDireksi: 3 })).toEqual([]);
    expect(errors({ jumlahPenandatangan: 4, penandatanganKuasaDireksi: 4 })).toEqual([
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" paling banyak 3',
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" harus kurang dari isian "Jumlah penandatangan API-U"',
    ]);
    expect(errors({ penandatanganKuasaDireksi: -1 })).toEqual([
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" paling sedikit 0',
    ]);
  });

  it('keeps the signatories who are not directors fewer than all signatories, compared only as numbers', () => {
    const fewer =
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" harus kurang dari isian "Jumlah penandatangan API-U"';
    expect(errors({ jumlahPenandatangan: 2, penandatanganKuasaDireksi: 1 })).toEqual([]);
    expect(errors({ jumlahPenandatangan: 2, penandatanganKuasaDireksi: 2 })).toEqual([fewer]);
    expect(errors({ jumlahPenandatangan: 2, penandatanganKuasaDireksi: 3 })).toEqual([fewer]);
    // A wrong type is named as such, not compared.
    expect(errors({ jumlahPenandatangan: true, penandatanganKuasaDireksi: 1 })).toEqual([
      'Isian "Jumlah penandatangan API-U" harus bilangan bulat',
    ]);
    expect(errors({ jumlahPenandatangan: 1, penandatanganKuasaDireksi: true })).toEqual([
      'Isian "Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)" harus bilangan bulat',
    ]);
  });

  it('names each requirement id the checklist does not have once, and takes the ones it has', () => {
    const all = apiU.requirements.map((item) => item.id);
    expect(errors({}, all)).toEqual([]);
    expect(errors({}, ['1', '99', '99', '7a'])).toEqual([
      'Persyaratan "99" tidak dikenal untuk SOP-LP2N-PPK-01',
      'Persyaratan "7a" tidak dikenal untuk SOP-LP2N-PPK-01',
    ]);
  });

  it('asks the power of attorney of non-director signatories (item 11) only for a count above 0', () => {
    const required = (kuasa: unknown) =>
      ids(
        checkRequirements(
          apiU,
          { ...baseFacts, jumlahPenandatangan: 3, penandatanganKuasaDireksi: kuasa as number },
          [],
        ).required,
      );
    expect(required(1)).toContain('11');
    expect(required(0)).not.toContain('11');
    expect(required(true)).not.toContain('11');
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

describe("the counter's refusal", () => {
  it('calls a file incomplete only for a missing requirement; a wrong checklist answer alone is named as such', () => {
    const wrongCount = 'Isian "Jumlah penandatangan API-U" paling sedikit 1';
    expect(new IncompleteApplication([], [wrongCount]).message).toBe(
      `Isian keadaan permohonan belum benar: ${wrongCount}`,
    );
    expect(new IncompleteApplication([{ id: '6', label: 'Referensi asli dari bank devisa' }], []).message).toBe(
      'Berkas belum lengkap: Persyaratan 6 belum ada: Referensi asli dari bank devisa',
    );
  });
});
