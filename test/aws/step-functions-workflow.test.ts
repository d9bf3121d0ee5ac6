import type { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '#config/read-config.ts';
import { buildRuntime } from '#runtime/runtime.ts';
import { workflow as handlerWorkflow } from '#runtime/workflow-client.ts';
import { StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';
import { sfnStandIn } from '../support/sfn-stand-in.ts';

/** What the Step Functions stand-in was asked, and the executions it started (by name). */
const calls: { target: string; body: Record<string, unknown> }[] = [];
const started = new Set<string>();
const standIn = sfnStandIn((target, body) => {
  calls.push({ target, body });
  if (target === 'StartExecution' && started.has(body.name!))
    return [
      400,
      { __type: 'com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists', message: 'Execution Already Exists' },
    ];
  if (target !== 'StartExecution') return [200, {}];
  started.add(body.name!);
  return [200, { executionArn: `arn:aws:states:ap-southeast-3:1:execution:x:${body.name}`, startDate: 1 }];
});
let sfn: SFNClient;
beforeAll(async () => {
  sfn = await standIn.start();
});
afterAll(() => standIn.stop());
// Each test reads only the calls it made, in whatever order the tests run.
beforeEach(() => {
  calls.length = 0;
});

describe('the workflow port on Step Functions', () => {
  it('starts one execution per case, named by the case id, and a second start of the same case is harmless', async () => {
    const workflow = new StepFunctionsWorkflow(sfn, {
      'SOP-LP2N-PPK-01': 'arn:aws:states:ap-southeast-3:1:stateMachine:SOP-LP2N-PPK-01',
    });
    await workflow.startCase('SOP-LP2N-PPK-01', 'AbCdEf123456');
    await workflow.startCase('SOP-LP2N-PPK-01', 'AbCdEf123456');
    const starts = calls.filter((c) => c.target === 'StartExecution');
    expect(starts).toHaveLength(2);
    expect(starts[0]!.body).toEqual({
      stateMachineArn: 'arn:aws:states:ap-southeast-3:1:stateMachine:SOP-LP2N-PPK-01',
      name: 'AbCdEf123456',
      input: '{"caseId":"AbCdEf123456"}',
    });
    await expect(workflow.startCase('SOP-TIDAK-ADA', 'x')).rejects.toThrow('no state machine for SOP-TIDAK-ADA');
  });

  it("starts a case under a revision on that revision's published version, and names a revision it was not given", async () => {
    const version = 'arn:aws:states:ap-southeast-3:1:stateMachine:SOP-LP2N-PPK-01:3';
    const workflow = new StepFunctionsWorkflow(sfn, { 'SOP-LP2N-PPK-01@02': version });
    await workflow.startCase('SOP-LP2N-PPK-01', 'RevCase123456', '02');
    expect(calls.filter((c) => c.target === 'StartExecution').at(-1)!.body).toEqual({
      stateMachineArn: version,
      name: 'RevCase123456',
      input: '{"caseId":"RevCase123456"}',
    });
    await expect(workflow.startCase('SOP-LP2N-PPK-01', 'RevCase654321', '03')).rejects.toThrow(
      'no state machine for SOP-LP2N-PPK-01@03',
    );
  });

  it('sends a decision to the waiting task token', async () => {
    const workflow = new StepFunctionsWorkflow(sfn, {});
    await workflow.sendTaskSuccess('token-123', { id: 'd1', route: 'approve' });
    expect(calls.at(-1)).toEqual({
      target: 'SendTaskSuccess',
      body: { taskToken: 'token-123', output: '{"id":"d1","route":"approve"}' },
    });
  });

  it('makes its client with the first call, once, and again after a failed attempt to make it', async () => {
    let made = 0;
    const workflow = new StepFunctionsWorkflow(async () => {
      made += 1;
      if (made === 1) throw new Error('chunk not loaded');
      return sfn;
    }, {});
    // Nothing is made, nor loaded, before the first call (a function's init).
    expect(made).toBe(0);
    await expect(workflow.sendTaskSuccess('token-1', { id: 'd1' })).rejects.toThrow('chunk not loaded');
    await workflow.sendTaskSuccess('token-2', { id: 'd2' });
    await workflow.sendTaskSuccess('token-3', { id: 'd3' });
    expect(made).toBe(2);
    expect(calls.map((call) => call.body.taskToken)).toEqual(['token-2', 'token-3']);
  });

  it("is the handlers' (runtime/workflow-client.ts) at the endpoint, region and credentials of the configuration", async () => {
    const endpoint = await sfn.config.endpoint!();
    const config = readConfig({
      PARAF_TABLE: 'paraf-records',
      PARAF_BUCKET: 'paraf-archive',
      PARAF_PUBLIC_URL: 'https://paraf.example.test',
      PARAF_MAIL: 'ses',
      PARAF_SIGNER: 'kms',
      PARAF_TSA: 'none',
    });
    const rt = buildRuntime({
      ...config,
      aws: {
        s3PathStyle: true,
        standIns: {
          region: 'ap-southeast-3',
          credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
          endpoints: {
            dynamodb: 'http://127.0.0.1:9',
            s3: 'http://127.0.0.1:9',
            sfn: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
          },
        },
      },
    });
    try {
      await handlerWorkflow(rt).sendTaskSuccess('token-456', { id: 'd2', route: 'return' });
    } finally {
      rt.dynamo.destroy();
    }
    expect(calls.at(-1)).toEqual({
      target: 'SendTaskSuccess',
      body: { taskToken: 'token-456', output: '{"id":"d2","route":"return"}' },
    });
  });
});
