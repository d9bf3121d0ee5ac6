import type { ParafConfig } from './read-config.ts';
import { badOfficeFile } from './read-office-file.ts';

const NAMES_BSRE = /\bBSrE\b|Balai Sertifikasi Elektronik/i;

/**
 * The statement beside every issued document's QR code names who issued the officials' signing
 * certificates (office.json certificateIssuer). It must be true of the signer in use, or a citizen
 * reads that a permit bears a certified signature it does not: signing through BSrE, it names BSrE;
 * with the development CA of one machine, or BSrE's stand-in (`PARAF_SIGNER=bsre` without an
 * address, whose certificates are for trying Paraf), it does not. With KMS keys the operator chose
 * the CA at `paraf aws certify` (the office's or a certified one), so nothing is inferred there.
 */
export function checkCertificateIssuer(
  statement: string,
  config: Pick<ParafConfig, 'signer' | 'bsre' | 'officeFile'>,
): void {
  const namesBsre = NAMES_BSRE.test(statement);
  const realBsre = config.signer === 'bsre' && config.bsre?.baseUrl !== 'local' && !config.bsre?.trialPassphrase;
  if (realBsre && !namesBsre)
    throw badOfficeFile(config.officeFile, [
      `certificateIssuer bernilai "${statement}", padahal para pejabat menandatangani dengan sertifikat BSrE (PARAF_SIGNER=bsre): tulis "Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"`,
    ]);
  if (config.signer !== 'kms' && !realBsre && namesBsre)
    throw badOfficeFile(config.officeFile, [
      `certificateIssuer bernilai "${statement}", padahal sertifikat para pejabat di sini bukan dari BSrE (CA pengembangan Paraf atau tiruan BSrE untuk uji coba): pernyataan di samping kode QR setiap dokumen akan keliru`,
    ]);
}
