import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';

/** A stand-in for the Step Functions JSON API on loopback: the real SDK client talks to it. */
const calls: { target: string; body: Record<string, unknown> }[] = [];
const started = new Set<string>();
const server = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  const target = String(request.headers['x-amz-target']).split('.').pop()!;
  const body = JSON.parse(text) as Record<string, string>;
  calls.push({ target, body });
  if (target === 'StartExecution' && started.has(body.name!)) {
    response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(
      JSON.stringify({
        __type: 'com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists',
        message: 'Execution Already Exists',
      }),
    );
    return;
  }
  if (target === 'StartExecution') started.add(body.name!);
  response
    .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
    .end(
      target === 'StartExecution'
        ? JSON.stringify({ executionArn: `arn:aws:states:ap-southeast-3:1:execution:x:${body.name}`, startDate: 1 })
        : '{}',
    );
});
let sfn: SFNClient;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
  });
});
afterAll(async () => {
  sfn.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
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
});
