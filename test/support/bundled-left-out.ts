import { colorString, PDFDocument, rgb } from '@cantoo/pdf-lib';
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
const doc = await PDFDocument.create();
doc.addPage([200, 100]).drawRectangle({ x: 10, y: 10, width: 50, height: 20, color: rgb(0.1, 0.3, 0.6) });
const pdf = Buffer.from(await doc.save()).toString('base64');
const mail = new SmtpMail({ host: '127.0.0.1', port: 1, security: 'none' }, 'Paraf <paraf@dpmptsp.test>');
console.log(
  JSON.stringify({
    pdf,
    colour: await failure(() => colorString('#336699')),
    svg: await failure(() => doc.getPage(0).drawSvg('<svg></svg>')),
    // What pdf-lib's PDF/A metadata and XFA script updates call.
    entities: await failure(() => encode('PT Maju & Jaya')),
    smtp: await failure(() => mail.send({ to: 'a@b.test', subject: 's', text: 't', links: [] })),
  }),
);
