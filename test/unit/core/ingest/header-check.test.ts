import { describe, expect, it } from 'vitest';
import { TerminalError, ValidationError } from '../../../../lib/core/errors.js';
import { checkHeader, headerNames } from '../../../../lib/core/ingest/header-check.js';
import { flavorRule, hospitalRule } from '../../../support/sample-rules.js';

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('headerNames', () => {
  it('splits on the delimiter and trims each name', () => {
    expect(headerNames(' a | b|c ', '|')).toEqual(['a', 'b', 'c']);
  });

  it('strips CSV quotes, keeping delimiters and doubled quotes inside them', () => {
    expect(headerNames('"id","name, full","say ""hi""",plain', ',', '"')).toEqual([
      'id',
      'name, full',
      'say "hi"',
      'plain',
    ]);
  });
});

describe('checkHeader', () => {
  it('accepts the rule columns in any letter case', () => {
    expect(checkHeader('Hospital_ID,"HOSPITAL_NAME",report_date,beds,admissions\r', hospitalRule())).toEqual([
      'Hospital_ID',
      'HOSPITAL_NAME',
      'report_date',
      'beds',
      'admissions',
    ]);
  });

  it('fails listing the expected and the found names when they differ', () => {
    const error = failure(() => checkHeader('hospital_id,name,report_date,beds,admissions', hospitalRule()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'header columns should be (hospital_id, hospital_name, report_date, beds, admissions), ' +
        'found (hospital_id, name, report_date, beds, admissions)',
    );
  });

  it('fails when the header has a different number of names', () => {
    const error = failure(() => checkHeader('flavor_id|flavor_code', flavorRule()));
    expect(error.message).toBe(
      'header columns should be (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag), ' +
        'found (flavor_id, flavor_code)',
    );
  });

  it('refuses a header check for a layout without a delimiter', () => {
    const error = failure(() =>
      checkHeader('x', flavorRule({ layout: 'fixed_width', delimiter: undefined })),
    );
    expect(error).toBeInstanceOf(TerminalError);
    expect(error.message).toBe(
      "rule 4: a header check needs a delimited or CSV layout with a delimiter, found layout 'fixed_width'",
    );
  });
});
