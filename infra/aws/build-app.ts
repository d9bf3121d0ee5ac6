import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { checkedPublicUrl } from '#config/read-config.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { AlertsStack } from './alerts-stack.ts';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { EndpointStack } from './endpoint-stack.ts';
import { MailStack } from './mail-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { SigningStack } from './signing-stack.ts';
import { StorageStack } from './storage-stack.ts';
import { WorkflowStack } from './workflow-stack.ts';

export interface ParafAwsSettings {
  /**
   * Tells two Paraf deployments in one account and region apart (e.g. "uji" beside the office's own):
   * it goes into the stacks', machines', pool's and keys' names. None for the first.
   */
  stage?: string;
  /** Where people reach Paraf when it is not the domain below (e.g. behind a proxy of the office's). */
  publicUrl?: string;
  /** The office's domain for Paraf; without it, links use the API's own execute-api address. */
  domainName?: string;
  /** An ACM certificate (this region) for domainName; without it one is requested with DNS validation. */
  certificateArn?: string;
  /** The sender (`Name <address>` or an address); its domain becomes the SES identity. Required: no default can be verified. */
  mailFrom?: string;
  /** An RFC 3161 TSA for every signature (PAdES B-T and B-LTA); none: signatures stay B-B. */
  tsaUrl?: string;
  /** An OCSP responder for certificates whose AIA names none (the office CA's). */
  ocspUrl?: string;
  /**
   * paraf:allowWithoutTimestamp=true: deploy without a TSA, knowingly. Every signature is then PAdES
   * B-B (the server's clock, nothing after the certificates expire); synthesis refuses otherwise.
   */
  allowWithoutTimestamp?: boolean;
  /** The staff sign-in domain's prefix (globally unique in the region): https://<prefix>.auth.<region>.amazoncognito.com. */
  authDomainPrefix: string;
  /** Who is told of failed cases, function errors, 5xx answers and mail bounces (an SNS e-mail subscription). */
  alarmEmail?: string;
  /** Working days past its due time after which a waiting step alarms as stalled; 2 unless set. */
  stallMarginDays?: number;
  /** The staff directory the officials' keys and users come from; config/staff.json unless a test says otherwise. */
  staffFile?: URL;
}

const STAGE = /^[a-z][a-z0-9]{0,11}$/;
/** An address, alone or after a display name in angle brackets. */
const MAIL_FROM = /^(?:[^<>]+<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/;

/** The public URL's origin for the uploads bucket's CORS; the API's own address (a token) has no path. */
const pageOrigin = (publicUrl: string) => (/^https?:\/\//.test(publicUrl) ? new URL(publicUrl).origin : publicUrl);

/** The stacks of Paraf on AWS; `cdk.json` runs app.ts, tests build it with bundling skipped. */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the stacks in dependency order, each handing the next what it needs
export function buildApp(app: App, settings: ParafAwsSettings) {
  const stage = settings.stage ?? '';
  if (stage && !STAGE.test(stage))
    throw new Error(`paraf:stage "${stage}": a lower-case letter, then up to 11 lower-case letters or digits`);
  for (const [name, url] of [
    ['paraf:tsaUrl', settings.tsaUrl],
    ['paraf:ocspUrl', settings.ocspUrl],
  ] as const)
    if (url && !/^https?:\/\/[^/\s]+/.test(url)) throw new Error(`${name} "${url}": an http:// or https:// address`);
  if (!settings.tsaUrl && !settings.allowWithoutTimestamp)
    throw new Error(
      "No TSA: without -c paraf:tsaUrl=<RFC 3161 address> every signature would be PAdES B-B (its time only the server clock, not verifiable once the signers' certificates expire or are revoked). Give a TSA (e.g. BSrE's), or opt out explicitly with -c paraf:allowWithoutTimestamp=true. B-LT also needs revocation data: -c paraf:ocspUrl=<responder> unless the certificates name their own.",
    );
  const mailFrom = settings.mailFrom ?? '';
  if (!MAIL_FROM.test(mailFrom))
    throw new Error(
      `${settings.mailFrom === undefined ? 'No sender' : `paraf:mailFrom "${mailFrom}"`}: give -c paraf:mailFrom="Paraf DPMPTSP <paraf@<the office's domain>>". Its domain becomes the SES identity to verify; without one no e-mail (approval links, receipts) would go out.`,
    );
  const stackPrefix = stage ? `Paraf-${stage}-` : 'Paraf';
  const staff = loadStaffDirectory(
    settings.staffFile ?? new URL('../../config/staff.json', import.meta.url),
    loadCatalog(),
  );
  const endpoint = new EndpointStack(app, `${stackPrefix}Endpoint`, {
    nameSuffix: stage ? `-${stage}` : '',
    domainName: settings.domainName,
    certificateArn: settings.certificateArn,
  });
  // A given address is checked as npm start checks PARAF_PUBLIC_URL: a wrong one stops the build, not every Lambda.
  const publicUrl = settings.publicUrl ? checkedPublicUrl(settings.publicUrl, 'paraf:publicUrl') : endpoint.publicUrl;
  const storage = new StorageStack(app, `${stackPrefix}Storage`, { uploadOrigin: pageOrigin(publicUrl) });
  const signingAliasPrefix = `alias/paraf/${stage || 'main'}/`;
  const signing = new SigningStack(app, `${stackPrefix}Signing`, {
    officials: staff.officials.map((official) => official.id),
    aliasPrefix: signingAliasPrefix,
  });
  const alerts = new AlertsStack(app, `${stackPrefix}Alerts`, {
    alarmEmail: settings.alarmEmail,
    nameSuffix: stage ? `-${stage}` : '',
  });
  const mail = new MailStack(app, `${stackPrefix}Mail`, {
    mailFrom,
    configurationSet: alerts.mailEvents,
  });
  // Seventeen machines inline make a large template: written without indentation it stays well under CloudFormation's 1 MB.
  const workflows = new WorkflowStack(app, `${stackPrefix}Workflows`, {
    suppressTemplateIndentation: true,
    storage,
    dataKey: storage.dataKey,
    publicUrl,
    mailFrom,
    mailIdentityArn: mail.identityArn,
    signingAliasPrefix,
    tsaUrl: settings.tsaUrl,
    ocspUrl: settings.ocspUrl,
    machinePrefix: stage ? `${stage}-` : '',
  });
  const auth = new AuthStack(app, `${stackPrefix}Auth`, {
    publicUrl,
    nameSuffix: stage ? `-${stage}` : '',
    domainPrefix: settings.authDomainPrefix,
    officials: staff.officials.map(({ id, email }) => ({ id, email })),
  });
  const api = new ApiStack(app, `${stackPrefix}Api`, {
    api: endpoint.api,
    storage,
    dataKey: storage.dataKey,
    stateMachines: workflows.stateMachines,
    machinePrefix: stage ? `${stage}-` : '',
    revisions: workflows.revisions,
    publicUrl,
    mailFrom,
    mailIdentityArn: mail.identityArn,
    auth: auth.settings,
  });
  const stallMarginDays = settings.stallMarginDays ?? 2;
  if (!Number.isInteger(stallMarginDays) || stallMarginDays < 0)
    throw new Error(`paraf:stallMarginDays "${settings.stallMarginDays}": a whole number of working days`);
  workflows.functions.trackDeadline.addEnvironment('PARAF_STALL_MARGIN_DAYS', String(stallMarginDays));
  const monitoring = new MonitoringStack(app, `${stackPrefix}Monitoring`, {
    topic: alerts.topic,
    stateMachines: workflows.stateMachines,
    functions: {
      ...workflows.functions,
      deliverDecisions: workflows.sweep,
      renewTimestamps: workflows.renewal,
      web: api.web,
    },
    api: endpoint.api,
    stallMarginDays,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { endpoint, alerts, storage, signing, mail, workflows, auth, api, monitoring };
}
