-- rdsftetl.fn_chk_date(value, format) returns 0 when value is a valid calendar date in format, or empty
-- (null or only blanks), and 1 otherwise. It replaces the original's plpythonu UDF (Redshift no longer
-- creates Python UDFs) with a SQL UDF that runs unchanged on Redshift and on PostgreSQL.
--
-- Formats: YYYY, MM and DD (or the original's strptime spellings %Y, %m, %d; letters in any case) with
-- any literal separators, for example 'YYYY-MM-DD', '%Y%m%d', 'MM/DD/YYYY', 'DD.MM.YYYY'. As with the
-- original's Python strptime, a month or day may be one digit when the format separates the parts with one
-- character each (11/7/2013 is valid for %m/%d/%Y); without separators every part is fixed width
-- (%Y%m%d takes 20151015). Blanks around the value are ignored; a format without all three parts makes every
-- non-empty value invalid.
--
-- How: a Redshift SQL UDF is one SELECT expression without FROM, arguments are $1 and $2, and a failed
-- cast aborts the whole query, so nothing may be cast before it is known to be digits. The CASE first
-- compares the value's shape (digits mapped to 9) with the format's shape (Y, M and D mapped to 9), and
-- only then casts the digit groups found at the positions of YYYY, MM and DD in the format.
-- Helpers first: a Redshift SQL UDF has no variables, so each step is a function of its own.

-- The format in YYYY/MM/DD letters: %Y, %m and %d spelled out, upper case.
create or replace function rdsftetl.fn_date_format_letters(varchar)
returns varchar
immutable
as $$
  select upper(replace(replace(replace($1, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'))
$$ language sql;

-- One part of a value, zero-padded to two digits when its letters are MM or DD and it has one digit.
create or replace function rdsftetl.fn_pad_date_part(varchar, varchar)
returns varchar
immutable
as $$
  select case when length($2) = 2 and length($1) = 1 then '0' || $1 else $1 end
$$ language sql;

-- fn_pad_date_split(value, letters, first width, second width): the value cut at the letters' two one-character
-- separators (split_part, the same on Redshift and PostgreSQL), each part padded, joined again.
create or replace function rdsftetl.fn_pad_date_split(varchar, varchar, integer, integer)
returns varchar
immutable
as $$
  select rdsftetl.fn_pad_date_part(split_part($1, substring($2, $3 + 1, 1), 1), substring($2, 1, $3))
    || substring($2, $3 + 1, 1)
    || rdsftetl.fn_pad_date_part(
      split_part(substring($1, length(split_part($1, substring($2, $3 + 1, 1), 1)) + 2), substring($2, $3 + $4 + 2, 1), 1),
      substring($2, $3 + 2, $4))
    || substring($2, $3 + $4 + 2, 1)
    || rdsftetl.fn_pad_date_part(
      split_part(substring($1, length(split_part($1, substring($2, $3 + 1, 1), 1)) + 2), substring($2, $3 + $4 + 2, 1), 2),
      substring($2, $3 + $4 + 3))
$$ language sql;

-- fn_pad_date_parts(value, format): the trimmed value with a one-digit month or day padded, when the format is
-- three parts (YYYY, MM, DD in any order) with a one-character separator between each; otherwise the trimmed value.
create or replace function rdsftetl.fn_pad_date_parts(varchar, varchar)
returns varchar
stable
as $$
  select case
    when $1 is null or $2 is null or trim($1) = '' then trim($1)
    when length(rdsftetl.fn_date_format_letters($2)) <> 10
      or translate(rdsftetl.fn_date_format_letters($2), 'YMD', '') = ''
      or length(translate(rdsftetl.fn_date_format_letters($2), 'YMD', '')) <> 2
      then trim($1)
    else rdsftetl.fn_pad_date_split(trim($1), rdsftetl.fn_date_format_letters($2),
      case when substring(rdsftetl.fn_date_format_letters($2), 1, 4) = 'YYYY' then 4 else 2 end,
      case when substring(rdsftetl.fn_date_format_letters($2), 1, 4) = 'YYYY'
        or substring(rdsftetl.fn_date_format_letters($2), 4, 4) <> 'YYYY' then 2 else 4 end)
  end
$$ language sql;

-- The check on a value whose every part has its full width.
create or replace function rdsftetl.fn_chk_date_fixed(varchar, varchar)
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

create or replace function rdsftetl.fn_chk_date(varchar, varchar)
returns integer
stable
as $$
  select rdsftetl.fn_chk_date_fixed(rdsftetl.fn_pad_date_parts($1, $2), $2)
$$ language sql;
