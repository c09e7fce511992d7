// Functions Redshift has and Postgres lacks, installed once per warehouse when it opens.

/** The part names Redshift accepts in DATEADD/DATEDIFF, folded to one spelling. */
const datePartName = `
create or replace function public.ferry_date_part_name(part text) returns text
language sql immutable as $$
  select case lower(part)
    when 'y' then 'year' when 'yr' then 'year' when 'yrs' then 'year' when 'year' then 'year' when 'years' then 'year'
    when 'qtr' then 'quarter' when 'qtrs' then 'quarter' when 'quarter' then 'quarter' when 'quarters' then 'quarter'
    when 'mon' then 'month' when 'mons' then 'month' when 'month' then 'month' when 'months' then 'month'
    when 'w' then 'week' when 'week' then 'week' when 'weeks' then 'week'
    when 'd' then 'day' when 'day' then 'day' when 'days' then 'day'
    when 'h' then 'hour' when 'hr' then 'hour' when 'hrs' then 'hour' when 'hour' then 'hour' when 'hours' then 'hour'
    when 'm' then 'minute' when 'min' then 'minute' when 'mins' then 'minute' when 'minute' then 'minute' when 'minutes' then 'minute'
    when 's' then 'second' when 'sec' then 'second' when 'secs' then 'second' when 'second' then 'second' when 'seconds' then 'second'
    when 'ms' then 'millisecond' when 'millisecond' then 'millisecond' when 'milliseconds' then 'millisecond'
    when 'us' then 'microsecond' when 'microsecond' then 'microsecond' when 'microseconds' then 'microsecond'
  end
$$`;

const dateAdd = `
create or replace function public.dateadd(part text, n bigint, ts timestamp) returns timestamp
language sql immutable as $$
  select case public.ferry_date_part_name(part)
    when 'year' then ts + make_interval(years => n::int)
    when 'quarter' then ts + make_interval(months => 3 * n::int)
    when 'month' then ts + make_interval(months => n::int)
    when 'week' then ts + make_interval(weeks => n::int)
    when 'day' then ts + make_interval(days => n::int)
    when 'hour' then ts + make_interval(hours => n::int)
    when 'minute' then ts + make_interval(mins => n::int)
    when 'second' then ts + make_interval(secs => n)
    when 'millisecond' then ts + make_interval(secs => n / 1000.0)
    when 'microsecond' then ts + make_interval(secs => n / 1000000.0)
  end
$$`;

// Redshift counts the part boundaries crossed between the two values, not elapsed whole units.
const dateDiff = `
create or replace function public.datediff(part text, a timestamp, b timestamp) returns bigint
language sql immutable as $$
  select case public.ferry_date_part_name(part)
    when 'year' then (extract(year from b) - extract(year from a))::bigint
    when 'quarter' then ((extract(year from b) * 4 + extract(quarter from b)) - (extract(year from a) * 4 + extract(quarter from a)))::bigint
    when 'month' then ((extract(year from b) * 12 + extract(month from b)) - (extract(year from a) * 12 + extract(month from a)))::bigint
    when 'week' then ((date_trunc('week', b)::date - date_trunc('week', a)::date) / 7)::bigint
    when 'day' then (b::date - a::date)::bigint
    when 'hour' then (extract(epoch from date_trunc('hour', b) - date_trunc('hour', a)) / 3600)::bigint
    when 'minute' then (extract(epoch from date_trunc('minute', b) - date_trunc('minute', a)) / 60)::bigint
    when 'second' then extract(epoch from date_trunc('second', b) - date_trunc('second', a))::bigint
    when 'millisecond' then (extract(epoch from date_trunc('milliseconds', b) - date_trunc('milliseconds', a)) * 1000)::bigint
    when 'microsecond' then (extract(epoch from b - a) * 1000000)::bigint
  end
$$`;

/**
 * Redshift converts implicitly where PostgreSQL refuses (https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html#r_Type_conversion,
 * "Type compatibility and conversion"): a character value compared with a number is converted to a number
 * (`pa_value in (0, 1)` on a varchar column), and a date or timestamp passed where a string function expects text
 * is converted to text (`replace(sql, 'p_etl_from_timestamp', v_from)` with a timestamp variable). Comparison
 * operators between text and each numeric type, both ways round, cast the text to numeric: a value that is not a
 * number fails the statement, as on Redshift. With an untyped literal (`col = 'x'`) PostgreSQL still picks text =
 * text, since it prefers the string category for unknown-typed arguments.
 */
const implicitConversions = `
do $$
declare
  v_type text;
  v_op record;
begin
  for v_type in select unnest(array['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']) loop
    for v_op in select * from (values ('=', 'eq'), ('<>', 'ne'), ('<', 'lt'), ('<=', 'le'), ('>', 'gt'), ('>=', 'ge'))
        as o(symbol, name) loop
      execute format(
        'create or replace function public.ferry_text_%s_num(a text, b %s) returns boolean
         language sql immutable as $f$ select a::numeric %s b::numeric $f$', v_op.name, v_type, v_op.symbol);
      execute format(
        'create or replace function public.ferry_num_%s_text(a %s, b text) returns boolean
         language sql immutable as $f$ select a::numeric %s b::numeric $f$', v_op.name, v_type, v_op.symbol);
      if not exists (
        select 1 from pg_operator
        where oprname = v_op.symbol and oprleft = 'text'::regtype and oprright = v_type::regtype
      ) then
        execute format('create operator public.%s (leftarg = text, rightarg = %s, function = public.ferry_text_%s_num)',
          v_op.symbol, v_type, v_op.name);
        execute format('create operator public.%s (leftarg = %s, rightarg = text, function = public.ferry_num_%s_text)',
          v_op.symbol, v_type, v_op.name);
      end if;
    end loop;
  end loop;
end
$$`;

export const compatFunctions: readonly string[] = [
  // GETDATE is the statement's start in UTC, to the second.
  `create or replace function public.getdate() returns timestamp
   language sql stable as $$ select date_trunc('second', statement_timestamp() at time zone 'UTC') $$`,
  `create or replace function public.nvl(a anycompatible, b anycompatible) returns anycompatible
   language sql immutable as $$ select coalesce(a, b) $$`,
  `create or replace function public.nvl2(e anyelement, a anycompatible, b anycompatible) returns anycompatible
   language sql immutable as $$ select case when e is null then b else a end $$`,
  `create or replace function public.len(s text) returns integer
   language sql immutable as $$ select length(s) $$`,
  `create or replace function public.trunc(ts timestamp) returns date
   language sql immutable as $$ select ts::date $$`,
  `create or replace function public.trunc(ts timestamptz) returns date
   language sql stable as $$ select (ts at time zone 'UTC')::date $$`,
  datePartName,
  dateAdd,
  dateDiff,
  // Redshift's implicit conversion of a datetime argument to text in string functions (see implicitConversions).
  `create or replace function public.replace(s text, find text, replacement timestamp) returns text
   language sql immutable as $$ select pg_catalog.replace(s, find, replacement::text) $$`,
  `create or replace function public.replace(s text, find text, replacement date) returns text
   language sql immutable as $$ select pg_catalog.replace(s, find, replacement::text) $$`,
  implicitConversions,
];
