/** Closes a sentence after a name: "Rina Marlina, S.Kom." already ends in the degree's period. */
export function endSentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
