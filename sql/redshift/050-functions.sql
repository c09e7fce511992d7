-- rdsftetl.fn_chk_date(value, format) returns 0 when value is a valid calendar date in format, or empty
-- (null or only blanks), and 1 otherwise. It replaces the original's plpythonu UDF (Redshift no longer
-- creates Python UDFs) with a SQL UDF that runs unchanged on Redshift and on PostgreSQL.
--
-- Formats: YYYY, MM and DD (or the original's strptime spellings %Y, %m, %d; letters in any case) with
-- any literal separators, for example 'YYYY-MM-DD', '%Y%m%d', 'MM/DD/YYYY', 'DD.MM.YYYY'. Every part is
-- fixed width (2015-1-5 is not valid for YYYY-MM-DD); blanks around the value are ignored; a format
-- without all three parts makes every non-empty value invalid.
--
-- How: a Redshift SQL UDF is one SELECT expression without FROM, arguments are $1 and $2, and a failed
-- cast aborts the whole query, so nothing may be cast before it is known to be digits. The CASE first
-- compares the value's shape (digits mapped to 9) with the format's shape (Y, M and D mapped to 9), and
-- only then casts the digit groups found at the positions of YYYY, MM and DD in the format.
create or replace function rdsftetl.fn_chk_date(varchar, varchar)
returns integer
stable
as $$
  select case
    when $1 is null or trim($1) = '' then 0
    when $2 is null then 1
    when strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YYYY') = 0
      or strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'MM') = 0
      or strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'DD') = 0
      then 1
    when translate(trim($1), '0123456789', '9999999999')
      <> translate(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YMD', '999')
      then 1
    when cast(substring(trim($1),
        strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YYYY'), 4) as integer) = 0
      then 1
    when cast(substring(trim($1),
        strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'MM'), 2) as integer)
      not between 1 and 12
      then 1
    when cast(substring(trim($1),
        strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'DD'), 2) as integer)
      between 1 and
      case cast(substring(trim($1),
          strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'MM'), 2) as integer)
        when 2 then
          case
            when mod(cast(substring(trim($1),
                strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YYYY'), 4)
                as integer), 400) = 0 then 29
            when mod(cast(substring(trim($1),
                strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YYYY'), 4)
                as integer), 100) = 0 then 28
            when mod(cast(substring(trim($1),
                strpos(upper(replace(replace(replace($2, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')), 'YYYY'), 4)
                as integer), 4) = 0 then 29
            else 28
          end
        when 4 then 30
        when 6 then 30
        when 9 then 30
        when 11 then 30
        else 31
      end
      then 0
    else 1
  end
$$ language sql;
