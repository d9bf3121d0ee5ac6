/** A name or value quoted back to a person: cut to a readable length, its control characters shown as code points, never raw. */
export const printableName = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this function's purpose
  name.slice(0, 120).replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
