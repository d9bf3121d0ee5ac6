import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface SigningStackProps extends StackProps {
  /** The officials who sign (ids of the staff directory): one asymmetric key each. */
  officials: string[];
  /** Every key's alias starts with it: `alias/paraf/<stage>/`, so that the signing function's policy names them all. */
  aliasPrefix: string;
}

/**
 * One KMS signing key per official (ECC P-256, sign and verify only). The private key never leaves
 * KMS; the office CA (or BSrE) certifies each public key, and the mapping official -> key and
 * certificate is the signer's configuration (README, deploying to AWS).
 *
 * Nothing is exported: the signing function may use any key whose alias starts with the stage's
 * prefix (workflow-stack.ts), so adding or removing an official changes this stack alone and never
 * meets an "export in use" between stacks.
 */
export class SigningStack extends Stack {
  readonly keys: Record<string, Key> = {};

  constructor(scope: Construct, id: string, props: SigningStackProps) {
    super(scope, id, props);
    for (const official of props.officials) {
      this.keys[official] = new Key(this, `Key-${official}`, {
        description: `Paraf: the signing key of ${official}`,
        keySpec: KeySpec.ECC_NIST_P256,
        keyUsage: KeyUsage.SIGN_VERIFY,
        alias: `${props.aliasPrefix}${official}`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
  }
}
