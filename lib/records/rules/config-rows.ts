// Reads active config rows, their interfaces and their detail rows from the config database.
import type { Kysely } from 'kysely';
import type { Database, FileConfigDetailRow, FileConfigRow, InterfaceRow } from '../tables.js';

export interface ConfigRowSet {
  config: FileConfigRow;
  iface: InterfaceRow;
  details: FileConfigDetailRow[];
}

/** Active rows; with `token`, only those whose file_prefix is `<token>.` or that carry a glob. */
export async function selectActiveConfigs(db: Kysely<Database>, token?: string): Promise<FileConfigRow[]> {
  let query = db.selectFrom('rdscnfg.ext_file_config').selectAll().where('oprtnl_flag', '=', 'A');
  if (token !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('file_prefix', '=', `${token}.`),
        eb.and([eb('file_pattern', 'is not', null), eb('file_pattern', '<>', '')]),
      ]),
    );
  }
  return query.orderBy('ext_file_config_sid').execute();
}

/** Each config row with its interface and all of its detail rows (active or not; parsing filters). */
export async function withInterfacesAndDetails(
  db: Kysely<Database>,
  configs: readonly FileConfigRow[],
): Promise<ConfigRowSet[]> {
  if (configs.length === 0) return [];
  const sids = configs.map((c) => c.ext_file_config_sid);
  const cids = [...new Set(configs.map((c) => String(c.ext_interface_cid)))];
  const [interfaces, details] = await Promise.all([
    db.selectFrom('rdscnfg.ext_interface').selectAll().where('ext_interface_cid', 'in', cids).execute(),
    db
      .selectFrom('rdscnfg.ext_file_config_dtl')
      .selectAll()
      .where('ext_file_config_sid', 'in', sids)
      .execute(),
  ]);
  // numeric ids come back as text; compare them as numbers so '527' and '527.0' agree.
  const byCid = new Map(interfaces.map((i) => [Number(i.ext_interface_cid), i]));
  return configs.map((config) => ({
    config,
    iface: byCid.get(Number(config.ext_interface_cid))!,
    details: details.filter((d) => d.ext_file_config_sid === config.ext_file_config_sid),
  }));
}
