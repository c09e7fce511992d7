-- Ferry sample feeds, Redshift side: schemas. Files in sql/redshift run in name order; each is safe to re-run.
-- rdsftetl: stage tables COPY loads into, and the <table>_error tables of rejected rows.
-- rdsftcore: versioned core tables the post-load SQL maintains.
-- rdsftorchestration: job_config_sqls and the procedure that runs them.

create schema if not exists rdsftetl;

create schema if not exists rdsftcore;

create schema if not exists rdsftorchestration;
