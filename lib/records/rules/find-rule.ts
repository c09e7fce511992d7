// Finds the one active rule for an object key, as the original did but with exact tokens and clear failures.
import type { Kysely } from 'kysely';
import { ConfigError, TerminalError } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import { fileToken, lastExtension } from '../../core/rules/file-name.js';
import { matchingConfigs } from '../../core/rules/match-rule.js';
import type { Rule } from '../../core/rules/rule.js';
import type { Database } from '../tables.js';
import { type ConfigRowSet, selectActiveConfigs, withInterfacesAndDetails } from './config-rows.js';
import { parseRule } from './parse-rule.js';

export async function findRule(db: Kysely<Database>, objectKey: string): Promise<Rule> {
  const name = fileNameOf(objectKey);
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
    // Rules of one interface still tell its subscribers (their filter policies select on the interface).
    const interfaces = new Set(matches.map((m) => String(m.ext_interface_cid)));
    const [interfaceId] = interfaces.size === 1 ? [...interfaces] : [];
    throw new TerminalError(
      `file '${name}' matches more than one active rule: ${sids.join(' and ')} (expected exactly one)`,
      { context: interfaceId === undefined ? context : { ...context, interfaceId } },
    );
  }
  const [found] = await withInterfacesAndDetails(db, matches);
  const rule = parseMatched(found!, context);
  const extension = lastExtension(name);
  if (extension !== rule.fileType) {
    throw new TerminalError(
      `rule ${rule.id} expects file_type '${rule.fileType}', file '${name}' has extension '${extension}'`,
      { context: { ...context, ruleId: rule.id } },
    );
  }
  return rule;
}

/** A broken rule still names its interface, so the failure reaches that interface's subscribers. */
function parseMatched(found: ConfigRowSet, context: { key: string }): Rule {
  try {
    return parseRule(found.config, found.iface, found.details);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.message,
      {
        ...(error.sid !== undefined && { sid: error.sid }),
        ...(error.field !== undefined && { field: error.field }),
      },
      { cause: error, context: { ...context, interfaceId: String(found.config.ext_interface_cid) } },
    );
  }
}
