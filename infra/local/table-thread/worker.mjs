// The table's own thread (table-thread.ts). Worker threads do not inherit the main thread's loader,
// and under vitest there is none to inherit: tsx is registered here, as the handler pool's worker does.
import { register } from 'tsx/esm/api';

register();
await import('./serve-table.ts');
