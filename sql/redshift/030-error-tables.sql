-- Error tables: stage rows the post-load SQL rejected, with the first rule each one broke.
-- The columns are the stage table's, copied as they were loaded, then error_reason.

create table if not exists rdsftetl.dc_x_pa_flavor_error (
  flavor_id integer encode az64,
  flavor_code varchar(10) encode zstd,
  flavor_name varchar(100) encode zstd,
  category varchar(50) encode zstd,
  effective_date date encode az64,
  price decimal(12, 2) encode az64,
  active_flag char(1) encode zstd,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp encode az64,
  error_reason varchar(500) encode zstd
)
diststyle even
sortkey (file_name);
