import { OutdatedTable } from '#records/table.ts';
import { DataFolderInUse } from './data-folder-lock.ts';
import { NoAccounts, startLocal } from './start-local.ts';

/** `npm start`: the embedded runtime, its data in PARAF_DATA (default ./.paraf), on 127.0.0.1:PORT (default 3000). */
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT "${process.env.PORT}" bukan nomor port yang sah (0 sampai 65535).`);
  process.exit(1);
}
const dataDir = process.env.PARAF_DATA ?? '.paraf';
// PARAF_HOST: the address to listen on beyond loopback (a LAN, behind a TLS proxy); only with accounts.
const host = process.env.PARAF_HOST || undefined;

try {
  const paraf = await startLocal({ dataDir, port, ...(host ? { host } : {}) });
  console.log(`Paraf berjalan di ${paraf.url}`);
  console.log(`  data:        ${paraf.dataDir}`);
  if ((process.env.PARAF_MAIL ?? 'outbox') === 'outbox')
    console.log(`  kotak keluar (e-mail): ${paraf.url}/api/outbox`);
  else console.log(`  e-mail dikirim lewat server surat ${process.env.PARAF_SMTP_HOST ?? ''}`);
  console.log(`  proses dilanjutkan setelah mulai ulang: ${paraf.resumed}`);
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
} catch (error) {
  if (error instanceof DataFolderInUse || error instanceof OutdatedTable || error instanceof NoAccounts) {
    console.error(error.message);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} sudah dipakai program lain. Jalankan dengan PORT=<nomor lain> npm start.`);
    process.exit(1);
  }
  throw error;
}
