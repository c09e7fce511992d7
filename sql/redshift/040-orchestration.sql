-- Orchestration: post-load SQL kept as rows, and the procedure a rule's post-load query calls to run them.
-- A rule's query is, for example:
--   call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', {{file_name}}, {{loaded_at}});
-- Ferry renders {{file_name}} and {{loaded_at}} as escaped literals before it submits the call.

create table if not exists rdsftorchestration.job_config_sqls (
  schema_name varchar(128) encode zstd not null,
  table_name varchar(128) encode zstd not null,
  serial_no integer encode az64 not null,
  sql_command varchar(65535) encode zstd not null,
  primary key (schema_name, table_name, serial_no)
)
diststyle all
sortkey (schema_name, table_name, serial_no);

-- Runs the job_config_sqls rows of one target table in serial_no order, in the caller's transaction. Two calls:
--
-- * Ferry's, per file: execute_sql_from_table(schema, table, file_name, loaded_at). In each sql_command,
--   {file_name} and {loaded_at} are replaced by quote_literal of the arguments, so a step can scope itself to the
--   file that was just loaded: `where file_name = {file_name}`. {loaded_at} is replaced first: it is checked to be
--   a timestamp, so it can never contain '{file_name}', whereas a file name could contain '{loaded_at}'.
-- * The original framework's, per window: execute_sql_from_table(schema, table, from_ts, to_ts), as its config
--   rows call it ('2020-01-01 17:49:29', '2030-01-01 17:49:29'). Its job rows carry the bare words
--   p_etl_from_timestamp and p_etl_to_timestamp (inside quotes they wrote themselves), replaced by the bounds as
--   Redshift prints a timestamp (YYYY-MM-DD HH24:MI:SS), as the original's REPLACE with a timestamp did.
--
-- The third argument tells them apart: a timestamp (YYYY-M-D, optionally with a time) is a window's start, never a
-- file name (which ends in an extension). One procedure rather than two overloads: a call with four string
-- literals would otherwise resolve to whichever overload the database prefers.
-- A table without rows is an error, so a misspelt table in a rule's query cannot pass silently.
create or replace procedure rdsftorchestration.execute_sql_from_table(
  p_schema_name varchar(128),
  p_table_name varchar(128),
  p_file_name varchar(300),
  p_loaded_at varchar(64)
)
as $$
declare
  v_job record;
  v_sql varchar(65535);
  v_loaded_at timestamp;
  v_window boolean;
  v_from varchar(64);
  v_to varchar(64);
  v_steps integer := 0;
begin
  if p_file_name is null or p_loaded_at is null then
    raise exception 'execute_sql_from_table expects a file name and a load time, found file name % and load time %',
      coalesce(p_file_name, 'null'), coalesce(p_loaded_at, 'null');
  end if;
  v_window := p_file_name ~ '^ *[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)? *$';
  -- Fails with the database's own message when p_loaded_at (or a window's start) is not a timestamp.
  v_loaded_at := cast(p_loaded_at as timestamp);
  if v_window then
    v_from := cast(cast(p_file_name as timestamp) as varchar);
    v_to := cast(v_loaded_at as varchar);
  end if;
  for v_job in
    select serial_no, sql_command
    from rdsftorchestration.job_config_sqls
    where schema_name = p_schema_name and table_name = p_table_name
    order by serial_no
  loop
    if v_window then
      v_sql := replace(replace(v_job.sql_command, 'p_etl_from_timestamp', v_from), 'p_etl_to_timestamp', v_to);
    else
      v_sql := replace(v_job.sql_command, '{loaded_at}', quote_literal(p_loaded_at));
      v_sql := replace(v_sql, '{file_name}', quote_literal(p_file_name));
    end if;
    execute v_sql;
    v_steps := v_steps + 1;
  end loop;
  if v_steps = 0 then
    raise exception 'expected rows in rdsftorchestration.job_config_sqls for %.%, found none',
      p_schema_name, p_table_name;
  end if;
end;
$$ language plpgsql;
