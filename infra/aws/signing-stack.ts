import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { OFFICE_SEAL } from '#signing/office-seal.ts';

export interface SigningStackProps extends StackProps {
  /** The officials who sign (ids of the staff directory): one asymmetric key each. */
  officials: string[];
  /** Every key's alias starts with it: `alias/paraf/<stage>/`, so that the signing function's policy names them all. */
  aliasPrefix: string;
}

/**
 * One KMS signing key per official (ECC P-256, sign and verify only), and one for the office's
 * system seal (`segel-kantor`, the history sheets' seal), of the same spec. The private key never
 * leaves KMS; `npx paraf aws certify` has each public key certified (a CSR for the office CA or BSrE,
 * or a given CA) and stores the chains in the table, where the functions read them (README, deploying to AWS).
 *
 * Nothing is exported: the signing function may use any key whose alias starts with the stage's
 * prefix (workflow-stack.ts), so adding or removing an official changes this stack alone and never
 * meets an "export in use" between stacks.
 */
export class SigningStack extends Stack {
  /** Each official's key and the seal's, by their ids (the seal's is OFFICE_SEAL.id). */
  readonly keys: Record<string, Key> = {};

  constructor(scope: Construct, id: string, props: SigningStackProps) {
    super(scope, id, props);
    for (const signer of [...props.officials, OFFICE_SEAL.id]) {
      this.keys[signer] = new Key(this, `Key-${signer}`, {
        description:
          signer === OFFICE_SEAL.id ? 'Paraf: the office seal (history sheets)' : `Paraf: the signing key of ${signer}`,
        keySpec: KeySpec.ECC_NIST_P256,
        keyUsage: KeyUsage.SIGN_VERIFY,
        alias: `${props.aliasPrefix}${signer}`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
  }
}
