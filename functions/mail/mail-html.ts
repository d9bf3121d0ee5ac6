import type { MailMessage } from './mail-message.ts';

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML part of every e-mail: the plain text's paragraphs and the links as buttons a person can
 * press, nothing else. No images, no remote resources, no tracking: what a mail program shows is
 * all there is, and it reads the same with images blocked.
 */
export function mailHtml(message: MailMessage, sender: string): string {
  const linked = new Set(message.links.map((link) => link.url));
  const paragraphs = message.text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block && !linked.has(block) && !message.links.some((link) => block.endsWith(link.url)))
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`);
  const buttons = message.links.map(
    (link) =>
      `<p><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a><br><small>${escapeHtml(link.url)}</small></p>`,
  );
  return [
    '<!doctype html>',
    '<html lang="id"><head><meta charset="utf-8"><title>',
    escapeHtml(message.subject),
    '</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    ...paragraphs,
    ...buttons,
    `<hr><p><small>${escapeHtml(sender)}</small></p>`,
    '</body></html>',
  ].join('\n');
}

/** The display name of an address such as "Paraf DPMPTSP Kaltim <paraf@...>", or the address. */
export function senderName(from: string): string {
  return /^\s*"?([^"<]+?)"?\s*</.exec(from)?.[1]?.trim() ?? from;
}
