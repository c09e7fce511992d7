// Everything the stand-in installs in a fresh warehouse: compat functions, the load-error table, the query-id sequence.
import { compatFunctions } from './compat-sql.js';

/**
 * Shaped like Redshift's SYS_LOAD_ERROR_DETAIL, plus raw_line and raw_field_value from STL_LOAD_ERRORS
 * so a user can see the rejected data. A table here (a view in Redshift), filled by the stand-in's COPY.
 */
const loadErrorTable = `
create table if not exists public.sys_load_error_detail (
  user_id integer,
  query_id bigint,
  transaction_id bigint,
  session_id integer,
  database_name varchar(64),
  table_id integer,
  start_time timestamp,
  file_name varchar(256),
  line_number bigint,
  column_name varchar(127),
  column_type varchar(10),
  column_length varchar(10),
  position integer,
  error_code integer,
  error_message varchar(512),
  raw_line varchar(1024),
  raw_field_value varchar(1024)
)`;

export const warehouseSetupStatements: readonly string[] = [
  loadErrorTable,
  'create sequence if not exists public.ferry_query_id start with 1000',
  ...compatFunctions,
];
