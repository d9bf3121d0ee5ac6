/** The smallest Lambda: what Node's import of a bundle costs before any package (bundle-floors). */
export const handler = async (): Promise<number> => 1;
