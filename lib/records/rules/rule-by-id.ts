// The rule a run was submitted under, by its ext_file_config_sid, whatever its operational flag is now.
import type { Kysely } from 'kysely';
import { ConfigError } from '../../core/errors.js';
import type { Rule } from '../../core/rules/rule.js';
import type { Database } from '../tables.js';
import { withInterfacesAndDetails } from './config-rows.js';
import { parseRule } from './parse-rule.js';

/**
 * A run outlives edits to its rule: a rule deactivated after the file was submitted still names the target and the
 * post-load SQL the load was meant to finish with, so the operational flag is not checked here.
 */
export async function ruleById(db: Kysely<Database>, sid: number): Promise<Rule> {
  const config = await db
    .selectFrom('rdscnfg.ext_file_config')
    .selectAll()
    .where('ext_file_config_sid', '=', sid)
    .executeTakeFirst();
  if (config === undefined) {
    throw new ConfigError(`expected a rdscnfg.ext_file_config row with sid ${sid}, found none`, { sid });
  }
  const [found] = await withInterfacesAndDetails(db, [config]);
  if (found?.iface === undefined) {
    throw new ConfigError(
      `expected interface ${String(config.ext_interface_cid)} of rule ${sid} in rdscnfg.ext_interface, found none`,
      { sid, field: 'ext_interface_cid' },
    );
  }
  return parseRule(found.config, found.iface, found.details);
}
