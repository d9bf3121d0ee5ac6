import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  publicUrl: string;
  /** The pool's and the client's names end with it, so that two stages in one account are told apart. */
  nameSuffix: string;
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
      userPoolName: `paraf-staff${props.nameSuffix}`,
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
    // What the operator needs after the deploy, printed by `cdk deploy` (README, "Deploying to AWS").
    new CfnOutput(this, 'SignInUrl', {
      value: domain.baseUrl(),
      description: "The staff sign-in (Cognito's hosted pages)",
    });
    new CfnOutput(this, 'NextSteps', {
      value:
        'Publish the ParafMail DKIM records and leave the SES sandbox; then, with PARAF_TABLE set: npx paraf aws certify (--csr or --ca-key), npx paraf staf buat --semua; staff sign in at SignInUrl',
      description: 'What to do before the first case',
    });
    const client = pool.addClient('Web', {
      userPoolClientName: `paraf-web${props.nameSuffix}`,
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
    this.officialsAsUsers(pool, props.officials);
    // The ID tokens' iss; the pool's signing keys are at <issuer>/.well-known/jwks.json.
    this.settings = {
      issuer: `https://cognito-idp.${this.region}.${this.urlSuffix}/${pool.userPoolId}`,
      clientId: client.userPoolClientId,
      domain: domain.baseUrl(),
    };
  }

  /**
   * One user per official, made by API calls rather than AWS::Cognito::UserPoolUser, whose every
   * change is a replacement: a new e-mail would mean deleting the official's user (and their TOTP)
   * and creating it again under the same name, which fails. Here a new e-mail updates the user in
   * place, and an official removed from the directory is disabled, not deleted (their sign-ins stay
   * in the pool's history). Cognito e-mails each new official a temporary password; at the first
   * sign-in they choose their own and set up TOTP.
   */
  private officialsAsUsers(pool: UserPool, officials: { id: string; email: string }[]): void {
    const policy = AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] });
    for (const official of officials) {
      const attributes = [
        { Name: 'email', Value: official.email },
        { Name: 'email_verified', Value: 'true' },
      ];
      const call = (action: string, parameters: Record<string, unknown>): AwsSdkCall => ({
        service: '@aws-sdk/client-cognito-identity-provider',
        action,
        parameters: { UserPoolId: pool.userPoolId, Username: official.id, ...parameters },
        physicalResourceId: PhysicalResourceId.of(official.id),
      });
      new AwsCustomResource(this, `User-${official.id}`, {
        onCreate: call('AdminCreateUser', { UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] }),
        onUpdate: call('AdminUpdateUserAttributes', { UserAttributes: attributes }),
        onDelete: call('AdminDisableUser', {}),
        policy,
        installLatestAwsSdk: false,
      });
    }
    // The one function CDK makes for every AwsCustomResource of the stack; its role is CDK's, made with
    // AWSLambdaBasicExecutionRole, and it runs only at deploy time.
    const provider = this.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider)
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "The deploy-time function that creates and updates the officials' users: CDK gives it this managed policy for its own logs.",
      });
  }
}
