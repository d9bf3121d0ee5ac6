import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Runtime } from '#runtime/runtime.ts';
import { page } from './page.ts';

/**
 * /direktori-staf: the staff directory checked against the catalog, SOP by SOP: who acts in each lane
 * (config/staff.json), beside the qualifications the SOP asks of its executors ("Kualifikasi pelaksana"),
 * so whoever assigns officials to lanes sees what the SOP requires of them.
 */
export function staffDirectoryRoutes(rt: Runtime) {
  const app = new Hono();

  app.get('/direktori-staf', (c) => {
    const wanted = c.req.query('sop') ?? '';
    const sops = wanted ? rt.catalog.filter((sop) => sop.id === wanted) : rt.catalog;
    return c.html(
      page(
        'Direktori staf',
        html`<p>Setiap lajur SOP dan petugas yang menjalankannya menurut direktori staf, beserta kualifikasi pelaksana yang diminta SOP. Periksa bahwa setiap petugas memenuhi kualifikasi SOP yang dijalankannya.</p>
          <form method="get" class="card">
            <label for="sop">SOP</label>
            <select id="sop" name="sop">
              <option value="">Semua SOP</option>
              ${rt.catalog.map((sop) => html`<option value="${sop.id}" ${sop.id === wanted ? 'selected' : ''}>${sop.id}: ${sop.title}</option>`)}
            </select>
            <button type="submit">Tampilkan</button>
          </form>
          ${sops.map((sop) => {
            const qualifications = sop.sections.kualifikasiPelaksana;
            return html`<section class="card" id="${sop.id}">
              <h2>${sop.id}: ${sop.title}</h2>
              <h3>Kualifikasi pelaksana (SOP)</h3>
              ${
                qualifications?.length
                  ? html`<ul class="kualifikasi">${qualifications.map((item) => html`<li>${item}</li>`)}</ul>`
                  : html`<p class="notice">SOP ini tidak memuat kualifikasi pelaksana.</p>`
              }
              <div class="table-wrap"><table class="stack">
                <thead><tr><th scope="col">Lajur</th><th scope="col">Petugas</th></tr></thead>
                <tbody>${sop.lanes.map((lane) => {
                  const officials = rt.staff.forLane(lane.id);
                  return html`<tr><td data-label="Lajur">${lane.label}</td><td data-label="Petugas">${
                    lane.external
                      ? 'Di luar DPMPTSP (pemohon atau instansi lain)'
                      : officials.length
                        ? officials.map((o) => html`<div>${o.name}, ${o.position} (${o.rank}, NIP ${o.nip})</div>`)
                        : html`<strong class="error">Belum ada petugas</strong>`
                  }</td></tr>`;
                })}</tbody>
              </table></div>
            </section>`;
          })}`,
      ),
    );
  });
  return app;
}
