import type { z } from 'zod';
import * as apiU from './api-u.ts';
import * as daftarPeserta from './daftar-peserta.ts';
import * as suratTugas from './surat-tugas.ts';
import * as tandaTerima from './tanda-terima.ts';

/** Every document kind Paraf can render: its data schema; its template is templates/<kind>.hbs. */
export const DOCUMENT_KINDS: Readonly<Record<string, { schema: z.ZodType }>> = {
  'api-u': apiU,
  'tanda-terima': tandaTerima,
  'surat-tugas': suratTugas,
  'daftar-peserta': daftarPeserta,
};
