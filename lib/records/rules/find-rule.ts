// Finds the one active rule for an object key, as the original did but with exact tokens and clear failures.
import type { Kysely } from 'kysely';
import { ConfigError, TerminalError } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import { fileToken, lastExtension } from '../../core/rules/file-name.js';
import { matchingConfigs } from '../../core/rules/match-rule.js';
import type { Rule } from '../../core/rules/rule.js';
import type { Database } from '../tables.js';
import { selectActiveConfigs, withInterfacesAndDetails } from './config-rows.js';
import { inspectRule } from './parse-rule.js';

/**
 * What a key's lookup found. Every outcome but `found` carries the error a run fails with; the others also say what
 * the failure is recorded under: the matched rule (a file of the wrong type), or just the interface (several rules of
 * one interface, or a broken rule, whose subscribers are still told).
 */
export type RuleLookup =
  | { kind: 'found'; rule: Rule }
  | { kind: 'none'; error: TerminalError }
  | { kind: 'several'; ruleIds: number[]; interfaceId?: string; error: TerminalError }
  | { kind: 'broken'; ruleId: number; interfaceId: string; problems: ConfigError[]; error: ConfigError }
  | { kind: 'wrong-type'; rule: Rule; extension: string; error: TerminalError };

export async function findRule(db: Kysely<Database>, objectKey: string): Promise<RuleLookup> {
  const name = fileNameOf(objectKey);
  const token = fileToken(name);
  const context = { key: objectKey };
  const matches = matchingConfigs(await selectActiveConfigs(db, token), name);
  if (matches.length === 0) {
    const message = `no active rule matches file '${name}' (token '${token}', no file_pattern matches)`;
    return { kind: 'none', error: new TerminalError(message, { context }) };
  }
  if (matches.length > 1) {
    const ruleIds = matches.map((m) => m.ext_file_config_sid);
    // Rules of one interface still tell its subscribers (their filter policies select on the interface).
    const interfaces = new Set(matches.map((m) => String(m.ext_interface_cid)));
    const [interfaceId] = interfaces.size === 1 ? [...interfaces] : [];
    const message = `file '${name}' matches more than one active rule: ${ruleIds.join(' and ')} (expected exactly one)`;
    const error = new TerminalError(message, {
      context: interfaceId === undefined ? context : { ...context, interfaceId },
    });
    return { kind: 'several', ruleIds, ...(interfaceId === undefined ? {} : { interfaceId }), error };
  }
  const [found] = await withInterfacesAndDetails(db, matches);
  const { config, iface, details } = found!;
  const { rule, problems } = inspectRule(config, iface, details);
  if (rule === undefined) {
    const interfaceId = String(config.ext_interface_cid);
    const [first] = problems as [ConfigError, ...ConfigError[]];
    const error = new ConfigError(
      first.message,
      {
        ...(first.sid !== undefined && { sid: first.sid }),
        ...(first.field !== undefined && { field: first.field }),
      },
      { cause: first, context: { ...context, interfaceId } },
    );
    return { kind: 'broken', ruleId: config.ext_file_config_sid, interfaceId, problems, error };
  }
  const extension = lastExtension(name);
  if (extension !== rule.fileType) {
    const message = `rule ${rule.id} expects file_type '${rule.fileType}', file '${name}' has extension '${extension}'`;
    const error = new TerminalError(message, { context: { ...context, ruleId: rule.id } });
    return { kind: 'wrong-type', rule, extension, error };
  }
  return { kind: 'found', rule };
}

/** The rule, or the lookup's error: for callers to whom anything but a usable rule is a failure. */
export function requireRule(lookup: RuleLookup): Rule {
  if (lookup.kind === 'found') return lookup.rule;
  throw lookup.error;
}
