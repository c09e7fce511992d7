-- Post-load transformation of rdsftcore.dc_x_pa_flavor (interface 527), run by
--   call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', <file name>, <load time>);
-- It works on the stage rows of that one file only (where file_name = {file_name}), so files loading at
-- the same time never see each other's rows, and running it again for the same file changes nothing.

-- The validation rules, written once: every stage row with the first rule it breaks (null when valid).
-- The stage column is a date, so COPY (with ACCEPTANYDATE, as Ferry emits it) has already turned a date it
-- could not read into null; that null is reported as "missing or not a valid date". fn_chk_date checks the
-- text form too, which is what catches bad dates where a stage table keeps dates as text (the original's
-- style: fn_chk_date(pa_eff_dt, '%Y%m%d') = 0).
create or replace view rdsftetl.dc_x_pa_flavor_checked as
select
  s.flavor_id,
  s.flavor_code,
  s.flavor_name,
  s.category,
  s.effective_date,
  s.price,
  s.active_flag,
  s.file_name,
  s.target_transaction_timestamp,
  case
    when s.flavor_id is null then 'flavor_id is missing'
    when count(*) over (partition by s.file_name, s.flavor_id) > 1 then 'flavor_id appears more than once in the file'
    when s.flavor_code is null or trim(s.flavor_code) = '' then 'flavor_code is missing'
    when s.effective_date is null then 'effective_date is missing or not a valid date'
    when rdsftetl.fn_chk_date(to_char(s.effective_date, 'YYYY-MM-DD'), 'YYYY-MM-DD') = 1
      then 'effective_date is not a valid YYYY-MM-DD date'
    when s.price is null then 'price is missing'
    when s.price < 0 then 'price is negative'
    when s.active_flag is null or s.active_flag not in ('Y', 'N') then 'active_flag is not Y or N'
  end as error_reason
from rdsftetl.dc_x_pa_flavor s;

delete from rdsftorchestration.job_config_sqls
where schema_name = 'rdsftcore' and table_name = 'dc_x_pa_flavor';

-- 1: forget this file's earlier rejections (a rerun records them again).
-- 2: record this file's invalid rows with their reason.
-- 3: close the current version of every key this file brings a valid row for (not when this file's own
--    versions are already there: that is a rerun).
-- 4: insert this file's valid rows as the current versions, valid from the file's load time.
insert into rdsftorchestration.job_config_sqls (schema_name, table_name, serial_no, sql_command) values
('rdsftcore', 'dc_x_pa_flavor', 1,
'delete from rdsftetl.dc_x_pa_flavor_error where file_name = {file_name}'),
('rdsftcore', 'dc_x_pa_flavor', 2,
'insert into rdsftetl.dc_x_pa_flavor_error
  (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag,
   file_name, target_transaction_timestamp, error_reason)
select flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag,
  file_name, target_transaction_timestamp, error_reason
from rdsftetl.dc_x_pa_flavor_checked
where file_name = {file_name} and error_reason is not null'),
('rdsftcore', 'dc_x_pa_flavor', 3,
'update rdsftcore.dc_x_pa_flavor
set valid_to = cast({loaded_at} as timestamp)
where valid_to is null
  and flavor_id in (
    select flavor_id from rdsftetl.dc_x_pa_flavor_checked
    where file_name = {file_name} and error_reason is null)
  and flavor_id not in (
    select flavor_id from rdsftcore.dc_x_pa_flavor where file_name = {file_name})'),
('rdsftcore', 'dc_x_pa_flavor', 4,
'insert into rdsftcore.dc_x_pa_flavor
  (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag,
   valid_from, valid_to, file_name)
select flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag,
  cast({loaded_at} as timestamp), cast(null as timestamp), file_name
from rdsftetl.dc_x_pa_flavor_checked
where file_name = {file_name} and error_reason is null
  and flavor_id not in (
    select flavor_id from rdsftcore.dc_x_pa_flavor where file_name = {file_name})');
