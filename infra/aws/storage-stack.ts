import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectLockRetention,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { INDEXES, KEY } from '#records/table.ts';

/**
 * The archive and the records. The bucket keeps every version and locks objects (governance mode),
 * because a signed permit must not change after it was issued; the table keeps point-in-time recovery.
 *
 * Both are retained and have names CloudFormation generates: a first deploy that rolls back leaves
 * them behind (empty), and the retried deploy makes new ones instead of failing on a name that
 * "already exists"; two Paraf stages in one account never share a name. The other stacks take the
 * names and ARNs through four exports with names of their own (`shared`), which never change once
 * made and which the least-privilege policies and their cdk-nag acknowledgments can name.
 */
export interface StorageStackProps extends StackProps {
  /** The pages' origin (the public URL's): the only one whose script may post to the uploads bucket. */
  uploadOrigin: string;
}

export class StorageStack extends Stack {
  readonly bucket: Bucket;
  /** The loket's attachments, posted by the browser (presigned POSTs) before a case takes them. */
  readonly uploads: Bucket;
  readonly table: Table;
  readonly dataKey: Key;
  /** For the other stacks: the table's and the bucket's names and ARNs, imported by export name. */
  readonly shared: {
    tableName: string;
    tableArn: string;
    bucketName: string;
    bucketArn: string;
    uploadBucketName: string;
    uploadBucketArn: string;
  };

  // biome-ignore lint/complexity/noExcessiveLinesPerFunction: a CDK stack declares its resources in order, each block one resource with its grants; split, the order would be lost
  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Paraf: encrypts the archive and the records',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Archive', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(365 * 10)),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      // Editable drafts are kept, but are read rarely once a case is closed.
      lifecycleRules: [
        {
          id: 'drafts-to-infrequent-access',
          tagFilters: { 'paraf-kind': 'draft' },
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    // Apart from the archive: its object lock would keep every upload ten years. An upload lives until
    // its case takes it (and removes it, claim-uploads.ts) or a day has passed, whichever is first.
    this.uploads = new Bucket(this, 'Uploads', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'uploads/',
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedOrigins: [props.uploadOrigin],
          allowedMethods: [HttpMethods.POST],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'unclaimed-uploads',
          prefix: 'uploads/',
          expiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.table = new Table(this, 'Records', {
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partition, type: AttributeType.STRING },
        sortKey: { name: index.sort, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.shared = {
      tableName: this.share('RecordsTableName', this.table.tableName),
      tableArn: this.share('RecordsTableArn', this.table.tableArn),
      bucketName: this.share('ArchiveBucketName', this.bucket.bucketName),
      bucketArn: this.share('ArchiveBucketArn', this.bucket.bucketArn),
      uploadBucketName: this.share('UploadBucketName', this.uploads.bucketName),
      uploadBucketArn: this.share('UploadBucketArn', this.uploads.bucketArn),
    };
  }

  /** Exports a value under `<stack>-<name>` and returns its import, for another stack to use. */
  private share(name: string, value: string): string {
    const exportName = `${this.stackName}-${name}`;
    new CfnOutput(this, name, { value, exportName });
    return Fn.importValue(exportName);
  }
}
