// Config values carrying SQL: table, column, delimiter and post-load placeholders. Each fails as a config
// error or is quoted safely; the canary table rdsftetl.hosp_rpt must survive every one of them.
import type { CaseExpectation, CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable, ruleSql, text } from './generate.js';

export const dropCanary = 'drop table rdsftetl.hosp_rpt';
/** Matched by rule 815's glob: dots, quotes and a statement break are all allowed in it. */
const hostileName = `CORPUS_PLACEHOLDER');${dropCanary};--.txt`;
const records = () => text(flavorLines(3).join(''));

function configError(error: string | RegExp, table?: string): CaseExpectation {
  return {
    state: 'FAILED',
    auditStatus: 'FAILED',
    error,
    rows: 0,
    archivedUnder: 'archive/error/',
    ...(table ? { table } : {}),
  };
}

const loadedFlavor: CaseExpectation = {
  state: 'TRANSFORMED',
  auditStatus: 'TRANSFORMED',
  rows: 3,
  archivedUnder: 'archive/527/',
  table: flavorTable,
};

export const injectionCases: CorpusCase[] = [
  {
    name: 'a table name carrying a DROP fails as a config error',
    rule: ruleSql({ sid: 810, cid: 810, table: `dc_x_pa_flavor; ${dropCanary}; --` }),
    file: { name: 'CORPUS_INJTABLE_810.txt', bytes: records() },
    expect: configError(/tgt_table_name|identifier/),
  },
  {
    name: 'a schema name carrying a quote fails as a config error',
    rule: ruleSql({ sid: 811, cid: 811, schema: `rdsftetl"."x` }),
    file: { name: 'CORPUS_INJSCHEMA_811.txt', bytes: records() },
    expect: configError(/tgt_schema_name|identifier/),
  },
  {
    name: 'a column name carrying a DROP fails as a config error',
    rule: ruleSql({
      sid: 812,
      cid: 812,
      columns: [
        'flavor_id',
        'flavor_code',
        `flavor_name" from x; ${dropCanary}; --`,
        'category',
        'effective_date',
        'price',
        'active_flag',
      ],
    }),
    file: { name: 'CORPUS_INJCOLUMN_812.txt', bytes: records() },
    expect: configError(/column_name|identifier/, flavorTable),
  },
  {
    name: 'a delimiter carrying a quote and a DROP fails as a config error',
    rule: ruleSql({ sid: 813, cid: 813, delimiter: "|';drop table t;--" }),
    file: { name: 'CORPUS_INJDELIM_813.txt', bytes: records() },
    expect: configError(/delimiter/i, flavorTable),
  },
  {
    name: 'a file name built to break out of a post-load SQL placeholder is quoted: the SQL stores it verbatim',
    rule: ruleSql({
      sid: 815,
      cid: 815,
      prefix: 'CORPUSPLACEHOLDER.',
      extra: { file_pattern: 'CORPUS_PLACEHOLDER*.txt' },
      query: `insert into rdsftetl.dc_x_pa_flavor_error (file_name, error_reason) values ({{file_name}}, 'corpus')`,
    }),
    file: { name: hostileName, bytes: records() },
    expect: {
      state: 'TRANSFORMED',
      auditStatus: 'TRANSFORMED',
      rows: 3,
      archivedUnder: 'archive/815/',
      table: flavorTable,
    },
    verify: {
      sql: `select count(*) from rdsftetl.dc_x_pa_flavor_error where file_name = '${hostileName.replaceAll("'", "''")}' and error_reason = 'corpus'`,
      rows: [[1]],
    },
  },
  {
    // COPY reads a backslash in a quoted string as an escape: the manifest URL doubles it, so such a key loads.
    name: 'a file name with a backslash loads under its own name: the manifest URL escapes it for COPY',
    file: { name: String.raw`CORPUS\x\_527.txt`, bytes: flavorFile(flavorLines(3)) },
    expect: loadedFlavor,
  },
  {
    name: 'a file name with a backslash before a quote loads under its own name',
    file: { name: String.raw`CORPUS\'x_527.txt`, bytes: flavorFile(flavorLines(3)) },
    expect: loadedFlavor,
  },
  {
    name: 'post-load SQL with an unknown placeholder fails as a config error after the load',
    rule: ruleSql({ sid: 814, cid: 814, query: 'select {{file_name}}, {{evil}}' }),
    file: { name: 'CORPUS_INJPLACEHOLDER_814.txt', bytes: records() },
    expect: {
      state: 'TRANSFORM_FAILED',
      auditStatus: 'TRANSFORM_FAILED',
      error:
        'expected a placeholder among {{file_name}}, {{run_id}}, {{loaded_at}}, {{interface_cid}}, {{target_table}}, found {{evil}}',
      rows: 3,
      archivedUnder: 'archive/814/',
      table: flavorTable,
    },
  },
  {
    name: 'post-load SQL splicing a placeholder inside a literal fails as a config error after the load',
    rule: ruleSql({ sid: 816, cid: 816, query: "select 'x{{file_name}}'" }),
    file: { name: 'CORPUS_INJLITERAL_816.txt', bytes: records() },
    expect: {
      state: 'TRANSFORM_FAILED',
      auditStatus: 'TRANSFORM_FAILED',
      error:
        "expected placeholders as whole values ({{name}} or '{{name}}'), found one inside 'x{{file_name}}'",
      rows: 3,
      archivedUnder: 'archive/816/',
      table: flavorTable,
    },
  },
];
