import type { MailMessage } from './mail-message.ts';

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML part of every e-mail: the plain text's paragraphs and the links as buttons a person can
 * press, nothing else. A paragraph that ends with a link's address becomes its words and the button,
 * where the text has it (before the office's sign-off, say); a link the text does not show comes after
 * the paragraphs. No images, no remote resources, no tracking: what a mail program shows is all there
 * is, and it reads the same with images blocked.
 */
export function mailHtml(message: MailMessage, sender: string): string {
  const shown = new Set<string>();
  const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const body = message.text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const link = message.links.find((candidate) => block.endsWith(candidate.url));
      if (!link) return paragraph(block);
      shown.add(link.url);
      const words = block.slice(0, -link.url.length).trim();
      // "Periksa dan paraf: <address>" is the button alone: its label says the same words.
      const said = words && words.replace(/:$/, '') !== link.label;
      return [...(said ? [paragraph(words)] : []), button(link)].join('\n');
    });
  const rest = message.links.filter((link) => !shown.has(link.url)).map(button);
  return [
    '<!doctype html>',
    '<html lang="id"><head><meta charset="utf-8"><title>',
    escapeHtml(message.subject),
    '</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    ...body,
    ...rest,
    `<hr><p><small>${escapeHtml(sender)}</small></p>`,
    '</body></html>',
  ].join('\n');
}

const button = (link: { label: string; url: string }) =>
  `<p><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a><br><small>${escapeHtml(link.url)}</small></p>`;

/** The display name of an address such as "Paraf DPMPTSP Kaltim <paraf@...>", or the address. */
export function senderName(from: string): string {
  return /^\s*"?([^"<]+?)"?\s*</.exec(from)?.[1]?.trim() ?? from;
}
