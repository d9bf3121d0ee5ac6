import { Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

export interface AlertsStackProps extends StackProps {
  /** Who is told when something fails (the office's operator); without it, subscribe to the topic by hand. */
  alarmEmail?: string;
  /** The topic's name ends with it, so that two stages in one account are told apart. */
  nameSuffix: string;
}

/**
 * The one topic every alarm and every SES bounce or complaint is sent to, and the SES configuration
 * set that sends them. It comes first: the mail stack's identity uses the set, and the monitoring
 * stack's alarms publish to the topic.
 */
export class AlertsStack extends Stack {
  readonly topic: Topic;
  /** SES's configuration set whose bounces, complaints, rejections and delays come to the topic. */
  readonly mailEvents: ConfigurationSet;

  constructor(scope: Construct, id: string, props: AlertsStackProps) {
    super(scope, id, props);
    // A key of its own: CloudWatch alarms, SES and EventBridge may use it to publish, which the AWS-managed SNS key does not allow.
    const key = new Key(this, 'TopicKey', {
      description: "Paraf: encrypts the operator's alerts",
      enableKeyRotation: true,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'ses.amazonaws.com', 'events.amazonaws.com'])
      key.addToResourcePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          principals: [new ServicePrincipal(service)],
          resources: ['*'],
        }),
      );
    this.topic = new Topic(this, 'Alerts', {
      topicName: `paraf-alerts${props.nameSuffix}`,
      displayName: 'Paraf: peringatan operasional',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.grantPublish(new ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topic.grantPublish(new ServicePrincipal('ses.amazonaws.com'));
    this.topic.grantPublish(new ServicePrincipal('events.amazonaws.com'));
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.mailEvents = new ConfigurationSet(this, 'MailEvents', { configurationSetName: `paraf${props.nameSuffix}` });
    this.mailEvents.addEventDestination('ToAlerts', {
      destination: EventDestination.snsTopic(this.topic),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
  }
}
