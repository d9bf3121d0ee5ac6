import { describe, expect, it } from 'vitest';
import { problemsOf } from '#runtime/health-report.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * Behind a proxy PARAF_PROXY does not name, every visitor reads as the proxy's address, and a count
 * per client (the sign-in's, the receipt codes') is one count for all of them (the review of the
 * receipt-code throttle). The health report says so once such a request has come, and how to mend it.
 */
const at = parafForFile({ prefix: 'paraf-proksi-' });

describe('a proxy Paraf was not told of', () => {
  it('is named in the health report once a request comes through it, with what to set', async () => {
    const before = await at.paraf.health();
    expect(before.checks.find((check) => check.id === 'proxy')).toBeUndefined();
    // A request without X-Forwarded-For is a browser on this machine, not a proxy.
    await (await fetch(`${at.paraf.url}/`)).text();
    expect((await at.paraf.health()).checks.find((check) => check.id === 'proxy')).toBeUndefined();

    await (await fetch(`${at.paraf.url}/`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).text();
    const report = await at.paraf.health();
    const proxy = report.checks.find((check) => check.id === 'proxy');
    expect(proxy?.value).toBe('semua pengunjung terbaca sebagai satu alamat');
    expect(proxy?.problem).toContain('PARAF_PROXY tidak diisi');
    expect(proxy?.problem).toContain('Isi PARAF_PROXY=127.0.0.1, lalu mulai ulang Paraf.');
    expect(problemsOf(report)).toContain(proxy?.problem);
  });
});
