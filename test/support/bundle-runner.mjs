// One Lambda function's bundle, run as the Node.js runtime runs it: its task root (the working
// directory, read-only) holds index.mjs, imported once at start; each message from the parent is
// an invocation of `index.handler` with an event and a context, answered with its result or error.
// Plain JavaScript: nothing of the repository is loaded in this process, only the bundle.
import { unlinkSync, writeFileSync } from 'node:fs';

const root = process.env.LAMBDA_TASK_ROOT;
let handler;
try {
  ({ handler } = await import(`${root}/index.mjs`));
  if (typeof handler !== 'function') throw new Error('index.handler is not a function');
} catch (error) {
  process.send({ ready: false, error: { name: error.name, message: error.message, stack: error.stack } });
  process.exit(1);
}
process.on('message', async ({ id, event }) => {
  const context = {
    awsRequestId: id,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => 60_000,
  };
  try {
    const result = await handler(event, context);
    process.send({ id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    process.send({ id, error: { name: error.name, message: error.message, stack: error.stack } });
  }
});
// Lambda's task root is read-only: the parent checks that this process could not write there either.
let writableRoot = true;
try {
  writeFileSync(`${root}/.tulis-uji`, '');
  unlinkSync(`${root}/.tulis-uji`);
} catch {
  writableRoot = false;
}
process.send({ ready: true, writableRoot });
