/** Powertools' metrics, for the import() that loads them when an invocation has counted something (observability.ts). */
export { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
