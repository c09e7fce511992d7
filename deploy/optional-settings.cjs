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

  /** process-file's optional properties: the VPC, and the reserved concurrency that caps RDS connections. */
  processFileProperties: async ({ resolveVariable }) => {
    const concurrency = await param(resolveVariable, 'processFileConcurrency');
    if (concurrency !== '' && !/^\d+$/.test(concurrency)) {
      throw new Error(
        `expected processFileConcurrency to be a whole number or empty, found "${concurrency}"`,
      );
    }
    const reserved = concurrency === '' ? {} : { ReservedConcurrentExecutions: concurrency };
    return { ...(await vpcProperties(resolveVariable)), ...reserved };
  },

  /** log-status's optional properties: the VPC. */
  logStatusProperties: async ({ resolveVariable }) => vpcProperties(resolveVariable),

  /** The reconciler's optional properties: the VPC (it reaches RDS as log-status does). */
  reconcileProperties: async ({ resolveVariable }) => vpcProperties(resolveVariable),
};
