import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The frame of every page: Bahasa Indonesia, readable on a phone, no script. */
export function page(title: string, body: Content) {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Paraf DPMPTSP Kaltim</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:bold}dd{margin:0 0 .5rem}textarea,select{max-width:100%}</style>
</head>
<body>
<header><p>Paraf · DPMPTSP Provinsi Kalimantan Timur</p></header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}
