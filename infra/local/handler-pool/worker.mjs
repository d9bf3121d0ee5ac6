// A worker thread of the handler pool (handler-pool.ts). Worker threads do not inherit the main
// thread's loader, and under vitest there is none to inherit: tsx is registered here, as the CLI does.
import { register } from 'tsx/esm/api';

register();
const { runPooledTask } = await import('./pooled-task.ts');
export default runPooledTask;
