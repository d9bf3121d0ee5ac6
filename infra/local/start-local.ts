import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import {
  getRequestListener,
  type Http2Bindings,
  type HttpBindings,
  RequestError,
  type ServerType,
} from '@hono/node-server';
import S3rver from 's3rver';
import {
  readLocalConfig,
  readLocalPublicUrl,
  readStaffFile,
  readWorkerCount,
  sdkClientSettings,
  type AwsClientSettings,
  type ParafConfig,
} from '#config/read-config.ts';
import { buildRuntime, setRuntime, type Runtime } from '#runtime/runtime.ts';
import { ensureTable } from '#records/table.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { buildApp } from '#web/app.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { makeArchiveWritesAtomic, repairArchiveFolder } from './archive-store.ts';
import { backupDataFolder, removeLeftoverStaging, type BackupResult } from './backup/backup.ts';
import { startDynalite } from './table-thread/start-dynalite.ts';
import { startTableThread } from './table-thread/table-thread.ts';
import { startControlServer } from './control-server.ts';
import { checkHealth } from './health.ts';
import type { HealthReport } from '#runtime/health-report.ts';
import { lockDataFolder } from './data-folder-lock.ts';
import { invokeLocal, localDefinition } from './lambda-handlers.ts';
import { startHandlerPool } from './handler-pool/handler-pool.ts';
import { type Invoke, LocalStepFunctions } from './step-functions/local-step-functions.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { useWorkflow } from '#runtime/workflow-client.ts';
import { settleInterruptedIntakes } from '#cases/settle-intakes.ts';
import { fillServiceLedgerOnce } from '#cases/fill-service-ledger.ts';
import { fillPermitKeysOnce } from '#cases/fill-permit-keys.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { deliverStrandedDecisions } from '#cases/deliver-stranded-decisions.ts';
import { sweepDeliveries } from '#cases/sweep-deliveries.ts';
import { decisionContext } from '#cases/settle-decision.ts';
import { renewDueTimestamps, renewTimestamps } from '#cases/renew-timestamps.ts';
import { renewEachDay } from './daily-renewal.ts';
import { sweepUploadsEachHour } from './upload-sweep.ts';
import { indexArchive } from '#cases/index-archive.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { startOcspStandIn } from './ocsp-stand-in.ts';
import { startTsaStandIn } from './tsa-stand-in.ts';
import { BSRE_TRIAL_PASSPHRASE, bsreTrialUsers, startBsreStandIn } from './bsre-stand-in.ts';
import { hasRealAccounts } from '#identity/accounts.ts';
import { listedAccounts, makeAccounts } from '#identity/account-commands.ts';
import { isLoopbackHost } from '#identity/identity.ts';
import { findRevision, loadCatalog } from '#sop/load-catalog.ts';
import { revisionOf, type Sop } from '#sop/schema.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { MAX_UPLOADED_FILE_BYTES } from '#cases/issue-upload-form.ts';
import { startUploadEndpoint } from './upload-endpoint.ts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { encryptKeyFiles } from '#signing/key-files.ts';
import { localPkiDir } from '#signing/local-signer.ts';
import {
  recordLayoutOfNewFolder,
  refuseNewerLayout,
  type UpgradeReport,
  upgradeDataFolder,
} from './upgrade/upgrade-data-folder.ts';
import { RequestsUnderWay } from './requests-under-way.ts';
import { UnnamedProxy } from './unnamed-proxy.ts';

/** How long a stop waits for the requests under way before it cuts them. */
const DRAIN_MS = 10_000;

/** PARAF_HOST beyond loopback on a data folder without accounts: said in Bahasa Indonesia to whoever started Paraf. */
const noAccounts = () =>
  new ParafError(
    'no-accounts',
    'PARAF_HOST membuat Paraf dapat dibuka dari jaringan, tetapi belum ada akun pejabat. Buat akun lebih dahulu (npx paraf staf buat <id pejabat>), lalu jalankan lagi.',
  );

/** Checked before listening beyond loopback, on the table the stand-ins just opened. */
async function refuseWithoutAccounts(aws: AwsClientSettings, env: Readonly<Record<string, string | undefined>>) {
  const client = new DynamoDBClient(sdkClientSettings(aws, 'dynamodb'));
  try {
    await ensureTable(client, TABLE);
    const staff = loadStaffDirectory(readStaffFile(env), loadCatalog());
    const found = await hasRealAccounts(
      { dynamo: DynamoDBDocumentClient.from(client), table: TABLE },
      staff.officials.map((o) => o.id),
    );
    if (!found) throw noAccounts();
  } finally {
    client.destroy();
  }
}

export interface LocalOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /**
   * Fast-forward for tests and demonstrations: every wait the machines compute (a step's due time)
   * lasts this fraction of itself in real time. The due dates people see are unchanged.
   */
  timeScale?: number;
  /**
   * The settings the runtime starts with, as the environment names them (PARAF_SIGNER, PARAF_STAFF,
   * PARAF_AUTH, PARAF_CALENDAR, PARAF_PUBLIC_URL ...): `npm start` passes its environment; none by
   * default. The runtime's own table, bucket, data folder, outbox and stand-ins are set over them.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The signing keys' passphrase typed on the terminal (main.ts), when `env` has no PARAF_KEY_PASSPHRASE. */
  keyPassphrase?: string;
  /** Settings given directly (a test's calendar or sign-in), over everything else. */
  config?: Partial<ParafConfig>;
  /** Each step of an older data folder's upgrade, said before it starts (npm start prints them). */
  onUpgradeStep?: (line: string) => void;
  /**
   * Worker threads for rendering, signing and archiving (handler-pool/handler-pool.ts): PARAF_WORKERS
   * in `env` unless given (read-config.ts readWorkerCount, none unless set); 0 runs every handler on the main thread.
   */
  workers?: number;
  /** dynalite on a worker thread of its own (table-thread/), as `npm start` runs it; false only to measure it against the main thread. */
  tableThread?: boolean;
}

export interface LocalParaf {
  url: string;
  dataDir: string;
  runtime: Runtime;
  engine: LocalStepFunctions;
  /** Executions that were running when the last process stopped, and went on in this one. */
  resumed: number;
  /** Worker threads for rendering, signing and archiving; 0: all on the main thread. */
  workers: number;
  /** How officials sign in: their accounts, or (a loopback-only start without accounts) the demo sign-in. */
  signIn: 'accounts' | 'demo' | 'no-accounts';
  /** An older data folder brought to this release's layout before anything else ran (upgrade/upgrade-data-folder.ts). */
  upgraded?: UpgradeReport;
  /** Intakes the last process left unfinished: cases started, and numbers voided. */
  settledIntakes: { started: number; voided: number; failed: number };
  /** A consistent backup of the data folder while running (backup/backup.ts); also what the control port runs. */
  backup(file: string): Promise<BackupResult>;
  /** The health report (health.ts): /kesehatan, the control port's doctor, the start's warnings. */
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

export const TABLE = 'paraf';
export const BUCKET = 'paraf-archive';
/** The loket's uploads, straight from the browser through the upload endpoint (upload-endpoint.ts). */
export const UPLOAD_BUCKET = 'paraf-uploads';

/**
 * The stand-ins listen on loopback ports: the runtime's clients are given their endpoints (`aws`);
 * `env` names the same as the SDK's own variables, for a test of a Lambda entry that reads its environment.
 */
export async function startStandIns(dataDir: string, { tableThread = false } = {}) {
  refuseNewerLayout(dataDir);
  recordLayoutOfNewFolder(dataDir);
  // Commands that start the stores for a moment (a backup, a restore, an upgrade's steps, the staff
  // command) keep dynalite on their thread, where a thread's start would cost more than it saves.
  const table = await (tableThread ? startTableThread : startDynalite)(join(dataDir, 'dynamodb'));
  mkdirSync(join(dataDir, 's3'), { recursive: true });
  // What a kill cut off in the archive's folder is removed before s3rver reads it (archive-store.ts).
  const repaired = repairArchiveFolder(join(dataDir, 's3'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dataDir, 's3'),
    configureBuckets: [{ name: BUCKET }, { name: UPLOAD_BUCKET }],
  });
  makeArchiveWritesAtomic((s3rver as unknown as { store: Parameters<typeof makeArchiveWritesAtomic>[0] }).store);
  const { port: s3Port } = await s3rver.run();
  const aws = {
    s3PathStyle: true,
    standIns: {
      region: 'ap-southeast-3',
      // s3rver accepts only these credentials; dynalite accepts any.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      endpoints: {
        dynamodb: table.endpoint,
        s3: `http://127.0.0.1:${s3Port}`,
      },
    },
  } satisfies AwsClientSettings;
  return {
    repaired,
    aws,
    /** The runtime's transport to the table on its thread, without HTTP; none when dynalite is on this thread. */
    tableRequestHandler: 'requestHandler' in table ? table.requestHandler : undefined,
    holdTableWrites: () => table.holdWrites(),
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: aws.standIns.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: aws.standIns.endpoints.s3,
      AWS_REGION: aws.standIns.region,
      AWS_ACCESS_KEY_ID: aws.standIns.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.standIns.credentials.secretAccessKey,
      PARAF_S3_PATH_STYLE: 'true',
    },
    close: async () => {
      await s3rver.close();
      await table.close();
    },
  };
}

/**
 * The embedded runtime: one process, one data folder, the committed state machines and the same
 * handlers as on AWS. Executions that were running when the last process stopped go on from the
 * state they had entered, with the tokens (and so the e-mailed links) they had.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the start in the order crash safety needs (lock, stores, PKI, engine, resumed executions, server); split, the order would hide
export async function startLocal(options: LocalOptions): Promise<LocalParaf> {
  const dataDir = resolve(options.dataDir);
  // Checked before anything is touched: a wrong PARAF_WORKERS or PARAF_PUBLIC_URL stops the start and changes nothing.
  const workers = options.workers ?? readWorkerCount(options.env ?? {});
  readLocalPublicUrl(options.env ?? {}, 'http://127.0.0.1');
  const startedAt = new Date();
  const unlock = lockDataFolder(dataDir);
  // A backup killed part-way leaves its snapshot's links behind: they hold no data of their own.
  removeLeftoverStaging(dataDir);
  const closers: (() => Promise<void> | void)[] = [unlock];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const upgraded = await upgradeDataFolder(dataDir, startStandIns, TABLE, options.onUpgradeStep);
    const standIns = await startStandIns(dataDir, { tableThread: options.tableThread ?? true });
    closers.push(standIns.close);

    const host = options.host ?? '127.0.0.1';
    // Beyond loopback only with accounts: nobody on the network may reach a Paraf nobody can sign in to.
    if (!isLoopbackHost(host)) await refuseWithoutAccounts(standIns.aws, options.env ?? {});
    // The public URL goes into e-mails and QR codes, so it is known before the first handler runs.
    let app: ReturnType<typeof buildApp> | undefined;
    const requests = new RequestsUnderWay();
    const unnamedProxy = new UnnamedProxy();
    // The proxies PARAF_PROXY names, once the configuration is read (a request before is answered "starting").
    let proxies: readonly string[] | undefined;
    const server = await listen(
      host,
      options.port,
      // The Node request goes along as the app's env: the sign-in throttle reads the client's address from its socket.
      (request, env) =>
        requests.run(
          () =>
            app?.fetch(request, env) ??
            Response.json(
              { error: 'starting', message: 'Paraf sedang dimulai; silakan coba lagi sebentar.' },
              { status: 503 },
            ),
        ),
      (server) => {
        requests.watch(server);
        server.on('request', (request) => proxies && unnamedProxy.observe(request, proxies));
      },
    );
    closers.push(
      () =>
        new Promise<void>((done) => {
          server.close(() => done());
          // Idle keep-alive connections (a browser, a client) would hold close() open for good.
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    );
    const url = `http://${host}:${(server.address() as AddressInfo).port}`;
    const env = options.env ?? {};
    const uploads = await startLocalUploads(host, standIns.aws, new URL(readLocalPublicUrl(env, url)).origin);
    closers.push(uploads.close);
    const config: ParafConfig = {
      ...readLocalConfig(env, {
        table: TABLE,
        bucket: BUCKET,
        dataDir,
        listenUrl: url,
        uploads: { bucket: UPLOAD_BUCKET, endpoint: uploads.url },
        ...(options.keyPassphrase === undefined ? {} : { keyPassphrase: options.keyPassphrase }),
      }),
      aws: standIns.aws,
      ...options.config,
    };
    // The local TSA on loopback, with its certificate under the development CA, before any signature.
    // Keys written plain before the office chose a passphrase are encrypted with it first (key-files.ts).
    if (config.keyPassphrase) encryptKeyFiles(localPkiDir(dataDir), config.keyPassphrase);
    // The certificates name the CRL and CA certificate the app publishes (web/pki-routes.ts) at the public address.
    const pki = new LocalPki(dataDir, undefined, config.keyPassphrase, `${config.publicUrl}/pki`);
    // A TSA certificate ending within the renewal margin is replaced before the stand-in starts: the
    // archive's renewal (daily, or `paraf archive renew`) needs timestamps that outlast the margin.
    const renewedTsa = await pki.renewTimestampAuthority(config.renewalMarginDays);
    if (renewedTsa)
      options.onUpgradeStep?.(
        `Sertifikat layanan stempel waktu lokal berakhir ${renewedTsa.until.toISOString().slice(0, 10)}: sertifikat baru dibuat; yang lama disimpan sebagai pki/tsa.diganti-${renewedTsa.retired}.cert.pem dan tidak dipakai lagi.`,
      );
    await pki.timestampAuthority(config.renewalMarginDays);
    if (config.tsa.provider === 'local' && !config.tsa.url) {
      const tsa = await startTsaStandIn(dataDir, 0, config.keyPassphrase);
      closers.push(tsa.close);
      config.tsa = { provider: 'local', url: tsa.url };
    }
    // The development CA's OCSP responder on loopback: the long-term validation data asks it.
    if (!config.ocspUrl) {
      const ocsp = await startOcspStandIn(dataDir, 0, config.keyPassphrase);
      closers.push(ocsp.close);
      config.ocspUrl = ocsp.url;
      config.crlUrl = ocsp.crlUrl;
    }

    // PARAF_SIGNER=bsre without an address: BSrE's stand-in on loopback, its CA kept in the data folder.
    if (config.bsre?.baseUrl === 'local') {
      const bsre = await startBsreStandIn(bsreTrialUsers(config.staffFile), {
        dir: join(dataDir, 'bsre-uji'),
        ...(config.keyPassphrase ? { keyPassphrase: config.keyPassphrase } : {}),
      });
      closers.push(bsre.close);
      config.bsre = {
        baseUrl: bsre.url,
        clientId: bsre.clientId,
        clientSecret: bsre.clientSecret,
        trialPassphrase: BSRE_TRIAL_PASSPHRASE,
        trustAnchorPems: [bsre.caPem],
      };
    }

    const rt = buildRuntime(config, { tableRequestHandler: standIns.tableRequestHandler });
    proxies = rt.config.proxies;
    setRuntime(rt);
    closers.push(() => {
      setRuntime(undefined);
      rt.dynamo.destroy();
      archiveClient(rt).destroy();
    });
    await ensureTable(rt.dynamo, TABLE);
    // A table from before the dashboard's ledger has its records entered once, before any page can ask.
    const ledger = await fillServiceLedgerOnce(
      {
        dynamo: rt.dynamo,
        table: TABLE,
        clock: officeClock(),
        sopOf: (ref) => rt.sopOf(ref),
        announce: () =>
          options.onUpgradeStep?.(
            'Mengisi buku layanan dasbor dari berkas yang sudah ada; untuk data setahun, ini bisa memakan beberapa menit.',
          ),
      },
      rt.catalog.map((sop) => sop.id),
    );
    if (ledger?.cases)
      options.onUpgradeStep?.(
        `Buku layanan dasbor diisi dari ${ledger.cases} berkas, ${ledger.waits} keputusan dan ${ledger.surveys} survei yang sudah ada.`,
      );
    // Permits archived before the Arsip's status index get its keys once, before any search can ask.
    // One damaged record must not stop the office's start: it is said, and the next start tries again.
    const filledPermits = await fillPermitKeysOnce(rt, {
      announce: () =>
        options.onUpgradeStep?.(
          'Memeriksa indeks status arsip dokumen terbit yang sudah ada; untuk arsip besar, ini bisa memakan beberapa menit.',
        ),
      failed: (what, error) =>
        console.error(`PERINGATAN: indeks status arsip ${what} belum dapat diisi: ${(error as Error).message}`),
    });
    if (filledPermits?.changed)
      options.onUpgradeStep?.(
        `Indeks status arsip diisi untuk ${filledPermits.changed} dokumen terbit yang sudah ada.`,
      );
    // The development CA and a key per official, made before any step can ask for a signature.
    // With BSrE they sign the register stamp, the office's own act; the seal signs the history sheets.
    if (rt.config.signer !== 'kms') {
      const setAside = [...(await pki.ensureOfficials(rt.staff.officials))];
      const seal = await pki.ensureSeal(OFFICE_SEAL);
      if (seal) setAside.push(seal);
      for (const { id, serial, why } of setAside)
        options.onUpgradeStep?.(
          `Kunci tanda tangan ${id} ${why === 'revoked' ? 'dicabut (pki/revoked.json)' : 'milik pejabat sebelumnya'}: kunci dan sertifikat baru dibuat; yang lama disimpan sebagai pki/${id}.diganti-${serial}.cert.pem dan tidak dipakai lagi.`,
        );
    }
    // Closed after the engine (closers run in reverse): no execution is left to hand it a task.
    const pool = startHandlerPool(config, workers, invokeLocal);
    closers.push(pool.close);
    const engine = new LocalStepFunctions(
      dataDir,
      localMachines(rt.revisions),
      options.timeScale ? scaledWaits(options.timeScale, pool.invoke) : pool.invoke,
    );
    closers.push(() => engine.close());
    refuseLostRevisions(engine, rt);
    const workflow: Workflow = {
      startCase: async (sopId, caseId, revision) =>
        void engine.startExecution(revision ? `${sopId}@${revision}` : sopId, { caseId }, caseId),
      // As SendTaskSuccess takes it: a JSON text.
      sendTaskSuccess: async (token, output) => engine.sendTaskSuccess(token, JSON.parse(JSON.stringify(output))),
      // The local engine moves the execution in place (same name, same record): nothing new to record.
      moveCase: async (move) => {
        await engine.moveExecution(
          `arn:aws:states:local:000000000000:execution:${move.sopId}:${move.caseId}`,
          `${move.sopId}@${move.toRevision}`,
          move.fromState,
          move.toState,
        );
        return {};
      },
    };
    useWorkflow(rt, workflow);
    const accounts = await hasRealAccounts(
      { dynamo: rt.dynamo, table: TABLE },
      rt.staff.officials.map((o) => o.id),
    );
    // The demo sign-in: only on a start that nobody else can reach (no PARAF_HOST, a loopback public address).
    const demoSignIn =
      !accounts &&
      options.host === undefined &&
      isLoopbackHost(host) &&
      isLoopbackHost(new URL(rt.config.publicUrl).host) &&
      rt.config.auth.kind === 'local';
    const health = () =>
      checkHealth({
        dataDir,
        aws: standIns.aws,
        table: TABLE,
        bucket: BUCKET,
        catalog: rt.catalog,
        staff: rt.staff,
        running: true,
        unnamedProxySince: unnamedProxy.since,
      });
    app = buildApp(rt, workflow, { loopback: true, demoSignIn, health });
    const resumed = engine.resumeAll();
    // Decisions a kill left undelivered mostly go on as their resumed steps ask again; this finds the rest.
    // Every undelivered decision from before the start is stranded (no request is in flight yet), not
    // only those the sweep's two minutes have settled: so all of them, at once.
    await deliverStrandedDecisions(decisionContext(rt, workflow), startedAt).catch((error: unknown) =>
      console.error('start: delivering stranded decisions failed; tried again by the sweep', error),
    );
    closers.push(sweepEachMinute(rt));
    // What the uploads bucket's lifecycle rule does on AWS: uploads no case took go after a day.
    if (rt.config.uploads) closers.push(sweepUploadsEachHour(rt).close);
    // Only where a TSA signs: without one there is nothing to renew.
    if (rt.config.tsa.provider !== 'none') closers.push(renewEachDay((now) => renewDueTimestamps(rt, now)).close);
    const settledIntakes = await settleInterruptedIntakes(
      { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table },
      (id) => rt.sop(id),
      workflow.startCase,
      startedAt,
    );
    const signIn = accounts ? 'accounts' : demoSignIn ? 'demo' : 'no-accounts';
    const tableClient = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
    closers.push(() => tableClient.destroy());
    const backup = (file: string) =>
      backupDataFolder(dataDir, { client: tableClient, name: TABLE, hold: standIns.holdTableWrites }, file);
    const renew = (before: string) => renewTimestamps(rt, before);
    const index = () => indexArchive(rt);
    // The same table the sign-in reads each request: a reset ends the official's sessions at once.
    const store = { dynamo: rt.dynamo, table: TABLE };
    closers.push(
      await startControlServer(dataDir, {
        backup,
        health,
        renew,
        index,
        accounts: () => listedAccounts(store, rt.staff.officials),
        // A password as the CLI makes one on the stopped folder: the local runtime signs people in itself.
        makeAccounts: (ask) => makeAccounts(store, rt.staff.officials, ask, true),
      }),
    );
    // Runs first on close: requests under way (a decision being recorded) finish and are answered
    // before the engine and the table they use stop; new ones are no longer taken.
    closers.push(() => requests.drain(server, DRAIN_MS));
    return {
      url,
      dataDir,
      runtime: rt,
      engine,
      resumed,
      workers,
      ...(upgraded ? { upgraded } : {}),
      signIn,
      settledIntakes,
      backup,
      health,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The machines a case can start on, one per revision the catalog keeps (`<SOP id>@<revision>`), and
 * each SOP's bare id for executions started before revisions were kept: the oldest revision, the
 * entry as it stood then (an execution started since carries its own definition, kept by its hash).
 */
export function localMachines(revisions: readonly Sop[]): Map<string, AslDefinition> {
  const machines = new Map<string, AslDefinition>();
  for (const sop of revisions) {
    const definition = localDefinition(sop);
    machines.set(`${sop.id}@${revisionOf(sop)}`, definition);
    if (!machines.has(sop.id)) machines.set(sop.id, definition);
  }
  return machines;
}

/** A case under a revision the catalog no longer keeps: said in Bahasa Indonesia to whoever started Paraf. */
const lostRevisions = (lost: { sop: string; revision: string; caseId: string }[]) =>
  new ParafError(
    'unknown-revision',
    `Katalog SOP tidak lagi memuat revisi yang masih dipakai berkas berjalan: ${lost
      .map((entry) => `${entry.sop} revisi ${entry.revision} (berkas ${entry.caseId})`)
      .join(
        '; ',
      )}. Kembalikan revisi itu ke katalog (functions/sop/catalog), jalankan npm run gen, lalu mulai lagi; berkas berjalan diselesaikan menurut revisinya, atau sebelumnya dipindahkan ke revisi yang lebih baru (POST /api/cases/<id>/revisi).`,
  );

/** Before any execution resumes: every running case's revision is still in the catalog, or Paraf does not start. */
function refuseLostRevisions(engine: LocalStepFunctions, rt: Runtime): void {
  const lost = engine
    .runningRecords()
    .flatMap((record) =>
      record.revision === undefined
        ? []
        : [
            {
              // The machine is `<SOP id>@<revision>`.
              sop: record.stateMachine.replace(/@.*/s, ''),
              revision: record.revision,
              caseId: (record.input as { caseId?: string } | null)?.caseId ?? record.executionArn,
            },
          ],
    )
    .filter((entry) => !findRevision(rt.revisions, entry.sop, entry.revision));
  if (lost.length) throw lostRevisions(lost);
}

/** s3rver ignores a POST upload's policy, so the browser posts to an endpoint that holds it (upload-endpoint.ts). */
async function startLocalUploads(
  host: string,
  aws: AwsClientSettings & { standIns: NonNullable<AwsClientSettings['standIns']> },
  allowedOrigin: string,
) {
  const standIns = aws.standIns;
  const s3 = new S3Client({
    ...sdkClientSettings(aws, 's3'),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const endpoint = await startUploadEndpoint({
    host,
    s3,
    bucket: UPLOAD_BUCKET,
    region: standIns.region,
    credentials: standIns.credentials,
    allowedOrigin,
    maxBytes: MAX_UPLOADED_FILE_BYTES,
  });
  return {
    url: endpoint.url,
    close: async () => {
      await endpoint.close();
      s3.destroy();
    },
  };
}

/**
 * A request Node could not turn into a URL (a Host header like "127.0.0.1:3822.evil") never reaches
 * the app, whose host check answers 421 in Bahasa Indonesia: without this, @hono/node-server answered
 * an empty 400. Any other error escaping the app (its onError catches the routes') is a 500.
 */
function unreadableRequest(error: unknown): Response {
  const misdirected = error instanceof RequestError;
  const body = misdirected
    ? {
        error: 'misdirected',
        message: 'Alamat server ini tidak dikenal oleh Paraf. Buka Paraf melalui alamat resminya.',
      }
    : { error: 'internal', message: 'Terjadi kesalahan di server. Coba lagi sebentar lagi.' };
  return new Response(JSON.stringify(body), {
    status: misdirected ? 421 : 500,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    },
  });
}

function listen(
  hostname: string,
  port: number,
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  watch: (server: ServerType) => void,
): Promise<ServerType> {
  return new Promise((done, fail) => {
    const server = createServer(getRequestListener(fetch, { hostname, errorHandler: unreadableRequest }));
    watch(server);
    server.listen(port, hostname, () => done(server));
    // Idle keep-alive sockets are closed by the client, never first by Paraf: a server closing one
    // as a client reuses it resets that request (ECONNRESET), which a loaded machine made happen.
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
    }
    server.once('error', fail);
  });
}

/** The track-deadline answers with their waits scaled (whole seconds, at least one, as Step Functions takes them); the dates stay true. */
function scaledWaits(scale: number, invoke: Invoke): Invoke {
  return async (functionName, payload) => {
    const result = await invoke(functionName, payload);
    const isWait = result !== null && typeof result === 'object' && !Array.isArray(result);
    if (functionName.endsWith(':trackDeadline') && isWait && typeof result.seconds === 'number')
      return { ...result, seconds: Math.max(1, Math.round(result.seconds * scale)) };
    return result;
  };
}

/**
 * AWS's five-minute sweep (cases/sweep-deliveries.ts), each minute while the runtime runs: decisions a
 * request left undelivered, and the e-mails the mail service did not take; the closer waits for a sweep in flight.
 */
function sweepEachMinute(rt: Runtime): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepDeliveries(rt).catch((error: unknown) =>
      console.error('sweep of decisions and e-mails failed; tried again in a minute', error),
    );
  }, 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
