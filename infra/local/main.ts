import { hasKeyPassphrase, readDataDir, readListenHost, readPort, readWorkerCount } from '#config/read-config.ts';
import { unknownSettings } from '#config/known-settings.ts';
import { isParafError } from '#errors/paraf-error.ts';
import { problemsOf } from '#runtime/health-report.ts';
import { KeyLocked, keysAreEncrypted } from '#signing/key-files.ts';
import { localPkiDir } from '#signing/local-signer.ts';
import { askPassphrase } from './ask-passphrase.ts';
import { startLocal } from './start-local.ts';

/**
 * `npm start`: the embedded runtime, its data in PARAF_DATA (default ./.paraf), on 127.0.0.1:PORT
 * (default 3000). The environment is read here, once (read-config.ts); the runtime gets it as settings.
 */
let port: number;
let workers: number;
try {
  port = readPort();
  // One worker per core unless PARAF_WORKERS says otherwise; a wrong one is said before any passphrase is asked.
  workers = readWorkerCount(process.env, 'auto');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// Before anything else is said: a mistyped setting would otherwise be ignored in silence.
for (const warning of unknownSettings(process.env)) console.log(`PERINGATAN: ${warning}`);
const dataDir = readDataDir();
const host = readListenHost();
// Keys the office encrypted (README, "Signing keys at rest"): the passphrase from the environment, or typed here.
let keyPassphrase: string | undefined;
const encryptedBefore = keysAreEncrypted(localPkiDir(dataDir));
if (!hasKeyPassphrase() && encryptedBefore) {
  if (!process.stdin.isTTY) {
    console.error(
      'Kunci penandatanganan di folder data terenkripsi. Jalankan npm start dari terminal (frasa sandi ditanyakan), atau berikan PARAF_KEY_PASSPHRASE.',
    );
    process.exit(1);
  }
  keyPassphrase = await askPassphrase('Frasa sandi kunci penandatanganan: ');
}

try {
  const paraf = await startLocal({
    dataDir,
    port,
    env: process.env,
    workers,
    ...(keyPassphrase === undefined ? {} : { keyPassphrase }),
    ...(host ? { host } : {}),
    onUpgradeStep: (line) => console.log(line),
  });
  console.log(`Paraf berjalan di ${paraf.url}`);
  console.log(`  data:        ${paraf.dataDir}`);
  const { mail, smtp } = paraf.runtime.config;
  if (mail === 'outbox') console.log(`  kotak keluar (e-mail): ${paraf.url}/kotak-keluar`);
  else console.log(`  e-mail dikirim lewat server surat ${smtp?.host ?? ''}`);
  console.log(`  proses dilanjutkan setelah mulai ulang: ${paraf.resumed}`);
  // The first start with a passphrase encrypts the keys (start-local.ts): from now on none starts without it.
  if (!encryptedBefore && keysAreEncrypted(localPkiDir(paraf.dataDir)))
    console.log(
      '  kunci penandatanganan kini terenkripsi dengan frasa sandi: setiap npm start berikutnya memerlukannya (PARAF_KEY_PASSPHRASE, atau diketik di terminal). Simpan frasa sandi di tempat kantor menyimpan rahasia lain; frasa sandi yang hilang berarti kunci dan sertifikat baru bagi setiap pejabat.',
    );
  console.log(
    `  utas kerja (membuat dan menandatangani dokumen): ${paraf.workers || 'tidak ada, semuanya di proses utama'}`,
  );
  if (paraf.signIn === 'demo')
    console.log(
      `  masuk demo: ${paraf.url}/masuk ("Masuk sebagai ..." tanpa kata sandi; hanya dari komputer ini, sampai akun pertama dibuat)`,
    );
  if (paraf.signIn === 'no-accounts')
    console.log('  belum ada akun pejabat: buat dengan npx paraf staf buat <id pejabat>');
  const { started, voided, failed } = paraf.settledIntakes;
  if (started || voided)
    console.log(
      `  pendaftaran yang terputus: ${started} berkas dilanjutkan, ${voided} nomor berkas dibatalkan (tercatat di register)`,
    );
  if (failed)
    console.log(
      `  ${failed} pendaftaran yang terputus belum dapat diselesaikan; dicoba lagi pada pendaftaran berikutnya dan saat Paraf dimulai lagi`,
    );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await paraf.close();
    process.exit(0);
  };
  // Before the line that invites Ctrl+C: a Ctrl+C right after it must find the handlers in place.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log('Tekan Ctrl+C untuk berhenti.');
  // Each problem the health report finds, said once at the start (the same as /kesehatan and npx paraf doctor),
  // after the ready line: the check reads every case and walks the folder, and nothing waits for it.
  paraf
    .health()
    .then((report) => {
      // Ctrl+C during the check closes the stores it asks: a stopping Paraf reports nothing.
      if (stopping) return;
      const problems = problemsOf(report);
      for (const problem of problems) console.log(`PERINGATAN: ${problem}`);
      console.log(
        `Pemeriksaan kesehatan: ${problems.length ? `${problems.length} hal perlu perhatian` : 'semua baik'} (rinciannya di /kesehatan).`,
      );
    })
    .catch((error: Error) => {
      if (!stopping) console.log(`PERINGATAN: pemeriksaan kesehatan gagal (${error.message})`);
    });
} catch (error) {
  // A refusal is worded for whoever started Paraf (the data folder in use, no accounts, a lost revision, PARAF_WORKERS, a locked key, an outdated table).
  if (isParafError(error)) {
    console.error(error.message);
    // What to do is npm start's own to say: the same refusal reaches a running Paraf's signer too.
    if (error instanceof KeyLocked && error.reason === 'wrong')
      console.error('Jalankan npm start lagi dengan frasa sandi kantor yang benar (huruf besar dan kecil dibedakan).');
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} sudah dipakai program lain. Jalankan dengan PORT=<nomor lain> npm start.`);
    process.exit(1);
  }
  throw error;
}
