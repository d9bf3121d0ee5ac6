import { describe, expect, it } from 'vitest';
import type { ApprovalLink } from '#records/links.ts';
import { findSop } from '#sop/load-catalog.ts';
import { decidedPage } from '#web/approval-page.ts';

/**
 * An e-mailed link opened after its step was decided (an old e-mail after a send-back, say) says what
 * was decided, by whom and when, in the words of the buttons that decided it, and where the way on is.
 */
const sop = findSop('SOP-LP2N-PPK-01')!;
const names: Record<string, string> = {
  'kabid-layanan': 'Hj. Nurul Aini, S.H., M.H.',
  'kasi-layanan': 'Ir. Ahmad Fauzi',
};

function link(step: number, decision: Record<string, unknown>): ApprovalLink {
  return {
    linkId: 'tautan-uji-0000001',
    caseId: 'berkas-uji',
    sop: sop.id,
    step,
    lane: 'kabid-layanan',
    purpose: 'step',
    officialId: 'kabid-layanan',
    token: 't',
    createdAt: '2026-12-01T01:00:00.000Z',
    expiresAt: '2026-12-31T01:00:00.000Z',
    status: 'decided',
    decision: { by: 'kabid-layanan', at: '2026-12-02T02:30:00.000Z', ...decision },
  };
}

const said = async (step: number, decision: Record<string, unknown>) => {
  const html = String(await decidedPage(link(step, decision), sop, (id) => names[id]));
  return (/<p class="notice">([^<]+)<\/p>/.exec(html)?.[1] ?? '').replace(/\s+/g, ' ');
};

describe('the page of a decided link', () => {
  it('names the decision as its button did, who took it and when, and points to Tugas saya', async () => {
    expect(await said(9, { route: 'approve' })).toBe(
      'Langkah 9 berkas ini sudah disetujui oleh Hj. Nurul Aini, S.H., M.H. pada 2 Desember 2026 pukul 10.30 WITA. Tidak ada yang diubah.',
    );
    expect(await said(9, { route: 'return:applicant' })).toMatch(/^Langkah 9 berkas ini sudah dikembalikan ke pemohon/);
    expect(await said(8, { route: 'return:7' })).toMatch(
      /^Langkah 8 berkas ini sudah dikembalikan ke Petugas Pemrosesan[^)]*\) \(langkah 7\) oleh /,
    );
    expect(await said(10, { route: 'reject' })).toMatch(/^Langkah 10 berkas ini sudah ditolak oleh /);
    expect(await said(6, { supersededBy: 'keputusan-lain', by: 'kasi-layanan' })).toMatch(
      /^Langkah 6 berkas ini sudah diputuskan oleh Ir\. Ahmad Fauzi \(pejabat lain yang juga diminta\) pada /,
    );
    // The applicant's own confirmation on their page decides the loket's link: it is the applicant's, not the loket's.
    expect(await said(13, { route: 'approve', factor: { kind: 'receipt-code' } })).toBe(
      'Langkah 13 berkas ini sudah disetujui oleh pemohon sendiri di halaman pemohon pada 2 Desember 2026 pukul 10.30 WITA. Tidak ada yang diubah.',
    );
    expect(String(await decidedPage(link(9, { route: 'approve' }), sop, () => undefined))).toContain(
      '<a href="/tugas">Tugas saya</a>',
    );
  });
});
