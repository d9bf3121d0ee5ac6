import { Stack, type StackProps } from 'aws-cdk-lib';
import { type ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export interface MailStackProps extends StackProps {
  /** The address Paraf sends from; its domain becomes the SES identity (DKIM records to publish). */
  mailFrom: string;
  /** The identity's default configuration set, which tells the alerts topic of bounces (alerts-stack.ts). */
  configurationSet: ConfigurationSet;
}

/**
 * The SES identity the handlers send as. Its default configuration set (alerts-stack.ts) sends
 * every bounce, complaint, rejection and delivery delay to the alerts topic: an applicant's
 * mistyped address reaches the operator instead of vanishing.
 */
export class MailStack extends Stack {
  /** What the functions' policies name to send as the identity. */
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    const address = /<([^>]+)>/.exec(props.mailFrom)?.[1] ?? props.mailFrom;
    const domain = address.split('@')[1];
    if (!domain) throw new Error(`paraf:mailFrom "${props.mailFrom}": no domain in the address`);
    new EmailIdentity(this, 'Sender', {
      identity: Identity.domain(domain),
      configurationSet: props.configurationSet,
    });
    this.identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain });
  }
}
