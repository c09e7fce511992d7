// Values of serverless.yml that depend on whether an optional parameter is set, chosen when osls packages the
// template (serverless.yml reads them with ${file(./deploy/optional-settings.cjs):name}).
// A CloudFormation Fn::If cannot do this: the template keeps both branches, and the unused one would hold the
// empty parameter (an SNS ARN, an integer, security group ids of ''), which is an invalid value whatever the
// condition decides; cfn-lint reports it as an error (E3033, E3510, E3012) or a warning (W1033).
// osls (Serverless v3's format) calls an exported function with its variable resolver:
// https://www.serverless.com/framework/docs/guides/variables/javascript

/** The parameter's value, '' when it is unset. */
const param = async (resolveVariable, name) => String(await resolveVariable(`param:${name}`));

/** VpcConfig for a function when subnets are given; subnets and security groups go together. */
async function vpcProperties(resolveVariable) {
  const subnetIds = await param(resolveVariable, 'subnetIds');
  const securityGroupIds = await param(resolveVariable, 'securityGroupIds');
  if (subnetIds === '' && securityGroupIds === '') return {};
  if (subnetIds === '' || securityGroupIds === '') {
    throw new Error(
      `expected both subnetIds and securityGroupIds (or neither), found subnetIds="${subnetIds}" securityGroupIds="${securityGroupIds}"`,
    );
  }
  return { VpcConfig: { SubnetIds: subnetIds.split(','), SecurityGroupIds: securityGroupIds.split(',') } };
}

module.exports = {
  /** The topic that notifications and alarms go to: the given one, or the one this stack creates. */
  topicArn: async ({ resolveVariable }) =>
    (await param(resolveVariable, 'topicArn')) || { Ref: 'NotificationTopic' },

  /** Resources to add: the notification topic unless one is given. */
  notificationTopic: async ({ resolveVariable }) =>
    (await param(resolveVariable, 'topicArn'))
      ? {}
      : resolveVariable('file(./deploy/notification-topic.yml)'),

  /**
   * process-file's optional properties: the VPC, and a reserved concurrency. Lambda's SQS scaling guide asks that a
   * reservation be at least the event source's maximum concurrency, or Lambda throttles the queue's messages
   * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html).
   */
  processFileProperties: async ({ resolveVariable }) => {
    const concurrency = await wholeNumber(resolveVariable, 'processFileConcurrency');
    const maximum = await wholeNumber(resolveVariable, 'processFileMaxConcurrency');
    if (maximum === '' || Number(maximum) < 2 || Number(maximum) > 1000) {
      throw new Error(`expected processFileMaxConcurrency to be 2 to 1000, found "${maximum}"`);
    }
    if (concurrency !== '' && Number(concurrency) < Number(maximum)) {
      throw new Error(
        `expected processFileConcurrency to be empty or at least processFileMaxConcurrency (${maximum}), found "${concurrency}"`,
      );
    }
    const reserved = concurrency === '' ? {} : { ReservedConcurrentExecutions: concurrency };
    return { ...(await vpcProperties(resolveVariable)), ...reserved };
  },

  /** log-status's optional properties: the VPC, and the reserved concurrency that bounds it (docs/deploy.md). */
  logStatusProperties: async ({ resolveVariable }) => {
    const concurrency = await wholeNumber(resolveVariable, 'logStatusConcurrency');
    const reserved = concurrency === '' ? {} : { ReservedConcurrentExecutions: concurrency };
    return { ...(await vpcProperties(resolveVariable)), ...reserved };
  },

  /** The reconciler's optional properties: the VPC (it reaches RDS as log-status does). */
  reconcileProperties: async ({ resolveVariable }) => vpcProperties(resolveVariable),
};

/** A parameter that must be a whole number or empty. */
async function wholeNumber(resolveVariable, name) {
  const value = await param(resolveVariable, name);
  if (value !== '' && !/^\d+$/.test(value)) {
    throw new Error(`expected ${name} to be a whole number or empty, found "${value}"`);
  }
  return value;
}
