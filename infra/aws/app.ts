import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';

/** `npx cdk synth` / `deploy`: settings from the CDK context (cdk.json or -c), checked in buildApp. */
const app = new App();
const setting = (name: string) => {
  const value = app.node.tryGetContext(name) as string | undefined;
  return value === undefined || value === '' ? undefined : String(value);
};
buildApp(app, {
  stage: setting('paraf:stage'),
  publicUrl: setting('paraf:publicUrl'),
  domainName: setting('paraf:domainName'),
  certificateArn: setting('paraf:certificateArn'),
  alarmEmail: setting('paraf:alarmEmail'),
  mailFrom: setting('paraf:mailFrom'),
  // A second stage in the same region needs its own sign-in domain: the default carries the stage.
  authDomainPrefix:
    setting('paraf:authDomainPrefix') ??
    `paraf-dpmptsp-kaltim${setting('paraf:stage') ? `-${setting('paraf:stage')}` : ''}`,
  tsaUrl: setting('paraf:tsaUrl'),
  ocspUrl: setting('paraf:ocspUrl'),
  allowWithoutTimestamp: setting('paraf:allowWithoutTimestamp') === 'true',
  stallMarginDays:
    setting('paraf:stallMarginDays') === undefined ? undefined : Number(setting('paraf:stallMarginDays')),
});
app.synth();
