-- Core tables: one row per version of a business key. The current version has valid_to null; a newer file
-- closes it (valid_to = that file's load time) and inserts the next one. file_name names the file a
-- version came from.

create table if not exists rdsftcore.dc_x_pa_flavor (
  flavor_id integer encode az64 not null,
  flavor_code varchar(10) encode zstd,
  flavor_name varchar(100) encode zstd,
  category varchar(50) encode zstd,
  effective_date date encode az64,
  price decimal(12, 2) encode az64,
  active_flag char(1) encode zstd,
  valid_from timestamp encode raw not null,
  valid_to timestamp encode az64,
  file_name varchar(300) encode zstd
)
diststyle key
distkey (flavor_id)
compound sortkey (valid_from, flavor_id);
