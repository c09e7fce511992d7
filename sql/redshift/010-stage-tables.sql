-- Stage tables of the sample feeds: the file's columns in file order, then the stamping columns Ferry fills
-- for every row (file_name, target_transaction_timestamp). Stage rows are only ever read per file, so the
-- file name is the sort key; it stays RAW (uncompressed), as Redshift advises for a leading sort key column.

-- Interface 527 NDC_X_PA_TYPE, pipe-delimited with a trailer (rule sid 4).
create table if not exists rdsftetl.dc_x_pa_flavor (
  flavor_id integer encode az64,
  flavor_code varchar(10) encode zstd,
  flavor_name varchar(100) encode zstd,
  category varchar(50) encode zstd,
  effective_date date encode az64,
  price decimal(12, 2) encode az64,
  active_flag char(1) encode zstd,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle even
sortkey (file_name);

-- Interface 558 HOSP_RPT, gzip CSV with a header (rule sid 5).
create table if not exists rdsftetl.hosp_rpt (
  hospital_id integer encode az64,
  hospital_name varchar(200) encode zstd,
  report_date date encode az64,
  beds integer encode az64,
  admissions integer encode az64,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle even
sortkey (file_name);

-- Interface 600 MAINFRAME_ACCT, fixed width (rule sid 6).
create table if not exists rdsftetl.acct_master (
  acct_no varchar(10) encode zstd,
  acct_name varchar(20) encode zstd,
  open_date date encode az64,
  balance decimal(12, 2) encode az64,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle even
sortkey (file_name);

-- Interface 700 CLAIMS_MULTI, record type H1 (rule sid 8). Header and detail share claim_id, so both
-- distribute on it and a header-detail join stays on one slice.
create table if not exists rdsftetl.claim_header (
  record_type char(2) encode zstd,
  claim_id integer encode az64,
  member_id varchar(20) encode zstd,
  claim_date date encode az64,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle key
distkey (claim_id)
sortkey (file_name);

-- Interface 700 CLAIMS_MULTI, record type D1 (rule sid 9).
create table if not exists rdsftetl.claim_detail (
  record_type char(2) encode zstd,
  claim_id integer encode az64,
  line_no integer encode az64,
  procedure_cd varchar(10) encode zstd,
  amount decimal(12, 2) encode az64,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle key
distkey (claim_id)
sortkey (file_name);

-- Interface 800 ORDERS, a feed with a contract (rule sid 10, sql/config/sample-contracts.sql): the trailer declares
-- the record count and the sum of amount; the file name carries the feed's sequence number.
create table if not exists rdsftetl.orders (
  order_id integer encode az64,
  customer varchar(30) encode zstd,
  amount decimal(12, 2) encode az64,
  order_date date encode az64,
  file_name varchar(300) encode raw,
  target_transaction_timestamp timestamp default getdate() encode az64
)
diststyle even
sortkey (file_name);
