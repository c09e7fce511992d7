import { describe, expect, it } from 'vitest';
import { parseCopy } from '../../../../../lib/adapters/local/redshift/copy/parse-copy.js';

describe('parseCopy', () => {
  it('reads the delimited COPY Ferry generates, options in any case', () => {
    const command = parseCopy(
      `COPY "ferry_stage" ("a", "b") FROM 's3://bkt/processing/run/manifest.json' IAM_ROLE 'arn:aws:iam::1:role/r'
       MANIFEST DELIMITER AS '|' ignoreheader as 1 IGNOREBLANKLINES DATEFORMAT AS 'auto' TIMEFORMAT 'auto'
       ACCEPTINVCHARS ACCEPTANYDATE REGION AS 'us-east-1' GZIP MAXERROR 5 NULL AS 'NA' EMPTYASNULL BLANKSASNULL
       TRUNCATECOLUMNS COMPUPDATE OFF STATUPDATE ON`,
    );
    expect(command).toMatchObject({
      table: { name: 'ferry_stage' },
      columns: ['a', 'b'],
      source: 's3://bkt/processing/run/manifest.json',
      manifest: true,
      format: 'delimited',
      delimiter: '|',
      ignoreHeader: 1,
      ignoreBlankLines: true,
      acceptInvChars: '?',
      acceptAnyDate: true,
      compression: 'gzip',
      maxError: 5,
      nullAs: 'NA',
      emptyAsNull: true,
      blanksAsNull: true,
      truncateColumns: true,
    });
  });

  it('reads CSV with a quote, fixed-width specs and JSON auto', () => {
    expect(parseCopy(`copy s.t from 's3://b/k' format as csv quote as '''' bzip2`)).toMatchObject({
      table: { schema: 's', name: 't' },
      format: 'csv',
      delimiter: ',',
      quote: "'",
      compression: 'bzip2',
    });
    expect(parseCopy(`copy t from 's3://b/k' fixedwidth 'acct_no:10,acct_name:20'`).fixedWidths).toEqual([
      { label: 'acct_no', width: 10 },
      { label: 'acct_name', width: 20 },
    ]);
    expect(parseCopy(`copy t from 's3://b/k' format as json 'auto ignorecase'`)).toMatchObject({
      format: 'json',
      jsonIgnoreCase: true,
    });
  });

  it('reads a backslash-escaped tab delimiter', () => {
    expect(parseCopy(`copy t from 's3://b/k' delimiter '\\t'`).delimiter).toBe('\t');
  });

  it('names an option the stand-in does not know', () => {
    expect(() => parseCopy(`copy t from 's3://b/k' encrypted`)).toThrow(
      "construct 'ENCRYPTED' is not supported by the local Redshift stand-in",
    );
    expect(() => parseCopy(`copy t from 's3://b/k' shinyoption`)).toThrow(
      "construct 'COPY option SHINYOPTION'",
    );
  });

  it('says what it expected when the statement is cut short', () => {
    expect(() => parseCopy('copy t from')).toThrow(
      "COPY syntax: expected a quoted source ('s3://bucket/key'), found end of statement",
    );
  });
});
