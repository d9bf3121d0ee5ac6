import { officeLetterhead } from '#config/office-letterhead.ts';
import { applicantStep } from '#sop/applicant-step.ts';
import { witaDateTime } from '#clock/wita.ts';
import { type CaseEvent, isRefusedSignature } from '#records/case-records.ts';
import type { SignatureFacts } from '#signing/read-signatures.ts';
import { revisionLabel, type Sop } from '#sop/schema.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { formatTanggal } from './format-dates.ts';
import { parseMarkup } from './parse-markup.ts';
import { renderPdf, type SlotPosition } from './pdf/render-pdf.ts';
import { runTemplate } from './template-engine.ts';
import { copyCount, copyWord } from './copies.ts';

/** The staff's full sheet (the archive's record), or the public part the verification page offers. */
export type HistorySheetView = 'lengkap' | 'publik';

export const HISTORY_SHEET_VIEWS: readonly HistorySheetView[] = ['lengkap', 'publik'];

/** One line of the case's trail: what the sheet prints of the records' event. */
type TrailEvent = Pick<CaseEvent, 'at' | 'step' | 'lane' | 'actor' | 'action' | 'notes'> &
  Partial<Pick<CaseEvent, 'actionId'>> & {
    documents: Pick<CaseEvent['documents'][number], 'kind' | 'copy' | 'sha256'>[];
  };

/** One signature the document state recorded, in signing order. */
interface RecordedSigner {
  officialId: string;
  step: number;
  name: string;
  position: string;
  reason: string;
}

export interface HistorySheetInput {
  view: HistorySheetView;
  /** The SOP revision the case ran under. */
  sop: Sop;
  fileNumber: string;
  document: {
    kind: string;
    title: string;
    registrationNumber: string;
    issuedAt: string;
    company: string;
    /** The decree that revoked it (its number, its WITA day), when one has. */
    revocation?: { number: string; date: string } | null;
  };
  verificationUrl: string;
  events: TrailEvent[];
  signers: RecordedSigner[];
  /** How the signature block signs (a deputy: Plh. or Plt.). */
  signatory?: { officialId: string; sebagai: 'definitif' | 'an' | 'plh' | 'plt' } | undefined;
  /** The issued copy's signatures as the file holds them, in field order (read-signatures.ts). */
  signatures: SignatureFacts[];
  /** The files the applicant handed in, as they stand after any correction: the full sheet lists them. */
  attachments: { name: string; sha256: string }[];
  madeAt: Date;
}

const DEPUTY = /\s*\((a\.n\.|Plh\.|Plt\.), menggantikan [^)]*\)$/;

/** An instant as the office writes it: "2 Desember 2026 pukul 11.21". */
function pukul(iso: string): string {
  const { date, time } = witaDateTime(new Date(iso));
  return `${formatTanggal(date)} pukul ${time}`;
}

/**
 * Renders a document's history sheet: every step of its SOP with who acted in which role, when,
 * and what they decided; every signature with its certificate and timestamp; every file's SHA-256
 * (the applicant's attachments, then the documents). The public view names no one but the signer the permit itself prints (the others by role), and
 * leaves out notes, the file number, the attachments and the trail's other events. Returns the PDF and the box the
 * seal signs in.
 */
export async function renderHistorySheet(input: HistorySheetInput): Promise<{ pdf: Uint8Array; seal: SlotPosition }> {
  const publik = input.view === 'publik';
  const printedSigner = input.signers.find((s) => s.reason === 'Tanda tangan')?.officialId;
  const laneLabel = (lane: string | null) => input.sop.lanes.find((l) => l.id === lane)?.label ?? '-';
  const context = {
    kantor: officeLetterhead(),
    lembar: {
      publik,
      keterangan: publik ? 'Bagian untuk umum (verifikasi dokumen)' : 'Lembar lengkap untuk arsip (petugas)',
    },
    dokumen: {
      judul: input.document.title,
      // The letterhead of the province's office: the sheet is the office's own record, whatever the permit's.
      kop: 'pemprov',
      nomor: input.document.registrationNumber,
      terbit: `${pukul(input.document.issuedAt)} WITA`,
      atasNama: input.document.company,
      status: input.document.revocation
        ? `Dicabut dengan keputusan nomor ${input.document.revocation.number} tanggal ${formatTanggal(input.document.revocation.date)}`
        : `Berlaku pada saat lembar ini disusun`,
      berkas: input.fileNumber,
      verifikasi: input.verificationUrl,
    },
    sop: { id: input.sop.id, judul: input.sop.title, revisi: revisionLabel(input.sop) },
    langkah: input.sop.steps.map((step) => ({
      nomor: step.no,
      nama: step.title,
      baris: stepRows(input, step, laneLabel, printedSigner),
    })),
    tandaTangan: signatureEntries(input, laneLabel, printedSigner),
    berkas: [
      // The applicant's own files and their names are theirs: the public part leaves them out.
      ...(publik ? [] : input.attachments).map((file) => ({
        langkah: '-',
        uraian: `Lampiran pemohon: ${file.name}`,
        sha256: file.sha256,
      })),
      ...input.events.flatMap((event) =>
        event.documents
          .filter((file) => !publik || file.kind === input.document.kind)
          .map((file) => ({
            langkah: event.step ?? '-',
            // A file archived outside a step (a renewal of the timestamps) says what made it.
            uraian: `${documentTitle(input.sop, file.kind)}, ${file.copy === 'draft' ? 'draf DOCX' : copyWord(file.copy, copyCount(input.sop, file.kind))}${event.step === null ? ` (${event.action.toLowerCase()})` : ''}`,
            sha256: file.sha256,
          })),
      ),
    ],
    lainnya: publik
      ? []
      : input.events
          .filter((event) => event.step === null)
          .map((event) => ({ waktu: pukul(event.at), uraian: event.action })),
    dibuat: `${pukul(input.madeAt.toISOString())} WITA`,
  };
  const model = { ...parseMarkup(runTemplate('lembar-riwayat', context)), footerNote: 'Lembar riwayat dokumen' };
  const rendered = await renderPdf(model, {
    title: `Lembar Riwayat Dokumen ${input.document.registrationNumber}`,
    subject: `${input.document.title}: ${input.sop.id}`,
    date: input.madeAt,
  });
  const seal = rendered.slots.find((slot) => slot.name === 'segel');
  if (!seal) throw new Error('the history sheet template reserves no "segel" area');
  return { pdf: rendered.bytes, seal };
}

/** What a step's row says: each of its trail's lines, or why it has none. */
function stepRows(
  input: HistorySheetInput,
  step: Sop['steps'][number],
  laneLabel: (lane: string | null) => string,
  printedSigner: string | undefined,
) {
  const publik = input.view === 'publik';
  const events = input.events.filter(
    (event) => event.step === step.no && !(publik && isRefusedSignature(event.actionId ?? '')),
  );
  if (events.length === 0)
    return [
      {
        oleh: '',
        peran: laneLabel(step.lane),
        waktu: '-',
        keputusan:
          step.phase === 'before-case'
            ? 'Di luar sistem, sebelum berkas diterima'
            : 'Belum dilaksanakan ketika dokumen terbit',
        catatan: '',
      },
    ];
  // The applicant's own step, recorded on the front office's link rather than on the applicant's page
  // (whose decisions the trail gives the applicant's lane as actor): the public part names no one, so
  // its role says who recorded it.
  const applicantsOwn = applicantStep(input.sop)?.no === step.no;
  return events.map((event) => {
    const capacity = DEPUTY.exec(event.action)?.[1];
    const action = event.action.replace(/^Langkah \d+: /, '');
    const lane = event.lane ?? step.lane;
    const recordedForApplicant = applicantsOwn && !!event.actor && event.actor.id !== lane;
    return {
      oleh: !publik || event.actor?.id === printedSigner ? (event.actor?.name ?? '') : '',
      peran: `${capacity ? `${capacity} ` : ''}${laneLabel(lane)}${recordedForApplicant ? ' (dicatat loket)' : ''}`,
      waktu: pukul(event.at),
      keputusan: publik ? action.replace(DEPUTY, '') : action,
      catatan: publik ? '' : event.notes,
    };
  });
}

/** Each signature of the issued copy with its certificate and timestamp, then its document timestamps. */
function signatureEntries(
  input: HistorySheetInput,
  laneLabel: (lane: string | null) => string,
  printedSigner: string | undefined,
) {
  const publik = input.view === 'publik';
  const personal = input.signatures.filter((facts) => !facts.documentTimestamp);
  const entries = personal.map((facts, index) => {
    const recorded = input.signers[index];
    const step = input.sop.steps.find((s) => s.no === recorded?.step);
    const deputy = recorded?.officialId === input.signatory?.officialId ? input.signatory?.sebagai : undefined;
    // A deputy signs in the capacity of the step's role ("Plh. Kepala ..."), under their own position.
    const capacity =
      deputy === 'plh' || deputy === 'plt' ? `${CAPACITY_TITLE[deputy]} ${laneLabel(step?.lane ?? null)}` : '';
    const named = !publik || recorded?.officialId === printedSigner;
    return {
      judul: `${recorded ? `Langkah ${recorded.step}: ` : ''}${facts.reason}`,
      oleh:
        named && recorded
          ? `${recorded.name}, ${recorded.position}${capacity ? ` (${capacity})` : ''}`
          : capacity || laneLabel(step?.lane ?? null),
      sertifikat: certificate(facts, named ? (publik ? 'name' : 'subject') : 'none'),
      penandaWaktu: stamped(facts),
    };
  });
  const stamps = input.signatures
    .filter((facts) => facts.documentTimestamp)
    .map((facts) => ({
      judul: 'Stempel waktu dokumen (validasi jangka panjang)',
      oleh: facts.timestamp?.tsa ?? '-',
      sertifikat: certificate(facts, 'subject'),
      penandaWaktu: stamped(facts),
    }));
  return [...entries, ...stamps];
}

function certificate(facts: SignatureFacts, subject: 'subject' | 'name' | 'none') {
  const cert = facts.certificate;
  return {
    subjek: !cert || subject === 'none' ? '' : subject === 'name' ? `CN=${cert.commonName}` : cert.subject,
    penerbit: cert?.issuer ?? '-',
    seri: cert?.serial ?? '-',
  };
}

const stamped = (facts: SignatureFacts) =>
  facts.timestamp ? `${facts.timestamp.tsa}, ${pukul(facts.timestamp.at)} WITA` : 'tidak ada';

function documentTitle(sop: Sop, kind: string): string {
  return sop.documents.find((doc) => doc.kind === kind)?.title ?? kind;
}
