import { ParafError } from '#errors/paraf-error.ts';
import { cachedCertificates } from '#records/certificates.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { isSelfIssued, ocspAddresses } from '#signing/ocsp-client.ts';
import { pemToDer } from '#signing/pem-to-der.ts';

/** A lane whose documents someone must paraf or sign, and nobody in it has a certified key. */
export interface UncertifiedLane {
  lane: string;
  label: string;
  sops: string[];
  /** The lane's officials, none of them certified (empty: nobody staffs it). */
  officials: { id: string; name: string }[];
}

export interface SigningReadiness {
  ready: boolean;
  lanes: UncertifiedLane[];
  /** Whether the office seal (the history sheets') is certified. */
  seal: boolean;
  /**
   * Certified officials of those lanes whose chain names no OCSP responder while a TSA is set and
   * no responder is configured: the register stamp's validation data (PAdES B-LT) could not be
   * fetched for their signatures, and every numbered case they signed would fail there.
   */
  noRevocationSource: { id: string; name: string }[];
}

/** The lanes that paraf, sign or stamp a number onto an SOP's documents: each needs a certified official. */
export function signingLanes(sop: Sop): string[] {
  const steps = new Set(
    sop.documents.flatMap((doc) => [...doc.parafAt, doc.signedAt, doc.numberedAt].filter((no) => no !== undefined)),
  );
  const lanes = sop.steps.filter((step) => steps.has(step.no)).map((step) => step.lane);
  for (const doc of sop.documents) if (doc.officeSigner) lanes.push(doc.officeSigner);
  return [...new Set(lanes)];
}

/**
 * Whether Paraf can sign every case it would take:
 *  1. locally (and with BSrE for the officials) always: the data folder's PKI, or BSrE, certifies;
 *  2. with KMS, the certificates `npx paraf aws certify` stored (read at most a minute old);
 *  3. each signing lane of the SOPs asked (all by default) with at least one certified official;
 *  4. the office seal certified (it seals every issued document's history sheet);
 *  5. with a TSA, an OCSP responder for every certificate of those officials' chains (named in it,
 *     or configured): the register stamp adds the validation data of every signature.
 */
export async function checkSigningReadiness(rt: Runtime, sops: readonly Sop[] = rt.catalog): Promise<SigningReadiness> {
  const kmsOfficials = rt.config.signer === 'kms';
  const kmsSeal = kmsOfficials || (rt.config.signer === 'bsre' && Boolean(rt.config.kmsKeysFile));
  // A key file (PARAF_KMS_KEYS) is the operator's own fallback: the signer reads it, and this check trusts it.
  if (!kmsSeal || rt.config.kmsKeysFile) return { ready: true, lanes: [], seal: true, noRevocationSource: [] };
  const certified = await cachedCertificates(rt.dynamo, rt.config.table);
  const lanes = new Map<string, UncertifiedLane>();
  const signers = new Map<string, { id: string; name: string }>();
  for (const sop of kmsOfficials ? sops : [])
    for (const lane of signingLanes(sop)) {
      const officials = rt.staff.forLane(lane);
      for (const official of officials)
        if (certified.has(official.id)) signers.set(official.id, { id: official.id, name: official.name });
      if (officials.some((official) => certified.has(official.id))) continue;
      const known = lanes.get(lane);
      if (known) known.sops.push(sop.id);
      else
        lanes.set(lane, {
          lane,
          label: sop.lanes.find((l) => l.id === lane)?.label ?? lane,
          sops: [sop.id],
          officials: officials.map((official) => ({ id: official.id, name: official.name })),
        });
    }
  const seal = certified.has(OFFICE_SEAL.id);
  const needsResponder = rt.config.tsa.provider !== 'none' && !rt.config.ocspUrl;
  const noRevocationSource = needsResponder
    ? [...signers.values()].filter((signer) => !namesResponders(certified.get(signer.id)?.certificates ?? []))
    : [];
  return {
    ready: lanes.size === 0 && seal && noRevocationSource.length === 0,
    lanes: [...lanes.values()],
    seal,
    noRevocationSource,
  };
}

/** Whether every certificate of a chain that a CA issued (a self-signed root needs none) names its OCSP responder. */
function namesResponders(chain: readonly string[]): boolean {
  return chain
    .map(pemToDer)
    .filter((der) => !isSelfIssued(der))
    .every((der) => ocspAddresses(der, undefined).length > 0);
}

/**
 * What is not certified yet, in one Indonesian sentence per lane (and the seal, and each certificate
 * without a revocation source): for the operator on the health page, with the setting to change; for
 * the loket's staff without it, who can only call the operator.
 */
export function readinessProblems(
  readiness: SigningReadiness,
  audience: 'operator' | 'counter' = 'operator',
): string[] {
  return [
    ...readiness.lanes.map(
      (lane) =>
        `Jalur ${lane.label} (${lane.sops.join(', ')}) belum punya pejabat bersertifikat: ${
          lane.officials.length
            ? `${lane.officials.map((official) => official.name).join(', ')} belum bersertifikat`
            : 'belum ada pejabat di jalur ini'
        }.`,
    ),
    ...(readiness.seal ? [] : ['Segel elektronik kantor belum bersertifikat.']),
    ...readiness.noRevocationSource.map((signer) =>
      audience === 'operator'
        ? `Sertifikat ${signer.name} tidak menyebut penjawab OCSP dan paraf:ocspUrl tidak diisi: data validasi jangka panjang (PAdES B-LT) dokumen bernomor tidak dapat diambil. Terbitkan ulang sertifikatnya dengan alamat OCSP, atau isi paraf:ocspUrl.`
        : `Sertifikat ${signer.name} belum dapat dipakai untuk dokumen bernomor, karena keabsahannya belum dapat diperiksa.`,
    ),
  ];
}

/** The loket's check before an intake: a case this SOP cannot sign is refused now, with what the operator must do. */
export async function requireSigningReadiness(rt: Runtime, sop: Sop): Promise<void> {
  const readiness = await checkSigningReadiness(rt, [sop]);
  if (readiness.ready) return;
  throw new ParafError(
    'signing-not-ready',
    `Loket belum dapat menerima berkas ${sop.title}: ${readinessProblems(readiness, 'counter').join(' ')} Mohon hubungi operator Paraf; halaman Kesehatan menjelaskan yang perlu dilakukan.`,
    {
      details: {
        lanes: readiness.lanes.map((lane) => lane.lane),
        seal: readiness.seal,
        noRevocationSource: readiness.noRevocationSource.map((signer) => signer.id),
      },
    },
  );
}
