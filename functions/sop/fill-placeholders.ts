import type { AslDefinition } from './compile-to-asl.ts';

/**
 * Fills the ${Placeholders} of an ASL definition, as CDK's definitionSubstitutions does on AWS.
 * Throws when a placeholder has no value, or a value fills nothing.
 */
export function fillPlaceholders(definition: AslDefinition, values: Readonly<Record<string, string>>): AslDefinition {
  const text = JSON.stringify(definition);
  const used = new Set(placeholderNames(text));
  const missing = [...used].filter((name) => !(name in values));
  if (missing.length) throw new Error(`no value for placeholder(s): ${missing.join(', ')}`);
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length) throw new Error(`placeholder value(s) used nowhere: ${unused.join(', ')}`);
  return JSON.parse(
    text.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new Error(`fillPlaceholders: placeholder ${name} passed the check but has no value`);
      return value;
    }),
  ) as AslDefinition;
}

/** The placeholders a definition uses: a machine's own functions, and no others. */
export function placeholdersOf(definition: AslDefinition): string[] {
  return [...new Set(placeholderNames(JSON.stringify(definition)))].sort();
}

/** The names in a text's ${Name} placeholders, in order, repeats kept. */
function placeholderNames(text: string): string[] {
  // The whole match is "${Name}": the name is between its first two characters and its last.
  return [...text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map(([placeholder]) => placeholder.slice(2, -1));
}
