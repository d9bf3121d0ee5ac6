import { describe, expect, it } from 'vitest';
import { CATALOG_INPUT } from '#sop/catalog/index.ts';
import { compareRevisions, counterpartStep } from '#sop/compare-revisions.ts';
import { findRevision, revisionInForce } from '#sop/load-catalog.ts';
import { CatalogError, validateCatalog } from '#sop/validate-catalog.ts';
import { revisionLabel, revisionOf, type SopInput } from '#sop/schema.ts';

const apiU = CATALOG_INPUT.find((sop) => sop.id === 'SOP-LP2N-PPK-01')!;
const revised = (changes: Partial<SopInput>): SopInput => ({
  ...apiU,
  revision: '03',
  effectiveDate: '2027-01-04',
  changes: ['Waktu penyelesaian menurut PP 28/2025'],
  ...changes,
});

describe('revisions in the catalog', () => {
  it("names today's entries by the revision their seed prints, or the day they took effect where it prints none", () => {
    const sops = validateCatalog(CATALOG_INPUT);
    const name = (id: string) => revisionOf(sops.find((sop) => sop.id === id)!);
    expect([name('SOP-LP2N-PPK-01'), name('SOP-LP2N-TKT-02'), name('SOP-LP2N-PAR-05')]).toEqual(['02', '03', '03']);
    expect(name('SOP-DALAK-067-013')).toBe('2022-12-06');
    expect(revisionLabel(sops.find((sop) => sop.id === 'SOP-LP2N-PPK-01')!)).toBe('revisi 02, berlaku 7 Juni 2017');
  });

  it('puts a case under the revision in force on its day of receipt', () => {
    const sops = validateCatalog([apiU, revised({})]);
    expect(revisionOf(revisionInForce(sops, 'SOP-LP2N-PPK-01', '2027-01-03')!)).toBe('02');
    expect(revisionOf(revisionInForce(sops, 'SOP-LP2N-PPK-01', '2027-01-04')!)).toBe('03');
    expect(revisionOf(revisionInForce(sops, 'SOP-LP2N-PPK-01', '2016-01-01')!)).toBe('02');
    // A record written before revisions were kept is under the oldest the catalog keeps.
    expect(revisionOf(findRevision(sops, 'SOP-LP2N-PPK-01', undefined)!)).toBe('02');
    expect(findRevision(sops, 'SOP-LP2N-PPK-01', '09')).toBeUndefined();
  });

  it('refuses revisions named twice, listed out of order, or saying nothing of what changed', () => {
    const problems = (inputs: SopInput[]) => {
      try {
        validateCatalog(inputs);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(CatalogError);
        return (error as Error).message;
      }
    };
    expect(problems([apiU, revised({ revision: '02' })])).toContain('revision "02" is in the catalog twice');
    expect(problems([apiU, revised({ effectiveDate: '2017-06-07' })])).toContain(
      'revision 03 takes effect on 2017-06-07, not after revision 02 (2017-06-07)',
    );
    expect(problems([apiU, revised({ changes: [] })])).toContain('revision 03 does not say what changed');
    expect(problems([apiU, revised({ revision: '03/a' })])).toContain(
      'may hold only letters, digits, dots and hyphens',
    );
    // Another SOP may not take a revision's aliases.
    expect(problems([apiU, revised({ id: 'SOP-LP2N-PPK-09' })])).toContain('is used by another SOP');
  });

  it("finds a step's counterpart by its act, across a renumbering, and none where the act is gone", () => {
    const [from, to] = validateCatalog([
      apiU,
      revised({
        steps: apiU.steps.map((step) =>
          step.no === 13 ? { ...step, title: 'Pemohon menerima izin secara elektronik' } : step,
        ),
      }),
    ]) as [never, never];
    expect(counterpartStep(from, to, 8)?.no).toBe(8);
    // Same number and kind: still the step's counterpart though its words changed.
    expect(counterpartStep(from, to, 13)?.title).toBe('Pemohon menerima izin secara elektronik');
  });

  it('tells what differs in send-backs, requirements and documents, in Indonesian', () => {
    const [from, to] = validateCatalog([
      apiU,
      revised({
        steps: apiU.steps.map((step) =>
          step.no === 8 ? { ...step, returns: [{ to: 6, reason: 'Data salah' }] } : step,
        ),
        requirements: (apiU.requirements ?? []).filter((requirement) => requirement.id !== '6'),
        documents: (apiU.documents ?? []).map((doc) =>
          doc.kind === 'tanda-terima' ? { ...doc, title: 'Tanda Terima Permohonan' } : doc,
        ),
      }),
    ]) as [never, never];
    const sections = Object.fromEntries(
      compareRevisions(from, to).sections.map((section) => [section.title, section.lines]),
    );
    const reason = apiU.steps.find((step) => step.no === 8)?.returns?.[0]?.reason;
    expect(sections['Pengembalian berkas']).toEqual([
      `~ langkah 8: ke langkah 7 bila "${reason}" menjadi ke langkah 6 bila "Data salah"`,
    ]);
    expect(sections.Persyaratan).toEqual([expect.stringMatching(/^- 6\. Referensi asli dari bank devisa/)]);
    expect(sections.Dokumen).toEqual([
      '~ tanda-terima: judul "Bukti Tanda Terima Berkas Permohonan" menjadi "Tanda Terima Permohonan"',
    ]);
    // Nothing else moved: no step, lane or time standard line.
    expect(Object.keys(sections).sort()).toEqual(['Dokumen', 'Pengembalian berkas', 'Persyaratan']);
  });

  it("tells a send-back's changed condition, where the applicant corrects, and a new application allowed", () => {
    const lkpm = CATALOG_INPUT.find((sop) => sop.id === 'SOP-DALAK-067-006')!;
    const toApplicant = lkpm.steps.find((step) => step.returns?.some((r) => r.to === 'applicant'))!;
    const changed = (change: Record<string, unknown>): SopInput => ({
      ...lkpm,
      effectiveDate: '2027-01-04',
      changes: ['Perbaikan LKPM'],
      steps: lkpm.steps.map((step) =>
        step === toApplicant
          ? { ...step, returns: step.returns!.map((r) => (r.to === 'applicant' ? { ...r, ...change } : r)) }
          : step,
      ),
    });
    const linesOf = (change: Record<string, unknown>) => {
      const [from, to] = validateCatalog([lkpm, changed(change)]) as [never, never];
      return compareRevisions(from, to).sections.find((section) => section.title === 'Pengembalian berkas')?.lines;
    };
    // Each alone is the only difference, and each is told.
    expect(linesOf({ correctedIn: undefined })?.join()).toMatch(/diperbaiki melalui OSS RBA.* menjadi (?!.*OSS RBA)/);
    expect(linesOf({ newApplication: 'atau membuat permohonan baru' })?.join()).toMatch(
      / menjadi .*atau permohonan baru \("atau membuat permohonan baru"\)/,
    );
    expect(linesOf({ reason: 'Jika data realisasi tidak lengkap' })?.join()).toMatch(
      / menjadi .*bila "Jika data realisasi tidak lengkap"/,
    );
  });
});
