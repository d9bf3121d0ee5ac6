import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The SDK clients' default credentials in a Lambda bundle (bundleFunction's alias for
 * @aws-sdk/credential-provider-node): the execution role's, which Lambda puts in the function's
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), where the SDK's own
 * chain finds them first. The rest of that chain (profiles, SSO, web identity, the instance and
 * container endpoints, each with its nested client) never answers in a Lambda. The local runtime
 * gives its clients their credentials directly (read-config.ts), so neither chain is asked there.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
