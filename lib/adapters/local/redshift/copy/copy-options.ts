// The COPY options the stand-in understands, each a small reader that updates the command.
import { TerminalError } from '../../../../core/errors.js';
import { UnsupportedConstructError } from '../unsupported.js';
import type { CopyCommand, CopyFormat, FixedWidthField } from './copy-command.js';
import { copySyntax, type TokenCursor } from './token-cursor.js';

type OptionReader = (command: CopyCommand, cursor: TokenCursor) => void;

const ignoreString: OptionReader = (_, cursor) => {
  cursor.accept('as');
  if (cursor.peek()?.kind === 'string') cursor.next();
  else cursor.expectWord('a value');
};
const flag =
  (set: (command: CopyCommand) => void): OptionReader =>
  (command) =>
    set(command);
const optionalOnOff: OptionReader = (_, cursor) => {
  cursor.accept('on', 'off', 'true', 'false', 'preset');
};
const unsupportedLocally =
  (what: string): OptionReader =>
  () => {
    throw new UnsupportedConstructError(what);
  };

function setFormat(command: CopyCommand, format: CopyFormat, cursor: TokenCursor): void {
  command.format = format;
  if (format === 'csv') {
    command.delimiter = command.delimiter === '|' ? ',' : command.delimiter;
    if (cursor.accept('quote')) readQuote(command, cursor);
  }
  if (format === 'json') readJsonPaths(command, cursor);
  if (format === 'fixedwidth' && cursor.peek()?.kind === 'string') readFixedWidth(command, cursor);
  if (format === 'avro' && cursor.peek()?.kind === 'string') cursor.next();
}

function readQuote(command: CopyCommand, cursor: TokenCursor): void {
  cursor.accept('as');
  command.quote = cursor.expectString('quote character');
}

function readJsonPaths(command: CopyCommand, cursor: TokenCursor): void {
  cursor.accept('as');
  if (cursor.peek()?.kind !== 'string') return;
  const option = cursor.expectString("JSON option ('auto', 'auto ignorecase' or 's3://jsonpaths_file')");
  const paths = option.toLowerCase();
  if (paths === 'auto ignorecase') command.jsonIgnoreCase = true;
  else if (paths.startsWith('s3://')) command.jsonPaths = option;
  else if (paths !== 'auto')
    throw new TerminalError(`COPY JSON: expected 'auto', 'auto ignorecase' or 's3://…', found '${option}'`);
}

function readFixedWidth(command: CopyCommand, cursor: TokenCursor): void {
  const spec = cursor.expectString("FIXEDWIDTH spec ('label:width,…')");
  command.format = 'fixedwidth';
  command.fixedWidths = spec.split(',').map((part): FixedWidthField => {
    const match = /^\s*([^:]+):\s*(\d+)\s*$/.exec(part);
    if (!match) throw new TerminalError(`COPY FIXEDWIDTH: expected 'label:width', found '${part}'`);
    return { label: (match[1] as string).trim(), width: Number(match[2]) };
  });
}

const formats: Record<string, CopyFormat> = {
  csv: 'csv',
  json: 'json',
  parquet: 'parquet',
  avro: 'avro',
  orc: 'orc',
  fixedwidth: 'fixedwidth',
};

const readers: Record<string, OptionReader> = {
  iam_role: ignoreString,
  credentials: ignoreString,
  access_key_id: ignoreString,
  secret_access_key: ignoreString,
  session_token: ignoreString,
  region: ignoreString,
  manifest: (command, cursor) => {
    command.manifest = true;
    cursor.accept('verbose');
  },
  format: (command, cursor) => {
    cursor.accept('as');
    const name = cursor.expectWord('a format (CSV, JSON, PARQUET, …)');
    const format = formats[name];
    if (!format) throw new UnsupportedConstructError(`FORMAT ${name.toUpperCase()}`);
    setFormat(command, format, cursor);
  },
  csv: (command, cursor) => setFormat(command, 'csv', cursor),
  json: (command, cursor) => setFormat(command, 'json', cursor),
  parquet: (command, cursor) => setFormat(command, 'parquet', cursor),
  orc: (command, cursor) => setFormat(command, 'orc', cursor),
  avro: (command, cursor) => setFormat(command, 'avro', cursor),
  fixedwidth: (command, cursor) => readFixedWidth(command, cursor),
  quote: readQuote,
  delimiter: (command, cursor) => {
    cursor.accept('as');
    command.delimiter = cursor.expectString('delimiter');
    if ([...command.delimiter].length !== 1) {
      throw new TerminalError(`COPY DELIMITER: expected one character, found '${command.delimiter}'`);
    }
  },
  gzip: flag((c) => {
    c.compression = 'gzip';
  }),
  bzip2: flag((c) => {
    c.compression = 'bzip2';
  }),
  lzop: flag((c) => {
    c.compression = 'lzop';
  }),
  zstd: flag((c) => {
    c.compression = 'zstd';
  }),
  removequotes: flag((c) => {
    c.removeQuotes = true;
  }),
  escape: flag((c) => {
    c.escape = true;
  }),
  ignoreheader: (command, cursor) => {
    cursor.accept('as');
    command.ignoreHeader = cursor.expectInteger('IGNOREHEADER row count');
  },
  ignoreblanklines: flag((c) => {
    c.ignoreBlankLines = true;
  }),
  null: (command, cursor) => {
    cursor.accept('as');
    command.nullAs = cursor.expectString('NULL AS string');
  },
  emptyasnull: flag((c) => {
    c.emptyAsNull = true;
  }),
  blanksasnull: flag((c) => {
    c.blanksAsNull = true;
  }),
  truncatecolumns: flag((c) => {
    c.truncateColumns = true;
  }),
  fillrecord: flag((c) => {
    c.fillRecord = true;
  }),
  trimblanks: flag((c) => {
    c.trimBlanks = true;
  }),
  roundec: flag((c) => {
    c.roundDecimals = true;
  }),
  noload: flag((c) => {
    c.noLoad = true;
  }),
  explicit_ids: flag((c) => {
    c.explicitIds = true;
  }),
  acceptanydate: flag((c) => {
    c.acceptAnyDate = true;
  }),
  acceptinvchars: (command, cursor) => {
    cursor.accept('as');
    command.acceptInvChars =
      cursor.peek()?.kind === 'string' ? cursor.expectString('replacement character') : '?';
  },
  dateformat: (command, cursor) => {
    cursor.accept('as');
    command.dateFormat = cursor.expectString('DATEFORMAT');
  },
  timeformat: (command, cursor) => {
    cursor.accept('as');
    command.timeFormat = cursor.expectString('TIMEFORMAT');
  },
  maxerror: (command, cursor) => {
    cursor.accept('as');
    command.maxError = cursor.expectInteger('MAXERROR');
  },
  compupdate: optionalOnOff,
  statupdate: optionalOnOff,
  comprows: (_, cursor) => {
    cursor.expectInteger('COMPROWS');
  },
  encoding: (_, cursor) => {
    cursor.accept('as');
    const encoding = cursor.expectWord('an encoding');
    if (encoding !== 'utf8') throw new UnsupportedConstructError(`ENCODING ${encoding.toUpperCase()}`);
  },
  encrypted: unsupportedLocally('ENCRYPTED'),
  ssh: unsupportedLocally('SSH'),
  shapefile: unsupportedLocally('SHAPEFILE'),
};

export function applyCopyOption(command: CopyCommand, cursor: TokenCursor): void {
  const token = cursor.next();
  if (token?.kind !== 'word') throw copySyntax('a COPY option', token);
  const reader = readers[token.text.toLowerCase()];
  if (!reader) throw new UnsupportedConstructError(`COPY option ${token.text.toUpperCase()}`);
  reader(command, cursor);
}
