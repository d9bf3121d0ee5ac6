import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';

/** `npx cdk synth` / `deploy`: settings from the CDK context (cdk.json or -c), checked here. */
const app = new App();
const setting = (name: string, fallback: string) => {
  const value = app.node.tryGetContext(name) as string | undefined;
  return value ?? fallback;
};
buildApp(app, {
  publicUrl: setting('paraf:publicUrl', 'https://paraf.example.test'),
  mailFrom: setting('paraf:mailFrom', 'Paraf DPMPTSP <paraf@example.test>'),
  authDomainPrefix: setting('paraf:authDomainPrefix', 'paraf-dpmptsp-kaltim'),
});
app.synth();
