import { describe, expect, it } from 'vitest';
import { inspectionDatesRefusal } from '#cases/rules/inspection-dates.ts';

const letter = { waktu: { mulai: '2026-12-09', selesai: '2026-12-10' } };
const notice = (tanggal: string) => ({ jadwal: { tanggal, jam: '09.00 WITA' } });
const minutes = (tanggal: string) => ({ tanggal });
const STEP_3 = ['surat-tugas', 'pemberitahuan-inspeksi'];
const STEP_4 = ['berita-acara-pemeriksaan', 'laporan-pengawasan'];

describe("an inspection's documents against its Surat Tugas's days", () => {
  it('refuses a notice outside the days, at the step that drafts it, in words', () => {
    expect(
      inspectionDatesRefusal({ 'surat-tugas': letter, 'pemberitahuan-inspeksi': notice('2026-12-14') }, STEP_3),
    ).toBe(
      'Tanggal inspeksi pada Surat Pemberitahuan 14 Desember 2026 sesudah waktu pelaksanaan pada Surat Tugas (9 Desember 2026 sampai 10 Desember 2026): sesuaikan tanggalnya.',
    );
    expect(
      inspectionDatesRefusal({ 'surat-tugas': letter, 'pemberitahuan-inspeksi': notice('2026-12-10') }, STEP_3),
    ).toBeUndefined();
  });

  it('refuses minutes dated before the days, and takes them after (the policy return to the inspection)', () => {
    expect(
      inspectionDatesRefusal({ 'surat-tugas': letter, 'berita-acara-pemeriksaan': minutes('2026-12-08') }, STEP_4),
    ).toBe(
      'Tanggal pemeriksaan pada Berita Acara 8 Desember 2026 sebelum waktu pelaksanaan pada Surat Tugas (9 Desember 2026 sampai 10 Desember 2026): sesuaikan tanggalnya.',
    );
    expect(
      inspectionDatesRefusal({ 'surat-tugas': letter, 'berita-acara-pemeriksaan': minutes('2026-12-21') }, STEP_4),
    ).toBeUndefined();
  });

  it('does not hold a new Surat Tugas to minutes kept from an inspection before a send-back (they are drafted again at step 4)', () => {
    const later = { waktu: { mulai: '2026-12-21', selesai: '2026-12-21' } };
    expect(
      inspectionDatesRefusal(
        {
          'surat-tugas': later,
          'pemberitahuan-inspeksi': notice('2026-12-21'),
          'berita-acara-pemeriksaan': minutes('2026-12-09'),
        },
        STEP_3,
      ),
    ).toBeUndefined();
  });

  it('judges nothing without the letter, or at a step that drafts none of them', () => {
    expect(inspectionDatesRefusal({ 'pemberitahuan-inspeksi': notice('2026-12-14') }, STEP_3)).toBeUndefined();
    expect(
      inspectionDatesRefusal({ 'surat-tugas': letter, 'pemberitahuan-inspeksi': notice('2026-12-14') }, ['nota-dinas']),
    ).toBeUndefined();
  });
});
