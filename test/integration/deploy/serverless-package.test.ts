// Packages the service offline with osls (as CI does) and checks the CloudFormation template it would deploy.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../../lib/core/settings/settings.js';
import {
  asList,
  evaluateConditions,
  fakeAccount,
  readTemplate,
  resolve,
  roleStatements,
  type Template,
} from './cloudformation.js';

const run = promisify(execFile);
const root = resolvePath(import.meta.dirname, '../../..');
const packageTimeout = 600_000;

// cfn-lint, AWS's CloudFormation linter (https://github.com/aws-cloudformation/cfn-lint), validates the packaged
// templates when it is installed; CI sets FERRY_REQUIRE_CFN_LINT=1 so that there it must be.
const cfnLintFound = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
const cfnLintRequired = process.env.FERRY_REQUIRE_CFN_LINT === '1';
const skipCfnLint = !cfnLintFound && !cfnLintRequired;
const cfnLintSkipReason =
  ' (skipped: cfn-lint is not installed; pip install cfn-lint, or FERRY_REQUIRE_CFN_LINT=1)';
const cfnLintTimeout = 300_000;

/** Resource '*' is allowed only on these statements, each commented in serverless.yml. */
const documentedStarResources = [
  'ReadOwnStatements',
  'ReadStatements',
  'ReadReconcilerStatements',
  'ManageVpcNetworkInterfaces',
];

// Resolved CloudFormation JSON: the tests below assert its fields one by one.
// biome-ignore lint/suspicious/noExplicitAny: dynamic template JSON, narrowed by each assertion
type Json = Record<string, any>;

interface Packaged {
  dir: string;
  template: Template;
  conditions: Record<string, boolean>;
  /** A resource's properties with intrinsics resolved for this deployment. */
  properties(logicalId: string): Json;
}

async function packaged(dir: string): Promise<Packaged> {
  const template = await readTemplate(dir);
  const conditions = evaluateConditions(template);
  const properties = (logicalId: string) => {
    const resource = template.Resources[logicalId];
    if (!resource)
      throw new Error(`expected resource ${logicalId}, found ${Object.keys(template.Resources)}`);
    return resolve(resource.Properties ?? {}, conditions) as Json;
  };
  return { dir, template, conditions, properties };
}

const ofType = (p: Packaged, type: string) =>
  Object.entries(p.template.Resources)
    .filter(
      ([, resource]) => resource.Type === type && (!resource.Condition || p.conditions[resource.Condition]),
    )
    .map(([id]) => id);

const statementsOf = (p: Packaged, role: string) =>
  roleStatements(p.template, p.conditions).filter((s) => s.role === role);
const actionsOf = (p: Packaged, role: string) => statementsOf(p, role).flatMap((s) => asList(s.Action));

let cluster: Packaged;
let serverless: Packaged;
let variantDir: string;
let report: string;

beforeAll(async () => {
  // The variant goes first: a later package run replaces what .serverless/ holds, never the other way round.
  variantDir = await mkdtemp(join(tmpdir(), 'ferry-package-'));
  const osls = join(root, 'node_modules', '.bin', 'osls');
  await run(osls, ['package', '--stage', 'ci-serverless', '--package', variantDir], {
    cwd: root,
    timeout: packageTimeout,
    maxBuffer: 16 * 1024 * 1024,
  });
  serverless = await packaged(variantDir);
  // Then the real CI entry point: bundles, packages stage `ci` into .serverless/ and prints the bundle report.
  const { stdout } = await run('npm', ['run', 'package'], {
    cwd: root,
    timeout: packageTimeout,
    maxBuffer: 16 * 1024 * 1024,
  });
  report = stdout;
  cluster = await packaged(join(root, '.serverless'));
}, packageTimeout * 2);

afterAll(async () => {
  if (variantDir) await rm(variantDir, { recursive: true, force: true });
});

describe('serverless package, stage ci (provisioned cluster with a database user, existing bucket)', () => {
  it('packages each function individually as an ESM bundle with its source map and nothing else', async () => {
    for (const [key, file] of [
      ['processFile', 'process-file'],
      ['logStatus', 'log-status'],
    ]) {
      const zip = await readFile(join(cluster.dir, `${key}.zip`));
      const names = zip.toString('latin1');
      expect(names).toContain(`functions/${file}.mjs`);
      expect(names).toContain(`functions/${file}.mjs.map`);
      expect(names).not.toContain('node_modules/');
      const other = file === 'process-file' ? 'log-status' : 'process-file';
      expect(names).not.toContain(`functions/${other}.mjs`);
    }
    const fn = cluster.properties('ProcessFileLambdaFunction');
    expect(fn.Handler).toBe('functions/process-file.handler');
    expect(fn.Runtime).toBe('nodejs24.x');
    expect(cluster.properties('LogStatusLambdaFunction').Handler).toBe('functions/log-status.handler');
  });

  it('runs every function of both stages on nodejs24.x (supported until 2028-04-30, lambda-nodejs.html)', () => {
    for (const stage of [cluster, serverless]) {
      const functions = ofType(stage, 'AWS::Lambda::Function');
      expect(functions).toEqual(
        expect.arrayContaining([
          'ProcessFileLambdaFunction',
          'LogStatusLambdaFunction',
          'ReconcileLambdaFunction',
        ]),
      );
      for (const id of functions) {
        // The custom resource osls adds for an existing bucket's notification is a Lambda function too.
        expect({ id, runtime: stage.properties(id).Runtime }).toEqual({ id, runtime: 'nodejs24.x' });
      }
    }
  });

  it('prints each bundle size and its median module load time after packaging', () => {
    for (const name of ['processFile', 'logStatus', 'reconcile']) {
      expect(report).toMatch(
        new RegExp(`${name} +zip \\d+\\.\\d\\d MiB +bundle \\d+\\.\\d\\d MiB +load median \\d+\\.\\d ms`),
      );
    }
  });

  it('sets memory, timeout and ephemeral storage for each function', () => {
    const processFile = cluster.properties('ProcessFileLambdaFunction');
    const logStatus = cluster.properties('LogStatusLambdaFunction');
    expect([processFile.MemorySize, processFile.Timeout, processFile.EphemeralStorage]).toEqual([
      1769,
      900,
      { Size: 512 },
    ]);
    expect([logStatus.MemorySize, logStatus.Timeout, logStatus.EphemeralStorage]).toEqual([
      512,
      300,
      { Size: 512 },
    ]);
    const reconcile = cluster.properties('ReconcileLambdaFunction');
    expect([reconcile.MemorySize, reconcile.Timeout, reconcile.EphemeralStorage]).toEqual([
      512,
      900,
      { Size: 512 },
    ]);
  });

  it('runs the reconciler every 5 minutes by default, one pass at a time, on its own role', () => {
    const rules = ofType(cluster, 'AWS::Events::Rule').map((id) => cluster.properties(id));
    const scheduled = rules.filter((rule) => rule.ScheduleExpression !== undefined);
    expect(
      scheduled.map((rule) => [rule.ScheduleExpression, rule.Targets.map((t: { Arn: string }) => t.Arn)]),
    ).toEqual([['rate(5 minutes)', ['arn:ReconcileLambdaFunction.Arn']]]);
    const reconcile = cluster.properties('ReconcileLambdaFunction');
    expect(reconcile.ReservedConcurrentExecutions).toBe(1);
    expect(reconcile.Role).toBe('arn:ReconcileRole.Arn');
    expect(reconcile.Runtime).toBe('nodejs24.x');
    expect(reconcile.Handler).toBe('functions/reconcile.handler');
  });

  it('feeds process-file from an SQS queue with a maximum concurrency of 10 (2 to 1000, API_ScalingConfig.html), one message per batch and partial batch responses', () => {
    expect(ofType(cluster, 'AWS::Lambda::EventSourceMapping')).toEqual(['ProcessFileEventSourceMapping']);
    expect(cluster.properties('ProcessFileEventSourceMapping')).toEqual({
      EventSourceArn: 'arn:FileEventsQueue.Arn',
      FunctionName: 'ref:ProcessFileLambdaFunction',
      BatchSize: '1',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: '10' },
    });
    // No direct S3 trigger is left: no custom resource, no permission for S3 to invoke the function (only
    // EventBridge's, for log-status's rule and the reconciler's schedule).
    expect(ofType(cluster, 'Custom::S3')).toEqual([]);
    expect(ofType(cluster, 'AWS::Lambda::Permission').map((id) => cluster.properties(id).Principal)).toEqual([
      'events.amazonaws.com',
      'events.amazonaws.com',
    ]);
    expect(ofType(cluster, 'AWS::S3::Bucket').filter((id) => id !== 'ServerlessDeploymentBucket')).toEqual(
      [],
    );
  });

  it('keeps a message invisible six times the function timeout (sqs-configure-lambda-function-trigger.html), then moves it to the dead-letter queue after 3 deliveries', () => {
    const queue = cluster.properties('FileEventsQueue');
    const timeout = cluster.properties('ProcessFileLambdaFunction').Timeout as number;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: 'arn:ProcessFileDeadLetterQueue.Arn',
      maxReceiveCount: '3',
    });
    expect(queue.MessageRetentionPeriod).toBeLessThan(
      cluster.properties('ProcessFileDeadLetterQueue').MessageRetentionPeriod,
    );
  });

  it("lets only the Ferry bucket's S3 notifications, from this account, send to the queue", () => {
    const policy = cluster.properties('FileEventsQueuePolicy');
    expect(policy.Queues).toEqual(['ref:FileEventsQueue']);
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Sid: 'S3NotificationsOfTheFerryBucket',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:FileEventsQueue.Arn',
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ferry-ci-example-bucket' },
          StringEquals: { 'aws:SourceAccount': fakeAccount.AccountId },
        },
      },
    ]);
  });

  it('deploys exactly the EventBridge pattern in orchestration/ and targets log-status', async () => {
    const pattern = JSON.parse(
      await readFile(join(root, 'orchestration', 'status-change-rule.json'), 'utf8'),
    );
    const rules = ofType(cluster, 'AWS::Events::Rule')
      .map((id) => cluster.properties(id))
      .filter((rule) => rule.EventPattern !== undefined);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.EventPattern).toEqual(pattern);
    expect(rules[0]!.Targets.map((t: { Arn: string }) => t.Arn)).toEqual(['arn:LogStatusLambdaFunction.Arn']);
  });

  it("retries log-status's asynchronous invocations twice, the reconciler's never, then each goes to its own dead-letter queue", () => {
    const configs = ofType(cluster, 'AWS::Lambda::EventInvokeConfig').map((id) => cluster.properties(id));
    const byFunction = Object.fromEntries(configs.map((c) => [c.FunctionName, c]));
    expect(Object.keys(byFunction).sort()).toEqual([
      'ref:LogStatusLambdaFunction',
      'ref:ReconcileLambdaFunction',
    ]);
    expect(byFunction['ref:LogStatusLambdaFunction']).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: 'arn:LogStatusDeadLetterQueue.Arn' } },
    });
    for (const queue of [
      'ProcessFileDeadLetterQueue',
      'LogStatusDeadLetterQueue',
      'ReconcileDeadLetterQueue',
    ]) {
      expect(cluster.properties(queue).MessageRetentionPeriod).toBe(1209600);
    }
    // The schedule is the reconciler's retry: a failed pass goes straight to its own queue.
    expect(byFunction['ref:ReconcileLambdaFunction']).toMatchObject({
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: 'arn:ReconcileDeadLetterQueue.Arn' } },
    });
  });

  it('raises alarms on errors, dead-letter queue depth, stuck runs and throttling, published to the created topic', () => {
    const alarms = ofType(cluster, 'AWS::CloudWatch::Alarm').map((id) => cluster.properties(id));
    const single = alarms.filter((a) => a.MetricName !== undefined);
    const watched = single.map((a) => `${a.Namespace}:${a.MetricName}:${a.Dimensions[0].Value}`).sort();
    expect(watched).toEqual([
      'AWS/Lambda:Errors:ref:LogStatusLambdaFunction',
      'AWS/Lambda:Errors:ref:ProcessFileLambdaFunction',
      'AWS/Lambda:Errors:ref:ReconcileLambdaFunction',
      'AWS/Lambda:Throttles:ref:LogStatusLambdaFunction',
      'AWS/Lambda:Throttles:ref:ProcessFileLambdaFunction',
      'AWS/SQS:ApproximateNumberOfMessagesVisible:arn:LogStatusDeadLetterQueue.QueueName',
      'AWS/SQS:ApproximateNumberOfMessagesVisible:arn:ProcessFileDeadLetterQueue.QueueName',
      'AWS/SQS:ApproximateNumberOfMessagesVisible:arn:ReconcileDeadLetterQueue.QueueName',
      'Ferry/ci:StuckRunsFound:ferry',
    ]);
    for (const alarm of single) expect(alarm.Threshold).toBe(1);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual(['ref:NotificationTopic']);
    expect(ofType(cluster, 'AWS::SNS::Topic')).toEqual(['NotificationTopic']);
  });

  it('alarms on the failure rate: files failed over files received, across all feeds, above 10%', () => {
    const [rate] = ofType(cluster, 'AWS::CloudWatch::Alarm')
      .map((id) => cluster.properties(id))
      .filter((a) => a.Metrics !== undefined);
    const inputs = rate!.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => ({
      id: m.Id,
      metric: m.MetricStat.Metric,
      stat: m.MetricStat.Stat,
    }));
    const allFeeds = [{ Name: 'service', Value: 'ferry' }];
    expect(inputs).toEqual([
      {
        id: 'failed',
        metric: { Namespace: 'Ferry/ci', MetricName: 'FilesFailed', Dimensions: allFeeds },
        stat: 'Sum',
      },
      {
        id: 'received',
        metric: { Namespace: 'Ferry/ci', MetricName: 'FilesReceived', Dimensions: allFeeds },
        stat: 'Sum',
      },
    ]);
    const [expression] = rate!.Metrics.filter((m: Json) => m.Expression);
    expect(expression).toMatchObject({
      ReturnData: true,
      Expression: expect.stringMatching(/failed.*received/),
    });
    expect([rate!.Threshold, rate!.ComparisonOperator]).toEqual([10, 'GreaterThanThreshold']);
  });

  it('ships a dashboard of per-feed files and rows, failures, latency, queue depth, stuck runs and throttles', () => {
    const body = JSON.parse(cluster.properties('Dashboard').DashboardBody) as {
      widgets: Array<{ properties: { title: string; metrics: unknown[][] } }>;
    };
    const named = (title: string) => {
      const widget = body.widgets.find((w) => w.properties.title === title);
      if (!widget)
        throw new Error(`expected a widget "${title}", found ${body.widgets.map((w) => w.properties.title)}`);
      return JSON.stringify(widget.properties.metrics);
    };
    const perFeed = (name: string) =>
      `SEARCH('{Ferry/ci,service,interface} MetricName=\\"${name}\\"', 'Sum', 300)`;
    for (const name of ['FilesReceived', 'FilesLoaded', 'FilesDuplicate'])
      expect(named('Files per feed')).toContain(perFeed(name));
    for (const name of ['RowsExpected', 'RowsLoaded', 'RowsRejected'])
      expect(named('Rows per feed')).toContain(perFeed(name));
    for (const name of ['FilesFailed', 'FilesRetried', 'RowCountMismatch'])
      expect(named('Failures')).toContain(`"Ferry/ci","${name}","service","ferry"`);
    expect(named('Latency (seconds)')).toContain('"Ferry/ci","UploadToLoadedSeconds"');
    expect(named('Latency (seconds)')).toContain('"Ferry/ci","PrepareSeconds"');
    expect(named('Queue depth')).toContain('"QueueName","arn:ProcessFileDeadLetterQueue.QueueName"');
    expect(named('Queue depth')).toContain('"QueueName","arn:LogStatusDeadLetterQueue.QueueName"');
    expect(named('Queue depth')).toContain('"QueueName","arn:FileEventsQueue.QueueName"');
    expect(named('Queue depth')).toContain('"QueueName","arn:ReconcileDeadLetterQueue.QueueName"');
    expect(named('Stuck runs found by the reconciler')).toContain(
      '"Ferry/ci","StuckRunsFound","service","ferry"',
    );
    expect(named('Throttles')).toContain(
      '"AWS/Lambda","Throttles","FunctionName","ref:ProcessFileLambdaFunction"',
    );
    expect(body.widgets.every((w) => JSON.stringify(w).includes(`"region":"${fakeAccount.Region}"`))).toBe(
      true,
    );
  });

  it("gives each function an environment that Ferry's settings reader accepts in AWS mode", () => {
    for (const fn of ['ProcessFileLambdaFunction', 'LogStatusLambdaFunction', 'ReconcileLambdaFunction']) {
      const env = cluster.properties(fn).Environment.Variables as Record<string, string>;
      const settings = readSettings(env, 'aws');
      expect(settings).toMatchObject({
        bucket: 'ferry-ci-example-bucket',
        inputPrefix: 'external_input/',
        processingPrefix: 'processing/',
        archivePrefix: 'archive/',
        iamRole: `arn:aws:iam::${fakeAccount.AccountId}:role/ferry-ci-redshift-copy`,
        region: fakeAccount.Region,
        configDatabase: { secretId: 'ferry/ci/config-db' },
        warehouse: { database: 'dev', clusterIdentifier: 'ferry-ci-cluster', dbUser: 'ferry_loader' },
        topicArn: 'ref:NotificationTopic',
        metricsNamespace: 'Ferry/ci',
        timeoutMarginMs: 30000,
        reconcileAfterMinutes: 15,
        reconcileMaxRuns: 50,
      });
      expect(settings.warehouse.secretArn).toBeUndefined();
      expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it("grants no wildcard action, and Resource '*' only where AWS offers nothing narrower", () => {
    const statements = roleStatements(cluster.template, cluster.conditions);
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(new Set(allows.map((s) => s.role))).toEqual(
      new Set(['ProcessFileRole', 'LogStatusRole', 'ReconcileRole']),
    );
    expect(allows.flatMap((s) => asList(s.Action)).filter((action) => action.includes('*'))).toEqual([]);
    const starred = allows.filter((s) => asList(s.Resource).includes('*')).map((s) => `${s.role}:${s.Sid}`);
    expect(starred.sort()).toEqual([
      'LogStatusRole:ReadReconcilerStatements',
      'LogStatusRole:ReadStatements',
      'ProcessFileRole:ReadOwnStatements',
      'ReconcileRole:ReadStatements',
    ]);
    expect(starred.every((id) => documentedStarResources.includes(id.split(':')[1]!))).toBe(true);
    // The only wildcard actions anywhere are denials: TLS-only bucket policies.
    const denies = ofType(cluster, 'AWS::S3::BucketPolicy').flatMap(
      (id) => cluster.properties(id).PolicyDocument.Statement,
    );
    expect(
      denies.every((s: { Effect: string; Condition: unknown }) => s.Effect === 'Deny' && s.Condition),
    ).toBe(true);
  });

  it('limits S3 object access to the input, processing and archive prefixes of the bucket', () => {
    const bucketArn = 'arn:aws:s3:::ferry-ci-example-bucket';
    for (const role of ['ProcessFileRole', 'LogStatusRole', 'ReconcileRole']) {
      const s3 = statementsOf(cluster, role).filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')));
      const objects = s3.find((s) => asList(s.Action).includes('s3:GetObject'))!;
      expect(asList(objects.Resource)).toEqual([
        `${bucketArn}/external_input/*`,
        `${bucketArn}/processing/*`,
        `${bucketArn}/archive/*`,
      ]);
      const list = s3.find((s) => asList(s.Action).includes('s3:ListBucket'))!;
      expect(list.Resource).toBe(bucketArn);
      expect(list.Condition).toEqual({
        StringLike: { 's3:prefix': ['external_input/*', 'processing/*', 'archive/*'] },
      });
      expect(s3).toHaveLength(2);
    }
  });

  it('grants Data API, cluster credentials for the configured user, the config secret, the topic and the queues', () => {
    const prefix = `arn:aws:redshift:${fakeAccount.Region}:${fakeAccount.AccountId}`;
    for (const role of ['ProcessFileRole', 'LogStatusRole', 'ReconcileRole']) {
      const statements = statementsOf(cluster, role!);
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.SubmitStatements!.Resource).toBe(`${prefix}:cluster:ferry-ci-cluster`);
      expect(bySid.ClusterTemporaryCredentials!.Resource).toEqual([
        `${prefix}:dbuser:ferry-ci-cluster/ferry_loader`,
        `${prefix}:dbname:ferry-ci-cluster/dev`,
      ]);
      expect(bySid.ReadFerrySecrets!.Resource).toEqual([
        `arn:aws:secretsmanager:${fakeAccount.Region}:${fakeAccount.AccountId}:secret:ferry/ci/config-db-??????`,
      ]);
      expect(bySid.PublishFileStatus!.Resource).toBe('ref:NotificationTopic');
      const queues = statementsOf(cluster, role!).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('sqs:')),
      );
      expect(queues.map(({ Sid, Action, Resource }) => ({ Sid, Action, Resource }))).toEqual(
        role === 'ProcessFileRole'
          ? [
              {
                Sid: 'ReadFileEventsQueue',
                Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
                Resource: 'arn:FileEventsQueue.Arn',
              },
            ]
          : [
              {
                Sid: 'SendToOwnDeadLetterQueue',
                Action: 'sqs:SendMessage',
                Resource: `arn:${role === 'LogStatusRole' ? 'LogStatusDeadLetterQueue' : 'ReconcileDeadLetterQueue'}.Arn`,
              },
            ],
      );
      expect(actionsOf(cluster, role!)).not.toContain('redshift-serverless:GetCredentials');
      expect(actionsOf(cluster, role!)).not.toContain('events:PutEvents');
      expect(actionsOf(cluster, role!)).not.toContain('ec2:CreateNetworkInterface');
    }
  });

  it("lets log-status read only Ferry's statements: process-file's loads and its own post-load SQL (list_amazonredshiftdataapi.html)", () => {
    const bySid = Object.fromEntries(statementsOf(cluster, 'LogStatusRole').map((s) => [s.Sid, s]));
    expect(bySid.ReadStatements!.Condition).toEqual({
      StringLike: {
        'redshift-data:statement-owner-iam-userid': [
          'arn:ProcessFileRole.RoleId:*',
          ['$', '{aws:userid}'].join(''),
        ],
      },
    });
    // …and the post-load SQL the reconciler submitted for a run it finished, whose event log-status handles.
    expect(bySid.ReadReconcilerStatements!.Condition).toEqual({
      StringLike: { 'redshift-data:statement-owner-iam-userid': 'arn:ReconcileRole.RoleId:*' },
    });
  });

  it("lets the reconciler read only Ferry's statements: process-file's, log-status's and its own", () => {
    const bySid = Object.fromEntries(statementsOf(cluster, 'ReconcileRole').map((s) => [s.Sid, s]));
    expect(bySid.ReadStatements!.Condition).toEqual({
      StringLike: {
        'redshift-data:statement-owner-iam-userid': [
          'arn:ProcessFileRole.RoleId:*',
          'arn:LogStatusRole.RoleId:*',
          ['$', '{aws:userid}'].join(''),
        ],
      },
    });
  });

  it('sets no VPC and reserves no process-file concurrency when none is asked for, and bounds log-status at 10', () => {
    const fn = cluster.properties('ProcessFileLambdaFunction');
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    expect(cluster.properties('LogStatusLambdaFunction').ReservedConcurrentExecutions).toBe('10');
  });
});

describe('serverless package, stage ci-serverless (workgroup with a secret, created bucket, VPC, given topic)', () => {
  it('creates the bucket encrypted, versioned, public-access-blocked, with a lifecycle rule for archive/', () => {
    const bucket = serverless.properties('FerryBucket');
    expect(bucket.BucketName).toBe('ferry-ci-serverless-example-bucket');
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Object.values(bucket.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    const archive = bucket.LifecycleConfiguration.Rules.find(
      (r: { Prefix?: string }) => r.Prefix === 'archive/',
    );
    expect(archive).toMatchObject({ Status: 'Enabled', ExpirationInDays: '400' });
  });

  it('denies every request to the created bucket that does not use TLS', () => {
    const policy = serverless.properties('FerryBucketPolicy');
    expect(policy.Bucket).toBe('ref:FerryBucket');
    expect(policy.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Resource: ['arn:FerryBucket.Arn', 'arn:FerryBucket.Arn/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  it("sends the created bucket's new input objects to the queue, set once the queue policy lets S3 send", () => {
    expect(serverless.properties('FerryBucket').NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Queue: 'arn:FileEventsQueue.Arn',
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'external_input/' }] } },
        },
      ],
    });
    expect(serverless.template.Resources.FerryBucket!.DependsOn).toEqual(['FileEventsQueuePolicy']);
    expect(ofType(serverless, 'Custom::S3')).toEqual([]);
  });

  it('grants no temporary-credential actions when Redshift is reached with a secret, and reads both secrets', () => {
    for (const role of ['ProcessFileRole', 'LogStatusRole']) {
      const actions = actionsOf(serverless, role);
      expect(actions).not.toContain('redshift:GetClusterCredentials');
      expect(actions).not.toContain('redshift-serverless:GetCredentials');
      const secrets = statementsOf(serverless, role).find((s) => s.Sid === 'ReadFerrySecrets')!;
      expect(asList(secrets.Resource).map((arn) => String(arn).split(':secret:')[1])).toEqual([
        'ferry/ci/config-db-??????',
        'ferry/ci/redshift-??????',
      ]);
      const submit = statementsOf(serverless, role).find((s) => s.Sid === 'SubmitStatements')!;
      expect(submit.Resource).toBe(
        `arn:aws:redshift-serverless:${fakeAccount.Region}:${fakeAccount.AccountId}:workgroup/00000000-0000-0000-0000-000000000000`,
      );
    }
  });

  it('runs both functions in the given subnets, with the network-interface actions Lambda needs there', () => {
    for (const [fn, role] of [
      ['ProcessFileLambdaFunction', 'ProcessFileRole'],
      ['LogStatusLambdaFunction', 'LogStatusRole'],
      ['ReconcileLambdaFunction', 'ReconcileRole'],
    ]) {
      expect(serverless.properties(fn!).VpcConfig).toEqual({
        SubnetIds: ['subnet-00000000000000001', 'subnet-00000000000000002'],
        SecurityGroupIds: ['sg-00000000000000001'],
      });
      expect(actionsOf(serverless, role!)).toContain('ec2:CreateNetworkInterface');
    }
    expect(serverless.properties('ProcessFileLambdaFunction').ReservedConcurrentExecutions).toBe('10');
  });

  it('publishes to the given topic instead of creating one, and may put events on the Ferry bus', () => {
    const topic = 'arn:aws:sns:us-east-1:000000000000:ferry-ci-operations';
    expect(ofType(serverless, 'AWS::SNS::Topic')).toEqual([]);
    const alarms = ofType(serverless, 'AWS::CloudWatch::Alarm').map((id) => serverless.properties(id));
    expect(alarms.map((a) => a.AlarmActions)).toEqual(alarms.map(() => [topic]));
    expect(alarms).toHaveLength(10);
    const env = serverless.properties('LogStatusLambdaFunction').Environment.Variables;
    expect([env.FERRY_TOPIC_ARN, env.FERRY_EVENT_BUS, env.FERRY_REDSHIFT_WORKGROUP]).toEqual([
      topic,
      'ferry-ci-bus',
      'ferry-ci-workgroup',
    ]);
    const events = statementsOf(serverless, 'ProcessFileRole').find((s) => s.Sid === 'PutFerryEvents')!;
    expect(events.Resource).toBe(
      `arn:aws:events:${fakeAccount.Region}:${fakeAccount.AccountId}:event-bus/ferry-ci-bus`,
    );
  });

  it("keeps Resource '*' to the documented statements with every option turned on", () => {
    const starred = roleStatements(serverless.template, serverless.conditions)
      .filter((s) => s.Effect === 'Allow' && asList(s.Resource).includes('*'))
      .map((s) => s.Sid!);
    expect([...new Set(starred)].sort()).toEqual([...documentedStarResources].sort());
  });
});

describe('serverless package, optional parameters that cannot be packaged', () => {
  it.each([
    [
      'subnetIds=subnet-0000000000000000a',
      'expected both subnetIds and securityGroupIds (or neither), found subnetIds="subnet-0000000000000000a" securityGroupIds=""',
    ],
    [
      'processFileConcurrency=ten',
      'expected processFileConcurrency to be a whole number or empty, found "ten"',
    ],
    ['processFileMaxConcurrency=1', 'expected processFileMaxConcurrency to be 2 to 1000, found "1"'],
    [
      'processFileConcurrency=5',
      'expected processFileConcurrency to be empty or at least processFileMaxConcurrency (10), found "5"',
    ],
  ])('stops packaging with --param="%s" and says what it expected', async (param, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-package-invalid-'));
    try {
      const osls = join(root, 'node_modules', '.bin', 'osls');
      const failure = await run(osls, ['package', '--stage', 'ci', `--param=${param}`, '--package', dir], {
        cwd: root,
        timeout: packageTimeout,
      }).then(
        () => 'packaged',
        (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
      );
      expect(failure).toContain(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** One finding of `cfn-lint --format json`. */
interface CfnLintFinding {
  Level: 'Error' | 'Warning' | 'Informational';
  Rule: { Id: string };
  Location: { Path: Array<string | number> };
  Message: string;
}

async function cfnLint(template: string): Promise<string[]> {
  // Findings are data here, not a failed command: exit 0 whatever is found, and read the JSON list.
  const { stdout } = await run('cfn-lint', ['--format', 'json', '--non-zero-exit-code', 'none', template], {
    timeout: cfnLintTimeout,
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as CfnLintFinding[]).map(
    (f) => `${f.Level} ${f.Rule.Id} at ${f.Location.Path.join('/')}: ${f.Message}`,
  );
}

describe('cfn-lint on the packaged templates of both stages', () => {
  if (skipCfnLint) console.warn(`cfn-lint tests${cfnLintSkipReason}`);
  const findings: Record<string, string[]> = {};

  beforeAll(async () => {
    if (skipCfnLint) return;
    if (!cfnLintFound) {
      throw new Error('expected cfn-lint on PATH (FERRY_REQUIRE_CFN_LINT=1 requires it), found none');
    }
    const stages = { ci: cluster, 'ci-serverless': serverless };
    await Promise.all(
      Object.entries(stages).map(async ([stage, packaged]) => {
        findings[stage] = await cfnLint(join(packaged.dir, 'cloudformation-template-update-stack.json'));
      }),
    );
  }, cfnLintTimeout);

  it.skipIf(skipCfnLint)(`reports no errors${skipCfnLint ? cfnLintSkipReason : ''}`, () => {
    const errors = (stage: string) => findings[stage]!.filter((f) => f.startsWith('Error'));
    expect({ ci: errors('ci'), 'ci-serverless': errors('ci-serverless') }).toEqual({
      ci: [],
      'ci-serverless': [],
    });
  });

  it.skipIf(skipCfnLint)(
    `reports no warnings beyond those serverless.yml skips by name, with its reason${skipCfnLint ? cfnLintSkipReason : ''}`,
    () => {
      const warnings = (stage: string) => findings[stage]!.filter((f) => f.startsWith('Warning'));
      expect({ ci: warnings('ci'), 'ci-serverless': warnings('ci-serverless') }).toEqual({
        ci: [],
        'ci-serverless': [],
      });
    },
  );
});
