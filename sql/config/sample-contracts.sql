-- A sample feed with a contract (issue 15's columns on top of the original's): interface 800, rule 10 ->
-- rdsftetl.orders. Pipe-delimited with a header; the trailer `TRL|<count>|<sum of amount>` declares the record count
-- at characters 5-11 and the sum at 13-25; the file name ORDERS_<sequence>_800.txt numbers the feed's files, and a
-- gap is loaded with a warning. Run with: ferry sql -f sql/config/sample-contracts.sql
INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
VALUES (800, 'ORDERS', 'Daily orders, pipe delimited, with a control total and a numbered sequence', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date,
  control_sum_column, control_sum_pstn, sequence_source, sequence_pattern, sequence_policy)
VALUES (10, 800, 'rdsftetl', 'orders', '800.', 'txt', 'txt', '|', 'Y', 'Y', NULL, 'N', NULL, NULL, '5:12', 'A', now(), now(),
  'amount', '13:26', 'file_name', '^ORDERS_(\d+)_800\.txt$', 'warn');

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (30, 10, 'order_id', NULL, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (31, 10, 'customer', NULL, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (32, 10, 'amount', NULL, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (33, 10, 'order_date', NULL, 4, 'A', now(), now());
