import { readOfficeFiles, type ParafConfig } from './read-config.ts';

export type OfficeFiles = Pick<ParafConfig, 'registersFile' | 'officeFile' | 'calendarFile'>;

let configured: OfficeFiles | undefined;

/**
 * The office's settings files this process uses (registers, office choices, calendar): those of the
 * configuration its runtime was built from (handlers/runtime.ts), or, in a process that builds none
 * (the CLI, `npm run gen`, the CDK app), those its environment names (read-config.ts).
 */
export function officeFiles(): OfficeFiles {
  configured ??= readOfficeFiles();
  return configured;
}

/** Called when a runtime is built from its configuration: the office's accessors read these files from now on. */
export function useOfficeFiles(config: OfficeFiles): void {
  configured = {
    registersFile: config.registersFile,
    officeFile: config.officeFile,
    calendarFile: config.calendarFile,
  };
}
