-- Config rows for Ferry's five sample feeds, written as the original framework's config scripts were:
-- plain INSERTs into rdscnfg's original columns (the gzip CSV feed adds Ferry's csv_quote column).
-- Run with: ferry sql -f sql/config/sample-config.sql

-- 1. Pipe-delimited with trailer: interface 527, rule 4 -> rdsftetl.dc_x_pa_flavor
INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
VALUES (527, 'NDC_X_PA_TYPE', 'PA flavor reference data, pipe delimited with a trailer record count', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date)
VALUES (4, 527, 'rdsftetl', 'dc_x_pa_flavor', '527.', 'txt', 'txt', '|', 'N', 'Y', 'call rdsftorchestration.execute_sql_from_table(''rdsftcore'', ''dc_x_pa_flavor'', {{file_name}}, {{loaded_at}});', 'N', NULL, NULL, '4:14', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (1, 4, 'flavor_id', NULL, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (2, 4, 'flavor_code', NULL, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (3, 4, 'flavor_name', NULL, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (4, 4, 'category', NULL, 4, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (5, 4, 'effective_date', NULL, 5, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (6, 4, 'price', NULL, 6, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (7, 4, 'active_flag', NULL, 7, 'A', now(), now());

-- 2. Gzip CSV with a header: interface 558, rule 5 -> rdsftetl.hosp_rpt (csv_quote: names with commas are quoted)
INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
VALUES (558, 'HOSP_RPT', 'Hospital capacity report, gzip CSV with a header line', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date, csv_quote)
VALUES (5, 558, 'rdsftetl', 'hosp_rpt', '558.', 'gz', 'gz', ',', 'Y', 'N', NULL, 'N', NULL, NULL, NULL, 'A', now(), now(), '"');

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (8, 5, 'hospital_id', NULL, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (9, 5, 'hospital_name', NULL, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (10, 5, 'report_date', NULL, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (11, 5, 'beds', NULL, 4, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (12, 5, 'admissions', NULL, 5, 'A', now(), now());

-- 3. Fixed width: interface 600, rule 6 -> rdsftetl.acct_master (widths 10, 20, 8, 12)
INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
VALUES (600, 'MAINFRAME_ACCT', 'Account master extract from the mainframe, fixed width', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date)
VALUES (6, 600, 'rdsftetl', 'acct_master', '600.', 'fixed_width', 'dat', NULL, 'N', 'N', NULL, 'N', NULL, NULL, NULL, 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (13, 6, 'acct_no', 10, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (14, 6, 'acct_name', 20, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (15, 6, 'open_date', 8, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (16, 6, 'balance', 12, 4, 'A', now(), now());

-- 4. Multi-record-type file: interface 700, parent rule 7 is split into H1 and D1 parts (never loaded itself);
--    each part comes back as <name>-<yyyyMMddHHmmss>_700-<code>.txt and matches rule 8 or 9.
INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
VALUES (700, 'CLAIMS_MULTI', 'Claims with header (H1) and detail (D1) records in one file', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date)
VALUES (7, 700, NULL, NULL, '700.', 'txt', 'txt', '|', 'N', 'Y', NULL, 'Y', 'H1,D1', NULL, '4:14', 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date)
VALUES (8, 700, 'rdsftetl', 'claim_header', '700-H1.', 'txt', 'txt', '|', 'N', 'N', NULL, 'N', NULL, NULL, NULL, 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char, trailer_pstn, oprtnl_flag, created_date, modified_date)
VALUES (9, 700, 'rdsftetl', 'claim_detail', '700-D1.', 'txt', 'txt', '|', 'N', 'N', NULL, 'N', NULL, NULL, NULL, 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (17, 8, 'record_type', NULL, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (18, 8, 'claim_id', NULL, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (19, 8, 'member_id', NULL, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (20, 8, 'claim_date', NULL, 4, 'A', now(), now());

INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (21, 9, 'record_type', NULL, 1, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (22, 9, 'claim_id', NULL, 2, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (23, 9, 'line_no', NULL, 3, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (24, 9, 'procedure_cd', NULL, 4, 'A', now(), now());
INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag, created_date, modified_date) VALUES (25, 9, 'amount', NULL, 5, 'A', now(), now());

-- 5. The failing sample (PROD_20151016_090000000_PA_FLAVOR_527.txt, trailer one record too many) uses rule 4: no rows of its own.
