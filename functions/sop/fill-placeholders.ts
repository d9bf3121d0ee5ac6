import type { AslDefinition } from './compile-to-asl.ts';

/**
 * Fills the ${Placeholders} of an ASL definition, as CDK's definitionSubstitutions does on AWS.
 * Throws when a placeholder has no value, or a value fills nothing.
 */
export function fillPlaceholders(definition: AslDefinition, values: Readonly<Record<string, string>>): AslDefinition {
  const text = JSON.stringify(definition);
  const used = new Set([...text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((match) => match[1]!));
  const missing = [...used].filter((name) => !(name in values));
  if (missing.length) throw new Error(`no value for placeholder(s): ${missing.join(', ')}`);
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length) throw new Error(`placeholder value(s) used nowhere: ${unused.join(', ')}`);
  return JSON.parse(text.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => values[name]!)) as AslDefinition;
}

/** The placeholders a definition uses: a machine's own functions, and no others. */
export function placeholdersOf(definition: AslDefinition): string[] {
  return [
    ...new Set([...JSON.stringify(definition).matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((match) => match[1]!)),
  ].sort();
}
