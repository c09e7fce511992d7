import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ContractFailedError } from '../../../../lib/core/contracts/contract-error.js';
import { TerminalError, ValidationError } from '../../../../lib/core/errors.js';
import { flavorRule, hospitalRule } from '../../../support/sample-rules.js';
import { bzip2, now, prepare, rejection, sample, storeWith, text } from './prepare-fixtures.js';

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const flavorKey = 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt';
const hospitalKey = 'external_input/hosp10_2014_RPT_558.csv.gz';
const flavorLines = text(sample('PROD_20151015_150510973_PA_FLAVOR_527.txt')).split('\n').slice(0, 6);

describe('prepareFile', () => {
  it('strips the trailer into processing/<run id>/<file name> and loads that copy', async () => {
    const store = await storeWith(flavorKey, sample('PROD_20151015_150510973_PA_FLAVOR_527.txt'));
    const prepared = await prepare(store, flavorKey, flavorRule());
    expect(prepared).toEqual({
      records: 6,
      bytesRead: 353,
      bytesScanned: 353,
      sha256: sha256Of(sample('PROD_20151015_150510973_PA_FLAVOR_527.txt')),
      trailerCount: 6,
      checks: [{ check: 'control_count', outcome: 'passed', expected: '6 records', found: '6 records' }],
      load: {
        keys: ['processing/run-1/PROD_20151015_150510973_PA_FLAVOR_527.txt'],
        compression: 'none',
        hasHeader: false,
      },
      preparedKeys: ['processing/run-1/PROD_20151015_150510973_PA_FLAVOR_527.txt'],
    });
    expect(text(store.bytes(prepared.load!.keys[0]!))).toBe(`${flavorLines.join('\n')}\n`);
  });

  it('fails with the counts when the trailer disagrees, and leaves nothing in processing/', async () => {
    const key = 'external_input/PROD_20151016_090000000_PA_FLAVOR_527.txt';
    const store = await storeWith(key, sample('PROD_20151016_090000000_PA_FLAVOR_527.txt'));
    const error = await rejection(prepare(store, key, flavorRule()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('trailer says 4 records, file has 3');
    expect((error as ContractFailedError).checks).toEqual([
      { check: 'control_count', outcome: 'failed', expected: '4 records', found: '3 records' },
    ]);
    expect(error.context).toEqual({ runId: 'run-1', bucket: 'ferry-test', key, ruleId: 4 });
    expect(store.keys('processing/')).toEqual([]);
    expect(store.deletes).toEqual(['processing/run-1/PROD_20151016_090000000_PA_FLAVOR_527.txt']);
  });

  it('does not read a JSON file that needs no check and no change, and loads the original', async () => {
    const key = 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.json';
    const store = await storeWith(key, '{"flavor_id": 1}\r\n');
    const prepared = await prepare(store, key, flavorRule({ trailer: undefined, layout: 'json' }));
    expect(prepared).toEqual({
      records: null,
      bytesRead: 0,
      bytesScanned: 0,
      load: { keys: [key], compression: 'none', hasHeader: false },
      preparedKeys: [],
    });
    expect(store.gets).toEqual([]);
  });

  it('reads an LF file without a trailer and loads the original, writing nothing', async () => {
    const body = flavorLines.map((line) => `${line}\n`).join('');
    const store = await storeWith(flavorKey, body);
    const prepared = await prepare(store, flavorKey, flavorRule({ trailer: undefined }));
    expect(prepared).toEqual({
      records: 6,
      bytesRead: body.length,
      bytesScanned: body.length,
      sha256: sha256Of(body),
      load: { keys: [flavorKey], compression: 'none', hasHeader: false },
      preparedKeys: [],
    });
    expect(store.puts).toEqual([]);
  });

  it('rewrites a CRLF file without a trailer with LF endings (COPY would keep the \r in the last field)', async () => {
    const store = await storeWith(flavorKey, flavorLines.map((line) => `${line}\r\n`).join(''), 64);
    const prepared = await prepare(store, flavorKey, flavorRule({ trailer: undefined }));
    const copy = 'processing/run-1/PROD_20151015_150510973_PA_FLAVOR_527.txt';
    expect(prepared).toMatchObject({
      records: 6,
      load: { keys: [copy], compression: 'none', hasHeader: false },
      preparedKeys: [copy],
    });
    expect(text(store.bytes(copy))).toBe(`${flavorLines.join('\n')}\n`);
  });

  it('rewrites a gzip CRLF CSV without a trailer into a gzip copy with LF endings and no header', async () => {
    const body = 'hospital_id,hospital_name\r\n1,"A, B"\r\n2,C\r\n';
    const store = await storeWith(hospitalKey, gzipSync(body));
    const prepared = await prepare(store, hospitalKey, hospitalRule());
    expect(prepared.records).toBe(2);
    expect(prepared.load).toMatchObject({ compression: 'gzip', hasHeader: false });
    expect(text(store.bytes(prepared.load!.keys[0]!), true)).toBe('1,"A, B"\n2,C\n');
  });

  it('checks a gzip CSV header on the fly and loads the original with its header', async () => {
    const store = await storeWith(hospitalKey, sample('hosp10_2014_RPT_558.csv.gz'));
    const prepared = await prepare(store, hospitalKey, hospitalRule({ checkHeader: true }));
    expect(prepared.records).toBe(8);
    expect(prepared.header).toBe('hospital_id,hospital_name,report_date,beds,admissions');
    expect(prepared.load).toEqual({ keys: [hospitalKey], compression: 'gzip', hasHeader: true });
    expect(store.puts).toEqual([]);
  });

  it('fails a header that does not match the rule, listing both', async () => {
    const store = await storeWith(
      hospitalKey,
      gzipSync('id,name,report_date,beds,admissions\n1,a,2014-01-01,1,1\n'),
    );
    const error = await rejection(prepare(store, hospitalKey, hospitalRule({ checkHeader: true })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'header columns should be (hospital_id, hospital_name, report_date, beds, admissions), ' +
        'found (id, name, report_date, beds, admissions)',
    );
  });

  it('strips header and trailer from gzip input with CRLF, BOM and blank lines into a gzip copy', async () => {
    const body = '\ufeffhospital_id,hospital_name\r\n1,"A, B"\r\n\r\n2,C\r\nTRL0000000002\r\n\r\n';
    const store = await storeWith(hospitalKey, gzipSync(body), 7);
    const rule = hospitalRule({ trailer: { start: 4, end: 14 } });
    const prepared = await prepare(store, hospitalKey, rule);
    expect(prepared.records).toBe(2);
    expect(prepared.header).toBe('hospital_id,hospital_name');
    expect(prepared.load).toEqual({
      keys: ['processing/run-1/hosp10_2014_RPT_558.csv.gz'],
      compression: 'gzip',
      hasHeader: false,
    });
    // Blank lines are not records; the copy may drop them, but keeps every record with its CRLF.
    const copy = text(store.bytes('processing/run-1/hosp10_2014_RPT_558.csv.gz'), true);
    // Redshift would read a CRLF's `\r` as data, so the prepared copy ends its lines with LF.
    expect(copy.split('\n').filter((line) => line.trim() !== '')).toEqual(['1,"A, B"', '2,C']);
    expect(copy.endsWith('2,C\n')).toBe(true);
  });

  it('reads bzip2 input and writes the trailer-less copy gzipped', async () => {
    const key = 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt.bz2';
    const store = await storeWith(key, bzip2(sample('PROD_20151015_150510973_PA_FLAVOR_527.txt')));
    const prepared = await prepare(
      store,
      key,
      flavorRule({ compression: 'bzip2', format: 'bz2', fileType: 'bz2' }),
    );
    expect(prepared.records).toBe(6);
    expect(prepared.bytesScanned).toBe(353);
    expect(prepared.load).toEqual({
      keys: ['processing/run-1/PROD_20151015_150510973_PA_FLAVOR_527.txt.gz'],
      compression: 'gzip',
      hasHeader: false,
    });
    expect(text(store.bytes(prepared.load!.keys[0]!), true)).toBe(`${flavorLines.join('\n')}\n`);
  });

  it('calls a text file named .gz a corrupt gzip input', async () => {
    const store = await storeWith(hospitalKey, 'hospital_id,hospital_name\n1,a\n');
    const error = await rejection(prepare(store, hospitalKey, hospitalRule({ checkHeader: true })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('gzip input is corrupt: incorrect header check');
  });

  it('calls a truncated gzip input corrupt and removes the partial copy', async () => {
    const whole = gzipSync(`${'1|x\n'.repeat(50_000)}TRL0000050000\n`);
    const store = await storeWith(hospitalKey, whole.subarray(0, whole.length - 100), 4096);
    const error = await rejection(prepare(store, hospitalKey, flavorRule({ compression: 'gzip' })));
    expect(error.message).toBe('gzip input is corrupt: truncated stream (unexpected end of file)');
    expect(error.context.key).toBe(hospitalKey);
    expect(store.keys('processing/')).toEqual([]);
  });

  it('calls a damaged bzip2 input corrupt', async () => {
    const key = 'external_input/x_527.txt.bz2';
    const whole = bzip2(Buffer.from(`${'1|x\n'.repeat(10_000)}TRL0000010000\n`));
    const store = await storeWith(key, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await rejection(prepare(store, key, flavorRule({ compression: 'bzip2' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/^bzip2 input is corrupt: truncated or damaged stream \(/);
  });

  it('refuses lzop input when it must be read, and loads it as it is otherwise', async () => {
    const key = 'external_input/x_527.txt.lzo';
    const store = await storeWith(key, 'not really lzop');
    const error = await rejection(prepare(store, key, flavorRule({ compression: 'lzop' })));
    expect(error).toBeInstanceOf(TerminalError);
    expect(error.message).toBe(
      'rule 4: lzop input cannot be validated by Ferry; set trailer N, header check N, split N and plain output ' +
        'so the file is loaded as it is',
    );
    const asIs = await prepare(store, key, flavorRule({ compression: 'lzop', trailer: undefined }));
    expect(asIs.load).toEqual({ keys: [key], compression: 'lzop', hasHeader: false });
    expect(store.gets).toEqual([]);
  });

  it('fails a trailer rule on a file with no lines', async () => {
    const store = await storeWith(flavorKey, '\n  \n');
    const error = await rejection(prepare(store, flavorKey, flavorRule()));
    expect(error.message).toBe('expected a trailer line, found no non-blank line in the file');
  });

  it('fails a header-and-trailer rule on a file holding only a header', async () => {
    const store = await storeWith(flavorKey, 'flavor_id|flavor_code\n');
    const error = await rejection(prepare(store, flavorKey, flavorRule({ header: true })));
    expect(error.message).toBe('expected a trailer line, found no non-blank line after the header');
  });

  it('fails a header rule on an empty file', async () => {
    const store = await storeWith(hospitalKey, gzipSync(''));
    const error = await rejection(prepare(store, hospitalKey, hospitalRule({ checkHeader: true })));
    expect(error.message).toBe('expected a header line, found no non-blank line');
  });

  it('rejects a zero trailer count even when the file has no records', async () => {
    const store = await storeWith(flavorKey, 'TRL0000000000\n');
    const error = await rejection(prepare(store, flavorKey, flavorRule()));
    expect(error.message).toBe(
      "trailer characters 4-13 should be a record count greater than zero, found '0000000000'",
    );
  });

  it('keeps a store read failure as it is rather than calling the archive corrupt', async () => {
    const store = await storeWith(hospitalKey, gzipSync('a\n'));
    const failure = new Error('connection reset');
    store.get = async () => {
      const { Readable } = await import('node:stream');
      return new Readable({
        read() {
          this.destroy(failure);
        },
      });
    };
    const error = await rejection(prepare(store, hospitalKey, hospitalRule({ checkHeader: true })));
    expect(error).toBe(failure);
  });

  it('stops and cleans up when the store cannot take the prepared copy', async () => {
    const store = await storeWith(flavorKey, sample('PROD_20151015_150510973_PA_FLAVOR_527.txt'));
    const { MemoryObjectStore } = await import('../../../support/memory-object-store.js');
    const failing = new MemoryObjectStore('ferry-test', {
      failPut: (key) => (key.startsWith('processing/') ? new Error('disk full') : undefined),
    });
    await failing.put(flavorKey, store.bytes(flavorKey)!);
    const error = await rejection(prepare(failing, flavorKey, flavorRule()));
    expect(error.message).toBe('disk full');
    expect(failing.keys('processing/')).toEqual([]);
  });

  it('fails cleanly when a check fails before the store has started reading the copy', async () => {
    const key = 'external_input/PROD_20151016_090000000_PA_FLAVOR_527.txt';
    const store = await storeWith(key, sample('PROD_20151016_090000000_PA_FLAVOR_527.txt'));
    const put = store.put.bind(store);
    // A store that only starts reading once the body is already destroyed, like one still opening its target.
    store.put = async (putKey, body) => {
      // Only a 'close' listener: events.once would also listen for 'error' and hide the crash this test guards.
      if (typeof body !== 'string' && !Buffer.isBuffer(body))
        await new Promise((done) => body.on('close', done));
      return put(putKey, body);
    };
    const error = await rejection(prepare(store, key, flavorRule()));
    expect(error.message).toBe('trailer says 4 records, file has 3');
    expect(store.keys('processing/')).toEqual([]);
  });

  it('reports progress with the final byte and record counts', async () => {
    const store = await storeWith(flavorKey, sample('PROD_20151015_150510973_PA_FLAVOR_527.txt'));
    const seen: { bytes: number; records: number }[] = [];
    await prepare(store, flavorKey, flavorRule(), { onProgress: (p) => seen.push(p), now });
    expect(seen.at(-1)).toEqual({ bytes: 353, records: 6 });
  });
});
