import { badOfficeFile, readOfficeFile } from '#config/read-office-file.ts';
import * as z from 'zod/mini';
import { officeFiles } from '#config/office-files.ts';
import { resourcePath } from '#config/resource-path.ts';
import { formatNumber } from '#registry/format-number.ts';

/** A register of the office (config/registers.json); apart from the SOP's schemas, which numbering does not need. */
export const RegisterSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
  title: z.string().check(z.minLength(1)),
  /** Tokens: {seq:03} zero-padded sequence, {romanMonth}, {month}, {year}. */
  format: z.string().check(z.includes('{seq')),
});

export type Register = z.infer<typeof RegisterSchema>;

const RegistersFile = z.strictObject({
  note: z.optional(z.string()),
  registers: z.array(RegisterSchema).check(z.minLength(1)),
});

/**
 * The office's registers from config/registers.json, or another file. The seeds
 * give no number format, only that numbers follow the register's order, so the formats are the
 * office's; the committed ones are examples. A wrong file stops the start, naming the register.
 */
export function loadRegisters(file: string = resourcePath('config', 'registers.json')): Register[] {
  const { registers } = readOfficeFile(file, RegistersFile);
  const seen = new Set<string>();
  for (const register of registers) {
    if (seen.has(register.id)) throw badOfficeFile(file, [`register "${register.id}" tercantum dua kali`]);
    seen.add(register.id);
    try {
      formatNumber(register.format, 1, new Date());
    } catch (error) {
      throw badOfficeFile(file, [`register "${register.id}": ${(error as Error).message}`]);
    }
  }
  return registers;
}

let cached: { file: string; registers: Register[] } | undefined;

/** The office's registers from the configured file (PARAF_REGISTERS, office-files.ts), read and checked once. */
export function officeRegisters(): Register[] {
  const file = officeFiles().registersFile;
  if (cached?.file !== file) cached = { file, registers: loadRegisters(file) };
  return cached.registers;
}
