import { describe, expect, it } from 'vitest';
import { pdfOf } from '../support/padded-pdf.ts';
import { parafForFile } from '../support/start-paraf.ts';

// A runtime of its own, in a file of its own: two local runtimes in one test process share the
// process's engine and pool, so this one's stop stalled direct-uploads' cases (shuffled, seed
// 1796291652062).
describe('verification by upload: the limit is the configuration', () => {
  const limited = parafForFile({ prefix: 'paraf-verifikasi-batas-', env: { PARAF_VERIFY_UPLOAD_MB: '1' } });

  it('states the lowered limit and refuses a PDF above it, from its length and after reading it', async () => {
    const form = await (await fetch(`${limited.paraf.url}/verifikasi`)).text();
    expect(form).toContain('Berkas PDF (paling besar 1 MB)');
    for (const extra of [4 * 1024, 2 * 1024 * 1024]) {
      const body = new FormData();
      const pdf = await pdfOf('Salinan izin', 1024 * 1024 + extra);
      body.append('berkas', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'izin.pdf');
      const answer = await fetch(`${limited.paraf.url}/verifikasi`, { method: 'POST', body });
      expect(answer.status).toBe(413);
      expect(await answer.text()).toContain('Berkas terlalu besar: paling besar 1 MB.');
    }
  });
});
