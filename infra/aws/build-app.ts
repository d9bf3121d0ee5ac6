import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { MailStack } from './mail-stack.ts';
import { SigningStack } from './signing-stack.ts';
import { StorageStack } from './storage-stack.ts';
import { WorkflowStack } from './workflow-stack.ts';

export interface ParafAwsSettings {
  publicUrl: string;
  mailFrom: string;
  /** The staff sign-in domain's prefix (globally unique in the region): https://<prefix>.auth.<region>.amazoncognito.com. */
  authDomainPrefix: string;
}

/** The stacks of Paraf on AWS; `cdk.json` runs app.ts, tests build it with bundling skipped. */
export function buildApp(app: App, settings: ParafAwsSettings) {
  const staff = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), loadCatalog());
  const storage = new StorageStack(app, 'ParafStorage');
  const signing = new SigningStack(app, 'ParafSigning', { officials: staff.officials.map((official) => official.id) });
  const mail = new MailStack(app, 'ParafMail', { mailFrom: settings.mailFrom });
  // Seventeen machines inline make a large template: written without indentation it stays well under CloudFormation's 1 MB.
  const workflows = new WorkflowStack(app, 'ParafWorkflows', {
    suppressTemplateIndentation: true,
    table: storage.table,
    bucket: storage.bucket,
    dataKey: storage.dataKey,
    publicUrl: settings.publicUrl,
    mailFrom: settings.mailFrom,
    mailIdentityArn: mail.identityArn,
    signingKeys: Object.fromEntries(
      Object.entries(signing.keys).map(([official, key]) => [
        official,
        { keyArn: key.keyArn, algorithm: 'ECDSA_SHA_256' },
      ]),
    ),
  });
  const auth = new AuthStack(app, 'ParafAuth', {
    publicUrl: settings.publicUrl,
    domainPrefix: settings.authDomainPrefix,
    officials: staff.officials.map(({ id, email }) => ({ id, email })),
  });
  const api = new ApiStack(app, 'ParafApi', {
    dataKey: storage.dataKey,
    stateMachines: workflows.stateMachines,
    publicUrl: settings.publicUrl,
    mailFrom: settings.mailFrom,
    auth: auth.settings,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { storage, signing, mail, workflows, auth, api };
}
