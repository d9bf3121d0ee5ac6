import { Stack, type StackProps } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export interface MailStackProps extends StackProps {
  /** The address Paraf sends from; its domain becomes the SES identity (DKIM records to publish). */
  mailFrom: string;
}

/** The SES identity the handlers send as. */
export class MailStack extends Stack {
  readonly identity: EmailIdentity;
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    const address = /<([^>]+)>/.exec(props.mailFrom)?.[1] ?? props.mailFrom;
    const domain = address.split('@')[1];
    if (!domain) throw new Error(`PARAF_MAIL_FROM "${props.mailFrom}" has no domain to send from`);
    this.identity = new EmailIdentity(this, 'Sender', { identity: Identity.domain(domain) });
    this.identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain });
  }
}
