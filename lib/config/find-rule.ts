// Finds the one active rule for an object key, as the original did but with exact tokens and clear failures.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { TerminalError } from '../errors.js';
import { selectActiveConfigs, withInterfacesAndDetails } from './config-rows.js';
import { baseName, fileToken, lastExtension } from './file-name.js';
import { matchingConfigs } from './match-rule.js';
import { parseRule } from './parse-rule.js';
import type { Rule } from './rule.js';

export async function findRule(db: Kysely<Database>, objectKey: string): Promise<Rule> {
  const name = baseName(objectKey);
  const token = fileToken(name);
  const context = { key: objectKey };
  const matches = matchingConfigs(await selectActiveConfigs(db, token), name);
  if (matches.length === 0) {
    throw new TerminalError(
      `no active rule matches file '${name}' (token '${token}', no file_pattern matches)`,
      {
        context,
      },
    );
  }
  if (matches.length > 1) {
    const sids = matches.map((m) => m.ext_file_config_sid);
    throw new TerminalError(
      `file '${name}' matches more than one active rule: ${sids.join(' and ')} (expected exactly one)`,
      { context },
    );
  }
  const [found] = await withInterfacesAndDetails(db, matches);
  const rule = parseRule(found!.config, found!.iface, found!.details);
  const extension = lastExtension(name);
  if (extension !== rule.fileType) {
    throw new TerminalError(
      `rule ${rule.id} expects file_type '${rule.fileType}', file '${name}' has extension '${extension}'`,
      { context: { ...context, ruleId: rule.id } },
    );
  }
  return rule;
}
