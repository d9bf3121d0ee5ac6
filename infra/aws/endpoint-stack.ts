import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { ApiMapping, type CfnStage, DomainName, HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface EndpointStackProps extends StackProps {
  /** The API's name ends with it, so that two stages in one account are told apart. */
  nameSuffix: string;
  /** The office's own address for Paraf (e.g. paraf.dpmptsp.kaltimprov.go.id); without it, the API's own address. */
  domainName?: string;
  /** An ACM certificate for domainName in this region; without it one is requested with DNS validation. */
  certificateArn?: string;
}

/**
 * Where people reach Paraf: the HTTP API (its routes are added by the API stack) and, when the
 * office has a domain, that domain with its certificate. It comes first because everything that
 * names Paraf's address depends on it: the e-mailed links, the QR codes, the sign-in's callback.
 */
export class EndpointStack extends Stack {
  readonly api: HttpApi;
  /** The base of every link: https://<domain>, or the API's own https://<id>.execute-api.<region>.amazonaws.com. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: EndpointStackProps) {
    super(scope, id, props);
    this.api = new HttpApi(this, 'Http', { apiName: `paraf${props.nameSuffix}`, createDefaultStage: true });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latency: '$context.responseLatency',
      }),
    };
    if (!props.domainName) {
      this.publicUrl = this.api.apiEndpoint;
      new CfnOutput(this, 'PublicUrl', {
        value: this.publicUrl,
        description: "Paraf's address (the API's own; set paraf:domainName for the office's domain)",
      });
      return;
    }
    const certificate = this.certificate(props.domainName, props.certificateArn);
    const domain = new DomainName(this, 'Domain', { domainName: props.domainName, certificate });
    new ApiMapping(this, 'Mapping', { api: this.api, domainName: domain, stage: this.api.defaultStage });
    this.publicUrl = `https://${props.domainName}`;
    new CfnOutput(this, 'PublicUrl', { value: this.publicUrl, description: "Paraf's address" });
    new CfnOutput(this, 'DnsRecord', {
      value: `${props.domainName} CNAME ${domain.regionalDomainName}`,
      description: 'Publish this record at the DNS of the domain so that the address reaches the API',
    });
  }

  private certificate(domainName: string, certificateArn: string | undefined): ICertificate {
    if (certificateArn) return Certificate.fromCertificateArn(this, 'Certificate', certificateArn);
    new CfnOutput(this, 'CertificateValidation', {
      value: `ACM console, certificate for ${domainName}: publish its CNAME validation record; the deploy waits for it`,
      description: 'The certificate is issued once its DNS validation record is published',
    });
    return new Certificate(this, 'Certificate', { domainName, validation: CertificateValidation.fromDns() });
  }
}
