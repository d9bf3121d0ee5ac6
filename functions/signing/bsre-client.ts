/**
 * The BSrE "Esign Client Service" API, version 2, as the agency's own client service exposes it
 * (Petunjuk Teknis Penggunaan API Esign Client Service v2.0, BSrE, January 2024; ARCHITECTURE.md,
 * "Signatures"): HTTP Basic with the application's client id and secret, JSON bodies,
 * - POST /api/v2/user/check-status {nik} -> {status}: "ISSUE" is a certificate that may sign;
 * - POST /api/v2/sign/pdf {nik, passphrase, signatureProperties: [{tampilan}], file: [base64]}
 *   -> {file: [base64], time}: the service signs the whole PDF with the user's certificate.
 * Errors come back as HTTP 4xx/5xx with {status_code, error}; 2011 is a user the service does not
 * know, 2031 a wrong passphrase. Every failure becomes a BsreError whose message a person can read.
 */
export interface BsreSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** How long one call may take; BSrE signs with an HSM behind a queue. */
  timeoutMs?: number;
  /** Set only by `npm start`'s stand-in (not BSrE): the passphrase it accepts, shown on the approval page. */
  trialPassphrase?: string;
  /**
   * BSrE's CA certificates (PEM; PARAF_BSRE_CA, or the stand-in's own CA): the officials' signatures
   * are made under them, so the public verification page trusts them beside the office's CA.
   */
  trustAnchorPems?: string[];
}

export type BsreProblem = 'wrong-passphrase' | 'not-registered' | 'certificate-inactive' | 'unavailable' | 'refused';

const MESSAGES: Record<BsreProblem, string> = {
  'wrong-passphrase': 'Passphrase salah. Dokumen tidak ditandatangani; silakan masukkan passphrase BSrE Anda kembali.',
  'not-registered':
    'Pengguna tidak terdaftar di BSrE: NIK ini belum memiliki sertifikat elektronik. Hubungi pengelola sertifikat elektronik kantor.',
  'certificate-inactive':
    'Sertifikat elektronik Anda tidak aktif (kedaluwarsa, dicabut atau belum diterbitkan). Dokumen tidak ditandatangani.',
  unavailable: 'Layanan BSrE sedang tidak dapat dihubungi. Dokumen tidak ditandatangani; silakan coba lagi nanti.',
  refused: 'BSrE menolak permintaan tanda tangan. Dokumen tidak ditandatangani; hubungi pengelola Paraf.',
};

export class BsreError extends Error {
  constructor(
    readonly problem: BsreProblem,
    /** What BSrE said, for the operator's log; never shown with a passphrase in it (none is sent back). */
    readonly detail = '',
  ) {
    super(MESSAGES[problem]);
    this.name = 'BsreError';
  }
}

/** A user's certificate status as BSrE names it: ISSUE (may sign), EXPIRED, REVOKE, SUSPEND, NEW ... */
export type BsreUserStatus = string;

export class BsreClient {
  constructor(private readonly settings: BsreSettings) {}

  async userStatus(nik: string): Promise<BsreUserStatus> {
    const answer = await this.post('/api/v2/user/check-status', { nik });
    return String(answer.status ?? '');
  }

  /** Throws BsreError('certificate-inactive') unless the NIK's certificate may sign now. */
  async assertCanSign(nik: string): Promise<void> {
    const status = await this.userStatus(nik);
    if (status !== 'ISSUE') throw new BsreError('certificate-inactive', `status ${status}`);
  }

  /** The PDF signed by BSrE with the NIK's certificate, invisibly: the appearance is Paraf's own. */
  async signPdf(input: { nik: string; passphrase: string; pdf: Uint8Array }): Promise<Uint8Array> {
    const answer = await this.post('/api/v2/sign/pdf', {
      nik: input.nik,
      passphrase: input.passphrase,
      signatureProperties: [{ tampilan: 'INVISIBLE' }],
      file: [Buffer.from(input.pdf).toString('base64')],
    });
    const [file] = Array.isArray(answer.file) ? (answer.file as unknown[]) : [];
    if (typeof file !== 'string' || file.length === 0) throw new BsreError('refused', 'no file in the answer');
    return new Uint8Array(Buffer.from(file, 'base64'));
  }

  private async post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const credentials = Buffer.from(`${this.settings.clientId}:${this.settings.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(new URL(path, this.settings.baseUrl), {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new BsreError('unavailable', (error as Error).message);
    }
    const text = await response.text();
    let answer: Record<string, unknown> = {};
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // An HTML error page of a proxy in front of the service: judged by its status below.
    }
    if (response.ok && typeof answer === 'object' && answer !== null) return answer;
    throw problemOf(response.status, answer);
  }
}

function problemOf(status: number, answer: Record<string, unknown>): BsreError {
  const code = Number(answer.status_code ?? answer.statusCode ?? 0);
  const said = String(answer.error ?? answer.message ?? '');
  const detail = `HTTP ${status}${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}`;
  if (code === 2031 || /passphrase/i.test(said)) return new BsreError('wrong-passphrase', detail);
  if (code === 2011 || /tidak terdaftar/i.test(said)) return new BsreError('not-registered', detail);
  if (/sertifikat/i.test(said) && /(tidak aktif|expired|kedaluwarsa|revoke|dicabut)/i.test(said))
    return new BsreError('certificate-inactive', detail);
  if (status >= 500 || status === 429) return new BsreError('unavailable', detail);
  return new BsreError('refused', detail);
}
