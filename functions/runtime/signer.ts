import { KMSClient } from '@aws-sdk/client-kms';
import { KmsSigner, loadKmsKeys } from '#signing/kms-signer.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import type { SignerPort } from '#signing/signer-port.ts';
import type { Runtime } from './runtime.ts';

const signers = new WeakMap<Runtime, SignerPort>();

/**
 * The signer of PARAF_SIGNER, built once per runtime. Kept out of runtime.ts so that only the signing
 * function carries the CMS and certificate libraries in its bundle.
 */
export function signer(rt: Runtime): SignerPort {
  let built = signers.get(rt);
  if (!built) {
    const { config } = rt;
    // The key mapping is read when the first signature is made.
    let kmsKeys: ReturnType<typeof loadKmsKeys> | undefined;
    const keyOf = (officialId: string) => {
      kmsKeys ??= loadKmsKeys(required(config.kmsKeysFile, 'PARAF_KMS_KEYS'));
      return kmsKeys(officialId);
    };
    built =
      config.signer === 'kms'
        ? new KmsSigner(new KMSClient({}), keyOf)
        : new LocalSigner(required(config.dataDir, 'PARAF_DATA'));
    signers.set(rt, built);
  }
  return built;
}

/** A setting the chosen signer cannot go without (read-config.ts checks it at start; this names it again if not). */
function required(value: string | undefined, setting: string): string {
  if (!value) throw new Error(`the signer needs ${setting}`);
  return value;
}
