import { officeLetterhead } from '#config/office-letterhead.ts';
import { checkCertificateIssuer } from '#config/check-certificate-issuer.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HttpHandler } from '@smithy/core/protocols';
import { readConfig, sdkClientSettings, type ParafConfig } from '#config/read-config.ts';
import { useOfficeFiles } from '#config/office-files.ts';
import { findRevision, loadCatalog, loadRevisions } from '#sop/load-catalog.ts';
import { officeSettings } from '#config/office-settings.ts';
import type { Sop } from '#sop/schema.ts';
import { loadStaffDirectory, type StaffDirectory } from '#staff/load-staff-directory.ts';

/**
 * What every handler uses, built once per process (a Lambda container, or the local runtime).
 * The table's, the archive's, KMS's and Step Functions' clients are built from `config.aws`
 * (sdkClientSettings): on AWS nothing, the SDK finding region and credentials as usual; locally the
 * stand-ins' endpoints, so the code is the same on both.
 */
export interface Runtime {
  config: ParafConfig;
  dynamo: DynamoDBDocumentClient;
  staff: StaffDirectory;
  /** The newest revision of each SOP. */
  catalog: Sop[];
  /** Every revision the catalog keeps, oldest first per SOP. */
  revisions: Sop[];
  /** An SOP's newest revision (listings, the counter's form before a date is known). */
  sop(id: string): Sop;
  /**
   * The revision a case, link or machine event is under; one that names none (written before revisions
   * were kept) is under the oldest the catalog keeps. Throws on a revision the catalog no longer keeps.
   */
  sopOf(ref: { sop: string; revision?: string | undefined }): Sop;
}

let current: Runtime | undefined;

export function runtime(): Runtime {
  current ??= buildRuntime(readConfig());
  return current;
}

/** The local runtime builds its own after starting the stand-ins; tests reset it between data folders. */
export function setRuntime(value: Runtime | undefined): void {
  current = value;
}

/**
 * `tableRequestHandler`: the local runtime's transport to its table on another thread of the process
 * (infra/local/table-thread), given by the process that started the table; without it, HTTP.
 */
export function buildRuntime(config: ParafConfig, clients: { tableRequestHandler?: HttpHandler } = {}): Runtime {
  // The office's files are checked at start (the registers with the catalog), so a wrong one stops Paraf, not a case.
  useOfficeFiles(config);
  const catalog = loadCatalog();
  const revisions = loadRevisions();
  checkCertificateIssuer(officeSettings().certificateIssuer, config);
  officeLetterhead();
  const staff = loadStaffDirectory(config.staffFile, revisions);
  return {
    config,
    dynamo: DynamoDBDocumentClient.from(
      new DynamoDBClient({
        ...sdkClientSettings(config.aws, 'dynamodb'),
        ...(clients.tableRequestHandler ? { requestHandler: clients.tableRequestHandler } : {}),
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    ),
    staff,
    catalog,
    revisions,
    sop(id) {
      const sop = catalog.find((s) => s.id === id);
      if (!sop) throw new Error(`unknown SOP ${id}`);
      return sop;
    },
    sopOf(ref) {
      const sop = findRevision(revisions, ref.sop, ref.revision);
      if (!sop)
        throw new Error(`unknown SOP ${ref.sop} revision ${ref.revision ?? '(none)'}: the catalog no longer keeps it`);
      return sop;
    },
  };
}
