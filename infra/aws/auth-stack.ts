import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolUser,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  publicUrl: string;
  /** The prefix of the pool's sign-in domain: https://<prefix>.auth.<region>.amazoncognito.com. */
  domainPrefix: string;
  /** One user per official of config/staff.json: the user name is the official's id. */
  officials: { id: string; email: string }[];
}

/**
 * Staff sign-in: a Cognito user pool with no sign-up (the office creates its officials), TOTP as a
 * required second factor, and a public client for the web app's authorization code flow with PKCE
 * (functions/web/staff-sign-in.ts). The web app verifies the ID token and finds the official by its
 * user name.
 */
export class AuthStack extends Stack {
  readonly settings: { issuer: string; clientId: string; domain: string };

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const pool = new UserPool(this, 'Staff', {
      userPoolName: 'paraf-staff',
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const noPlusPlan =
      'Threat protection needs the Plus feature plan, a cost the office decides on; without it the pool still has no sign-up, a strong password policy and required TOTP.';
    Validations.of(pool).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-COG3', reason: noPlusPlan },
      { id: 'AwsSolutions::AwsSolutions-COG8', reason: noPlusPlan },
    );
    const domain = pool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    const client = pool.addClient('Web', {
      userPoolClientName: 'paraf-web',
      generateSecret: false,
      authFlows: {},
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.publicUrl}/masuk/kembali`],
        logoutUrls: [`${props.publicUrl}/`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    // Cognito e-mails each official a temporary password; at the first sign-in they choose their own and set up TOTP.
    for (const official of props.officials) {
      new CfnUserPoolUser(this, `User-${official.id}`, {
        userPoolId: pool.userPoolId,
        username: official.id,
        userAttributes: [
          { name: 'email', value: official.email },
          { name: 'email_verified', value: 'true' },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
    }
    // The ID tokens' iss; the pool's signing keys are at <issuer>/.well-known/jwks.json.
    this.settings = {
      issuer: `https://cognito-idp.${this.region}.${this.urlSuffix}/${pool.userPoolId}`,
      clientId: client.userPoolClientId,
      domain: domain.baseUrl(),
    };
  }
}
