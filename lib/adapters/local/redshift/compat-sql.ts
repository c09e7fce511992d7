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
];
