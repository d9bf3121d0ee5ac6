import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archiveRoot, locateRevision, type RevisionPlace } from '#archive/locate-revision.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf, type SignatureReport } from '#signing/verify-pdf.ts';

const USAGE = 'Cara pakai: paraf verify <berkas.pdf> [--ca ca.pem ...] [--data <folder> | --archive <direktori>]';

const NO_ANCHORS = `paraf verify: tidak ada sertifikat akar tepercaya, sehingga tidak satu pun tanda tangan dapat dipercaya: salinan yang ditandatangani ulang oleh instalasi Paraf lain akan lolos.
  Berikan --ca <ca.pem>: CA yang menerbitkan sertifikat pejabat (di AWS sertifikat terakhir dari rantai yang disimpan npx paraf aws certify),
  atau --data <folder> untuk memakai CA pengembangan instalasi lokal (<folder>/pki/ca.cert.pem).
`;

/**
 * `paraf verify <file.pdf>`: every signature against the trust anchors given (none given is an
 * error, never a pass), and, with an archive, whether the file is the issued revision of its copy
 * or an earlier one cut back from it. Exit 0 only when all holds; 1 when something does not; 2
 * when it cannot tell (no file, no anchors).
 */
export async function verifyCommand(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  defaultDataDir = '.paraf',
): Promise<number> {
  const options = {
    ca: { type: 'string', multiple: true },
    data: { type: 'string' },
    archive: { type: 'string' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options });
  } catch (error) {
    err(`paraf verify: pilihan tidak dikenal atau tidak lengkap (${(error as Error).message})\n${USAGE}\n`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file) {
    err(`paraf verify: berkas PDF mana? ${USAGE}\n`);
    return 2;
  }
  // The data folder given, or the default one where it exists: its development CA and its archive.
  const dataDir = parsed.values.data ?? defaultDataDir;
  if (parsed.values.data && !existsSync(parsed.values.data)) {
    err(`paraf verify: folder data ${parsed.values.data} tidak ada\n`);
    return 2;
  }
  const caFiles = parsed.values.ca ?? [join(dataDir, 'pki', 'ca.cert.pem')].filter((path) => existsSync(path));
  const anchors = caFiles.flatMap((path) => certificatesIn(readFileSync(path, 'utf8')));
  if (anchors.length === 0) {
    err(NO_ANCHORS);
    return 2;
  }
  const pdf = readFileSync(file);
  const report = await verifyPdf(pdf, anchors);
  if (report.signatures.length === 0) {
    err(`${file}: tidak ada tanda tangan elektronik\n`);
    return 1;
  }
  out(`Sertifikat akar tepercaya: ${caFiles.join(', ')} (${anchors.length} sertifikat)\n`);
  for (const [i, s] of report.signatures.entries()) out(describeSignature(s, i + 1));
  for (const stamp of report.documentTimestamps)
    out(
      `Stempel waktu dokumen ${stamp.field}: ${stamp.valid ? `sah, ${stamp.time} dari ${stamp.tsa} (${stamp.trusted ? 'penyedia tepercaya' : 'penyedia TIDAK tepercaya'})` : `TIDAK SAH: ${inIndonesian(stamp.problem)}`}; ${coverage(stamp.coversWholeFile)}\n`,
    );
  const { certificates, ocspResponses, verifiedGood, crls, verifiedCrls } = report.validationData;
  out(
    certificates || ocspResponses || crls
      ? `Data validasi (DSS): ${certificates} sertifikat, ${ocspResponses} respons OCSP (${verifiedGood} terverifikasi baik), ${crls} daftar pencabutan CRL (${verifiedCrls} terverifikasi)\n`
      : 'Data validasi (DSS): tidak ada\n',
  );
  if (report.unsignedTailBytes > 0)
    out(`PERUBAHAN TANPA TANDA TANGAN: ${report.unsignedTailBytes} bita ditambahkan setelah tanda tangan terakhir\n`);

  const archiveDir = parsed.values.archive ?? (existsSync(join(dataDir, 's3')) ? dataDir : undefined);
  const root = archiveDir ? archiveRoot(archiveDir) : undefined;
  if (parsed.values.archive && !root) {
    err(`paraf verify: tidak ada arsip di ${parsed.values.archive}\n`);
    return 2;
  }
  let issued = true;
  if (root) {
    const place = locateRevision(root, pdf);
    issued = place.status === 'final';
    out(
      `${describePlace(place, report.signatures.length, await issuedSignatures(place, anchors))} (arsip: ${archiveDir})\n`,
    );
  } else {
    out(
      'Revisi terbit: tidak diperiksa; berikan --data <folder> atau --archive <direktori> (salinan bucket arsip) untuk membandingkan dengan salinan terbit di arsip\n',
    );
  }
  const ok = report.ok && issued;
  out(ok ? 'HASIL: SAH\n' : 'HASIL: TIDAK SAH\n');
  return ok ? 0 : 1;
}

/**
 * One signature, as office staff and auditors read it: first whether it holds ("sah") and why not,
 * then who signed, the certificate, its timestamp and the PAdES level it reaches.
 */
function describeSignature(s: SignatureReport, number: number): string {
  const t = s.timestamp;
  const faults = [
    !s.valid && `tanda tangan tidak cocok: ${inIndonesian(s.problem)}`,
    s.trusted === false && 'sertifikat tidak diterbitkan oleh CA tepercaya',
    s.valid &&
      !s.certificateValidAtSigning &&
      (s.revokedAt
        ? `sertifikat dicabut ${s.revokedAt}, ${s.signingTime ? 'sebelum waktu penandatanganan' : 'dan waktu penandatanganan tidak terbukti oleh stempel waktu tepercaya'}`
        : `sertifikat TIDAK berlaku ${s.signingTime ? 'pada waktu penandatanganan' : 'saat ini'}`),
    t && !t.valid && `stempel waktu tidak sah: ${inIndonesian(t.problem)}`,
    t?.valid && t.trusted === false && 'penyedia stempel waktu tidak tepercaya',
  ].filter(Boolean);
  const when = !t
    ? `tanpa stempel waktu: waktu ${s.signedAt} hanya pengakuan penanda tangan; sertifikat ${s.certificateValidAtSigning ? 'berlaku' : 'TIDAK berlaku'} saat ini`
    : s.signingTime
      ? `stempel waktu ${t.time} dari ${t.tsa} (penyedia tepercaya); sertifikat ${s.certificateValidAtSigning ? 'berlaku' : 'TIDAK berlaku'} pada waktu penandatanganan menurut stempel waktu`
      : t.valid
        ? `stempel waktu ${t.time} dari ${t.tsa} (penyedia TIDAK tepercaya, sehingga waktunya tidak dipakai); sertifikat ${s.certificateValidAtSigning ? 'berlaku' : 'TIDAK berlaku'} saat ini`
        : `stempel waktu TIDAK SAH: ${inIndonesian(t.problem)}`;
  return [
    `Tanda tangan ${number}: ${faults.length ? `TIDAK SAH (${faults.join('; ')})` : 'sah'}`,
    `    ${s.reason || 'Tanda tangan'} oleh ${s.signer} (${s.position}, NIP ${s.nip}), kolom ${s.field}; sertifikat diterbitkan oleh ${s.issuer || 'CA tanpa nama'}`,
    `    ${s.trusted === false ? 'sertifikat TIDAK tepercaya' : 'sertifikat tepercaya'}; ${coverage(s.coversWholeFile)}`,
    `    ${when}`,
    `    tingkat PAdES ${s.level}`,
    '',
  ].join('\n');
}

const coverage = (whole: boolean) => (whole ? 'mencakup seluruh berkas' : 'mencakup revisi sebelumnya');

/** verify-pdf words each problem in Bahasa Indonesia; one it could not name is an unreadable structure. */
const inIndonesian = (problem: string | undefined) => problem ?? 'struktur tanda tangan tidak terbaca';

/** Every certificate of a PEM file: an office CA often comes with its own issuer. */
function certificatesIn(pem: string): Uint8Array[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(pemToDer);
}

async function issuedSignatures(place: RevisionPlace, anchors: Uint8Array[]): Promise<SignatureReport[]> {
  return 'issued' in place ? (await verifyPdf(readFileSync(place.issued.path), anchors)).signatures : [];
}

const who = (s: SignatureReport | undefined) =>
  s ? `${s.reason || 'tanda tangan'} oleh ${s.signer} (${s.position})` : 'akhir';

/** Where the file stands against the issued copy: the last signature it has, and the first it lacks. */
function describePlace(place: RevisionPlace, signatures: number, issued: SignatureReport[]): string {
  const copy =
    'archived' in place
      ? `salinan ${place.archived.copy} ${place.archived.kind}, permohonan ${place.archived.caseId}`
      : '';
  switch (place.status) {
    case 'not-archived':
      return `TIDAK ADA DI ARSIP: tidak ada salinan terarsip dengan SHA-256 ${place.sha256}`;
    case 'not-issued':
      return `BELUM DITERBITKAN: ${copy} ada di arsip, tetapi permohonannya belum memiliki jejak audit`;
    case 'replaced':
      return `BUKAN REVISI TERBIT: draf ${copy} yang dibuat ulang setelah dikembalikan`;
    case 'final':
      return `Revisi terbit: ya, revisi ${place.position} dari ${place.of}, ${copy}, ${issued.length} tanda tangan${
        place.position < place.of ? ' (sebagaimana diterbitkan; arsip sesudahnya memperbarui stempel waktunya)' : ''
      }`;
    case 'earlier': {
      const after =
        signatures === 0
          ? 'seperti saat dibuat, sebelum tanda tangan apa pun'
          : `setelah ${who(issued[signatures - 1])}`;
      return `BUKAN REVISI TERBIT: revisi ${place.position} dari ${place.of}, ${copy}: ${after}, sebelum ${who(issued[signatures])}; salinan terbit memiliki ${issued.length} tanda tangan, berkas ini ${signatures}`;
    }
  }
}
