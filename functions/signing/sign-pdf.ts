import {
  type PDFContext,
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFString,
  PDFHexString,
  type PDFObject,
  type PDFRef,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  setTextMatrix,
  stroke,
  fill,
} from '@cantoo/pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { coveredByPresubset, embedFace, findFace, type LayoutFont } from '#documents/pdf/layout-font.ts';
import { buildCms } from './build-cms.ts';
import type { SignerPort } from './signer-port.ts';
import type { TimestampAuthority } from './timestamp-client.ts';

/**
 * Room for the CMS: an ECDSA or RSA signature with a two-certificate chain, and the TSA's token with
 * its own chain (PAdES B-T), fit with margin.
 */
const SIGNATURE_BYTES = 12288;

export interface SignatureRequest {
  officialId: string;
  /** Unique within the document, e.g. "paraf-08-<decision id>". */
  fieldName: string;
  /** Shown by readers and pdfsig: "Paraf", "Tanda tangan", "Registrasi". */
  reason: string;
  signerName: string;
  location: string;
  signingTime: Date;
  /** Where the visible appearance goes: 1-based page, PDF points; a zero-sized rect signs invisibly. */
  page: number;
  rect: { x: number; y: number; width: number; height: number };
  /** Lines of the visible appearance; the first is set in bold. */
  lines: string[];
  /**
   * How the lines are set. A stamp (the default) is a framed box, its lines as large as 8 pt and
   * wrapped rather than set below `minSize`. Typed text is one line in the body's regular face at
   * `size`, on the baseline of a line of that size whose box is the rect: the register number as
   * if typed on the Nomor line.
   */
  style?: { kind: 'stamp'; minSize: number } | { kind: 'typed'; size: number };
}

/** The part of a request that draws: where, and what. */
export type Appearance = Pick<SignatureRequest, 'page' | 'rect' | 'lines' | 'style'>;

export class CmsSigner extends Signer {
  constructor(
    private readonly port: SignerPort,
    private readonly officialId: string,
    private readonly tsa?: TimestampAuthority,
  ) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const tsa = this.tsa;
    const timestamp = tsa ? (value: Uint8Array) => tsa.timestamp(value) : undefined;
    return Buffer.from(await buildCms(this.port, this.officialId, pdfBuffer, timestamp));
  }
}

/** Names of the signature fields a document already has. */
export function signatureFieldNames(doc: PDFDocument): string[] {
  const acroForm = doc.catalog.getAcroForm();
  if (!acroForm) return [];
  return acroForm.getAllFields().flatMap(([field]) => {
    const name = field.getPartialName();
    return field.dict.get(PDFName.of('FT')) === PDFName.of('Sig') && name ? [name] : [];
  });
}

/**
 * Reuses a face the document already carries, so a signature adds a few hundred bytes, not a font.
 * The whole face serves any text; the pre-subset one only its characters.
 */
function fontFor(doc: PDFDocument, lines: string[], style: 'regular' | 'bold'): LayoutFont {
  const covered = lines.every(coveredByPresubset);
  return (
    (covered && findFace(doc, style, 'presubset')) ||
    findFace(doc, style, 'whole') ||
    embedFace(doc, style, covered ? 'presubset' : 'whole')
  );
}

/**
 * A /ByteRange to fill in once the signed file's length is known: 0, then the three placeholders
 * @signpdf/signpdf looks for and replaces with the real offsets when it signs.
 */
export function placeholderByteRange(context: PDFContext): PDFArray {
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i += 1) byteRange.push(PDFName.of('**********'));
  return byteRange;
}

/**
 * Adds one signature as its own incremental update: the earlier revisions stay byte for byte as
 * they were, so every earlier signature stays valid. The visible appearance is part of the signed
 * revision; the CMS (buildCms) covers the whole file but the /Contents hole. With a TSA, the
 * signature carries its time-stamp token (PAdES B-T).
 */
export async function signPdf(
  pdf: Uint8Array,
  request: SignatureRequest,
  port: SignerPort,
  tsa?: TimestampAuthority,
): Promise<Uint8Array> {
  return signPdfWith(pdf, request, new CmsSigner(port, request.officialId, tsa));
}

/** The same incremental signature with any @signpdf signer (the benchmark runs the stock P12 signer through it). */
export async function signPdfWith(pdf: Uint8Array, request: SignatureRequest, cmsSigner: Signer): Promise<Uint8Array> {
  const { x, y, width, height } = request.rect;
  const invisible = width === 0 || height === 0;
  return addSignatureField(
    pdf,
    {
      fieldName: request.fieldName,
      pageIndex: request.page - 1,
      rect: [x, y, x + width, y + height],
      type: 'Sig',
      subFilter: 'ETSI.CAdES.detached',
      contentsBytes: SIGNATURE_BYTES,
      entries: {
        Reason: PDFString.of(request.reason),
        Name: PDFString.of(request.signerName),
        Location: PDFString.of(request.location),
        M: PDFString.fromDate(request.signingTime),
      },
      ...(invisible ? {} : { appearance: (doc: PDFDocument) => drawAppearance(doc, request) }),
    },
    cmsSigner,
    request.signingTime,
  );
}

/** A signature field to add: its value dictionary (a signature or a document timestamp) and its widget. */
export interface SignatureField {
  /** Unique within the document: a field of this name already there means the work is done. */
  fieldName: string;
  /** 0-based. */
  pageIndex: number;
  /** The widget's rectangle in PDF points; all zero for an invisible field. */
  rect: [number, number, number, number];
  type: 'Sig' | 'DocTimeStamp';
  subFilter: 'ETSI.CAdES.detached' | 'ETSI.RFC3161';
  /** Room kept in /Contents for what the signer returns. */
  contentsBytes: number;
  /** The value's entries after /Contents (a signature's /Reason, /Name, /Location, /M). */
  entries?: Record<string, PDFObject>;
  /** The widget's normal appearance, drawn once the value is registered; none for an invisible field. */
  appearance?: (doc: PDFDocument) => PDFRef;
}

/**
 * Builds objects new to the file with pdf-lib's change tracking paused. In an incremental update
 * pdf-lib looks for the indirect object holding each changed object at every set() and push()
 * (PDFContext.registerObjectChange), walking every object of the file: 72 walks for one signature on
 * a signed permit, most of pdf-lib's CPU in adding it. For an object just built that walk finds
 * nothing, and the update writes it anyway (its number comes after the file's). So `build` may only
 * build new objects: a change to an object the file already has would not be written. Not the save:
 * pdf-lib reads the tracking's snapshot there to write an update rather than a new file.
 */
function untracked<T>(context: PDFContext, build: () => T): T {
  const { snapshot } = context;
  context.snapshot = undefined;
  try {
    return build();
  } finally {
    context.snapshot = snapshot;
  }
}

/**
 * Adds one signature field as its own incremental update, then has `signer` fill its /Contents over
 * the whole file but the hole: the earlier revisions stay byte for byte as they were, so every
 * earlier signature stays valid. A retried step (Step Functions retries) finds its own field and
 * leaves the file as it is.
 */
export async function addSignatureField(
  pdf: Uint8Array,
  field: SignatureField,
  signer: Signer,
  signingTime?: Date,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  if (signatureFieldNames(doc).includes(field.fieldName)) return pdf;
  const page = doc.getPage(field.pageIndex);
  const context = doc.context;
  const widget = untracked(context, () => {
    const value = context.register(
      context.obj({
        Type: field.type,
        Filter: 'Adobe.PPKLite',
        SubFilter: field.subFilter,
        ByteRange: placeholderByteRange(context),
        Contents: PDFHexString.of('0'.repeat(field.contentsBytes * 2)),
        ...field.entries,
      }),
    );
    const appearance = field.appearance?.(doc);
    return context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        Rect: field.rect,
        V: value,
        T: PDFString.of(field.fieldName),
        F: 4,
        P: page.ref,
        ...(appearance ? { AP: { N: appearance } } : {}),
      }),
    );
  });
  // The page and the form exist already: their changes are tracked, so the update writes them.
  page.node.addAnnot(widget);
  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widget);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  const withPlaceholder = await doc.save({ useObjectStreams: false });
  return new Uint8Array(await new SignPdf().sign(Buffer.from(withPlaceholder), signer, signingTime));
}

/** Line height of a stamp's lines, as a multiple of their size. */
const STAMP_LEADING = 1.2;

/** The first line's font, and the one of the lines after it. */
interface StampFonts {
  head: LayoutFont;
  regular: LayoutFont;
}

/** Words carried to the next line wherever a line is wider than the box at this size. */
function wrapLines(
  lines: string[],
  fonts: StampFonts,
  size: number,
  width: number,
): { text: string; first: boolean }[] {
  return lines.flatMap((line, index) => {
    const font = index === 0 ? fonts.head : fonts.regular;
    const wrapped: string[] = [];
    for (const word of line.split(' ')) {
      const last = wrapped[wrapped.length - 1];
      if (last !== undefined && font.width(`${last} ${word}`, size) <= width)
        wrapped[wrapped.length - 1] = `${last} ${word}`;
      else wrapped.push(word);
    }
    return wrapped.map((text) => ({ text, first: index === 0 }));
  });
}

/**
 * The largest size up to 8 pt at which the lines fit the box, wrapped where they must; never below
 * `minSize`, so that a paraf stays legible on paper (a box too small then clips, and a test sees it).
 */
function fitStamp(lines: string[], fonts: StampFonts, box: { width: number; height: number }, minSize: number) {
  const width = box.width - 6;
  for (let size = 8; size > minSize; size -= 0.25) {
    const fitted = wrapLines(lines, fonts, size, width);
    const widest = Math.max(...fitted.map((line) => (line.first ? fonts.head : fonts.regular).width(line.text, size)));
    if (fitted.length * size * STAMP_LEADING + 2 <= box.height && widest <= width) return { size, lines: fitted };
  }
  return { size: minSize, lines: wrapLines(lines, fonts, minSize, width) };
}

/**
 * The appearance a signature leaves in its reserved area, as a form XObject, opaque as a stamp on
 * paper so that it covers the hint printed there: a framed box with the lines (the first in bold),
 * or the typed line (`style`).
 */
export function drawAppearance(doc: PDFDocument, request: Appearance): PDFRef {
  const context = doc.context;
  const { width, height } = request.rect;
  const style = request.style ?? { kind: 'stamp', minSize: 0 };
  const typed = style.kind === 'typed';
  const head = fontFor(doc, request.lines.slice(0, 1), typed ? 'regular' : 'bold');
  const regular = fontFor(doc, request.lines.slice(1), 'regular');
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    setFillingGrayscaleColor(1),
    rectangle(0, 0, width, height),
    fill(),
  ];
  const show = (font: 'F1' | 'F2', text: string, size: number, x: number, y: number) => {
    const array = PDFArray.withContext(context);
    array.push((font === 'F2' ? head : regular).encode(text));
    operators.push(
      beginText(),
      setFontAndSize(font, size),
      setTextMatrix(1, 0, 0, 1, x, y),
      PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]),
      endText(),
    );
  };
  operators.push(setFillingGrayscaleColor(0));
  if (style.kind === 'typed') {
    const line = request.lines[0] ?? '';
    // The body's size; smaller only when a number would run past the line's end.
    const size = Math.min(style.size, (width - 6) / head.width(line, 1));
    // The rect is the box of a line of `style.size` (layout: baseline 0.94 of the size below its top).
    show('F2', line, size, 3, height - style.size * 0.94);
  } else {
    operators.push(
      setLineWidth(0.6),
      setStrokingGrayscaleColor(0.35),
      rectangle(0.5, 0.5, width - 1, height - 1),
      stroke(),
    );
    const fitted = fitStamp(request.lines, { head, regular }, { width, height }, style.minSize);
    fitted.lines.forEach((line, index) => {
      const top = height - 2 - fitted.size * STAMP_LEADING * (index + 1);
      show(line.first ? 'F2' : 'F1', line.text, fitted.size, 3, top + fitted.size * 0.25);
    });
  }
  operators.push(popGraphicsState());
  return context.register(
    context.formXObject(operators, {
      BBox: [0, 0, width, height],
      Resources: { Font: { F1: regular.ref, F2: head.ref } },
    }),
  );
}
