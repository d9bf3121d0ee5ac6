import { colorString, PDFDocument, rgb } from '@cantoo/pdf-lib';
import Handlebars from 'handlebars';
import { encode } from 'html-entities';
import { SmtpMail } from '#mail/smtp-mail.ts';

/**
 * pdf-lib and the SMTP provider in a Lambda bundle built by bundleFunction (lambda-left-out.test.ts):
 * a page drawn as Paraf draws (rgb colours) and saved, then what the bundle left out, called.
 */
const failure = async (call: () => unknown) => {
  try {
    await call();
    return undefined;
  } catch (error) {
    const { name, message, code, detail } = error as Error & { code?: string; detail?: string };
    return { name, code, message, detail };
  }
};
// Handlebars compiles with its own stand-in for source-map's SourceNode, as Paraf's templates run (strict, known helpers).
const handlebars = Handlebars.create();
handlebars.registerHelper('upper', (value: unknown) => String(value).toLocaleUpperCase('id-ID'));
handlebars.registerPartial('ttd', handlebars.compile('{{nama}} ({{nip}})', { strict: true }));
const template = handlebars.compile(
  '{{upper judul}}:{{#each pejabat}} {{> ttd}}{{/each}}{{#if catatan}} {{catatan}}{{/if}}',
  {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: { upper: true },
  },
)({
  judul: 'surat tugas',
  pejabat: [
    { nama: 'Ani', nip: '1987' },
    { nama: 'Budi & Co', nip: '1990' },
  ],
  catatan: '',
});
const doc = await PDFDocument.create();
doc.addPage([200, 100]).drawRectangle({ x: 10, y: 10, width: 50, height: 20, color: rgb(0.1, 0.3, 0.6) });
const pdf = Buffer.from(await doc.save()).toString('base64');
const mail = new SmtpMail({ host: '127.0.0.1', port: 1, security: 'none' }, 'Paraf <paraf@dpmptsp.test>');
console.log(
  JSON.stringify({
    pdf,
    template,
    colour: await failure(() => colorString('#336699')),
    svg: await failure(() => doc.getPage(0).drawSvg('<svg></svg>')),
    // What pdf-lib's PDF/A metadata and XFA script updates call.
    entities: await failure(() => encode('PT Maju & Jaya')),
    smtp: await failure(() => mail.send({ to: 'a@b.test', subject: 's', text: 't', links: [] })),
  }),
);
