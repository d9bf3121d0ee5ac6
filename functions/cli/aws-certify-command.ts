// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as x509 from '@peculiar/x509';
import { readStaffFile, readTableName } from '#config/read-config.ts';
import { isParafError } from '#errors/paraf-error.ts';
import { putCertificate } from '#records/certificates.ts';
import {
  certifyWithCa,
  checkChain,
  kmsCertificateRequest,
  kmsPublicKey,
  type KmsPublicKey,
} from '#signing/kms-certificates.ts';
import { pemCertificates } from '#signing/pem-to-der.ts';
import { ORGANISATION, officialSubject } from '#signing/local-pki.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { loadRevisions } from '#sop/load-catalog.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { type Command, readOptions } from './command-line.ts';

const USAGE = `Pemakaian:
  paraf aws certify --csr <folder> [--stage <tahap>]
      untuk kunci KMS setiap pejabat dan segel kantor: permintaan sertifikat (CSR, PEM) <id>.csr.pem,
      ditandatangani kunci itu sendiri di KMS, untuk ditandatangani CA (BSrE atau CA kantor)
  paraf aws certify --ca-key <kunci.pem> --ca-cert <ca.pem> [--stage <tahap>] [--table <tabel>]
      disertifikasi langsung oleh CA yang diberikan, lalu rantainya disimpan di tabel
  paraf aws certify --import <folder> [--stage <tahap>] [--table <tabel>]
      rantai yang dikembalikan CA (<id>.pem: sertifikat pejabat dulu, lalu CA) diperiksa dan disimpan
  Tabel: --table atau PARAF_TABLE; wilayah dan kredensial AWS seperti AWS CLI (AWS_REGION, AWS_PROFILE).`;

interface Signer {
  id: string;
  subject: x509.JsonName;
}

/**
 * `npx paraf aws certify`: each signer's KMS key (the officials' and the office seal's, by the
 * signing stack's aliases `alias/paraf/<stage>/<id>`) certified, its chain stored in the table where
 * the functions read it (records/certificates.ts). Three ways: CSRs for an outside CA, a given CA
 * certifying at once, or the CA's returned chains imported. Exit 0 when every signer went through,
 * 1 when one failed (the others are done), 2 when it could not run.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one CLI command: its options parsed once, then one short branch per mode (--csr, --ca-key, --import) over the same signers
export const awsCommand: Command = async (args, out, err, env = process.env) => {
  const [action, ...rest] = args;
  const values = readOptions(
    'paraf aws',
    rest,
    {
      csr: { type: 'string' },
      'ca-key': { type: 'string' },
      'ca-cert': { type: 'string' },
      import: { type: 'string' },
      stage: { type: 'string' },
      table: { type: 'string' },
    },
    USAGE,
    err,
  );
  if (!values) return 2;
  const modes = [values.csr, values['ca-key'] ?? values['ca-cert'], values.import].filter(Boolean).length;
  if (action !== 'certify' || modes !== 1 || Boolean(values['ca-key']) !== Boolean(values['ca-cert'])) {
    err(`paraf aws: pilih satu: --csr, --ca-key dengan --ca-cert, atau --import.\n${USAGE}\n`);
    return 2;
  }
  const table = values.table ?? readTableName(env);
  if (!values.csr && !table) {
    err('paraf aws certify: tabel Paraf tidak diketahui: beri --table <nama> atau PARAF_TABLE.\n');
    return 2;
  }
  const stage = values.stage ?? 'main';
  const kms = new KMSClient({});
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const store = async (signer: Signer, key: KmsPublicKey, chain: string[]) => {
    const leaf = await checkChain(chain, key);
    if (!table) throw new Error('aws certify: a certificate to store without a table (only --csr runs without one)');
    await putCertificate(dynamo, table, {
      signerId: signer.id,
      keyId: key.keyId,
      algorithm: key.algorithm,
      certificates: chain,
      subject: leaf.subject,
      notAfter: leaf.notAfter.toISOString(),
      storedAt: new Date().toISOString(),
    });
    return `tersimpan, ${leaf.subject}, berlaku sampai ${leaf.notAfter.toISOString().slice(0, 10)}`;
  };
  // --ca-key and --ca-cert come together (checked above).
  const caKey = values['ca-key'];
  const caCert = values['ca-cert'];
  const ca = caKey &&
    caCert && {
      keyPem: readFileSync(resolve(caKey), 'utf8'),
      certificatePems: pemCertificates(readFileSync(resolve(caCert), 'utf8')),
    };
  if (values.csr) mkdirSync(resolve(values.csr), { recursive: true });
  let failed = 0;
  try {
    for (const signer of signers(env)) {
      try {
        const key = await kmsPublicKey(kms, `alias/paraf/${stage}/${signer.id}`);
        let done: string;
        if (values.csr) {
          const file = join(resolve(values.csr), `${signer.id}.csr.pem`);
          writeFileSync(file, await kmsCertificateRequest(kms, key, signer.subject));
          done = `CSR ditulis ke ${file}`;
        } else if (ca) done = await store(signer, key, await certifyWithCa(key, signer.subject, ca));
        else {
          // A CA may return the chains a few at a time: a signer without its file waits for the next import.
          if (!values.import) throw new Error('aws certify: the mode check passed without --csr, --ca-key or --import');
          const file = join(resolve(values.import), `${signer.id}.pem`);
          done = existsSync(file)
            ? await store(signer, key, pemCertificates(readFileSync(file, 'utf8')))
            : `belum ada ${file}, dilewati`;
        }
        out(`  ${signer.id}: ${done}\n`);
      } catch (error) {
        failed += 1;
        out(`  GAGAL ${signer.id}: ${failureOf(error)}\n`);
      }
    }
  } finally {
    kms.destroy();
    dynamo.destroy();
  }
  out(
    failed
      ? `${failed} penanda tangan gagal; perbaiki lalu ulangi (yang sudah tersimpan tetap).\n`
      : values.csr
        ? 'Kirim setiap CSR ke CA; simpan rantai yang dikembalikan sebagai <id>.pem, lalu jalankan: paraf aws certify --import <folder>.\n'
        : 'Semua sertifikat tersimpan; fungsi Paraf memakainya dalam satu menit, tanpa deploy ulang.\n',
  );
  return failed ? 1 : 0;
};

/**
 * A signer's failure as the operator reads it: Paraf's refusal by its message (Bahasa Indonesia);
 * the SDK's own errors are English, so they are named as AWS's answer; a plain Error (a file that
 * cannot be read) by its message.
 */
function failureOf(error: unknown): string {
  const { name, message } = error as Error;
  if (isParafError(error) || name === 'Error') return message;
  return `jawaban AWS atau jaringan (${name}): ${message}`;
}

/** Every official of the staff directory (each has a key in the signing stack), then the office seal. */
function signers(env: NodeJS.ProcessEnv): Signer[] {
  const staff = loadStaffDirectory(readStaffFile(env), loadRevisions());
  return [
    ...staff.officials.map((official) => ({ id: official.id, subject: officialSubject(official, ORGANISATION) })),
    {
      id: OFFICE_SEAL.id,
      subject: [{ '2.5.4.3': [OFFICE_SEAL.name] }, { '2.5.4.10': [ORGANISATION] }, { '2.5.4.6': ['ID'] }],
    },
  ];
}
