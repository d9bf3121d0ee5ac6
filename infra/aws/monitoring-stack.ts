import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { MOVED_ERROR } from '#workflow/step-functions-workflow.ts';
import { executionsOf } from './workflow-stack.ts';

export interface MonitoringStackProps extends StackProps {
  topic: Topic;
  stateMachines: Record<string, StateMachine>;
  functions: Record<string, IFunction>;
  api: HttpApi;
  /** Working days past its due time that a waiting step counts as stalled (the trackDeadline function's PARAF_STALL_MARGIN_DAYS). */
  stallMarginDays: number;
}

/**
 * What tells the operator that a case is in trouble, to the alerts topic: a failed, timed-out or
 * stopped (other than moved) execution of any SOP, a function's errors or throttles, the web's 5xx answers, and from
 * Paraf's own metrics (functions/runtime/observability.ts) a step stalled past its due time by the
 * margin and an e-mail that failed. Each alarm fires on the first occurrence in five minutes: one
 * failed case is worth a message. SES's bounces and complaints reach the topic directly (alerts-stack.ts).
 */
export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const action = new SnsAction(props.topic);
    const alarm = (name: string, metric: IMetric, description: string) => {
      const made = new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      made.addAlarmAction(action);
    };
    const period = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const [sop, machine] of Object.entries(props.stateMachines)) {
      alarm(`${sop}Failed`, machine.metricFailed(period), `${sop}: an execution failed (case status gagal)`);
      alarm(`${sop}TimedOut`, machine.metricTimedOut(period), `${sop}: an execution timed out`);
    }
    // A move to a newer revision stops the case's old execution on purpose (migrate-case.ts), so the
    // Aborted metric would alarm on every move: an event rule tells only the other stops.
    new Rule(this, 'StoppedExecutions', {
      description: 'An SOP execution was stopped other than by a move to a newer revision',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['ABORTED'],
          executionArn: executionsOf(
            this,
            Object.values(props.stateMachines).map((machine) => machine.stateMachineName),
          ),
          $or: [{ error: [{ 'anything-but': MOVED_ERROR }] }, { error: [null] }],
        },
      },
      targets: [new SnsTopic(props.topic)],
    });
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors(period), `${name}: the function failed`);
      alarm(`${name}Throttles`, fn.metricThrottles(period), `${name}: invocations were throttled`);
    }
    alarm('Web5xx', props.api.metricServerError(period), 'The web app answered with a server error (5xx)');
    // Powertools Metrics gives every metric the dimension service=paraf.
    const parafMetric = (metricName: string) =>
      new Metric({ namespace: 'Paraf', metricName, dimensionsMap: { service: 'paraf' }, ...period });
    alarm(
      'CasesStalled',
      parafMetric('CasesStalled'),
      `A step is still waiting ${props.stallMarginDays} working days past its due time (its execution stalls)`,
    );
    alarm('MailFailures', parafMetric('MailFailures'), 'An e-mail of a case was not sent (queued again or refused)');
  }
}
