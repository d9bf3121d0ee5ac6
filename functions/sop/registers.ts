import type { Register } from './schema.ts';

/**
 * The office's registers: one sequence per register and year, gapless (issue 4 stores them).
 * Classification codes follow the office's practice seen in the seeds (503 for licensing,
 * 067 for DALAK); an office can change a format here without touching an SOP.
 */
export const REGISTERS: readonly Register[] = [
  { id: 'api-u', title: 'Register Angka Pengenal Importir Umum', format: '503/{seq:03}/API-U/DPMPTSP-III/{romanMonth}/{year}' },
  { id: 'imta', title: 'Register Izin Perpanjangan IMTA', format: '503/{seq:03}/IMTA/DPMPTSP-III/{romanMonth}/{year}' },
  { id: 'rekomendasi-eo', title: 'Register Rekomendasi Penyelenggara Pameran', format: '503/{seq:03}/REK-EO/DPMPTSP-III/{romanMonth}/{year}' },
  { id: 'surat-keluar-layanan', title: 'Register Surat Keluar Bidang Layanan', format: '503/{seq:03}/DPMPTSP-III/{romanMonth}/{year}' },
  { id: 'surat-tugas', title: 'Register Surat Tugas', format: '094/{seq:03}/DPMPTSP-DALAK/{romanMonth}/{year}' },
  { id: 'surat-keluar-dalak', title: 'Register Surat Keluar Bidang Pengendalian', format: '067/{seq:03}/DPMPTSP-DALAK/{romanMonth}/{year}' },
  { id: 'rekomendasi-pencabutan', title: 'Register Rekomendasi Pencabutan Izin', format: '067/{seq:03}/REK-CABUT/DPMPTSP-DALAK/{romanMonth}/{year}' },
  { id: 'sk-kepala-dinas', title: 'Register Keputusan Kepala Dinas', format: '188.4/{seq:03}/SK/DPMPTSP/{romanMonth}/{year}' },
];
