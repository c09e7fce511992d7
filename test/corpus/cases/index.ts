// Every corpus case, in the order the suite runs them.
import { compressionCases } from './compression.js';
import type { CorpusCase } from './corpus-case.js';
import { injectionCases } from './injection.js';
import { lineCases } from './lines.js';
import { matchingCases } from './matching.js';
import { nameCases } from './names.js';
import { nulCases } from './nul.js';
import { splitCases } from './split.js';
import { trailerCases } from './trailer.js';
import { valueCases } from './values.js';

export type { CaseExpectation, CorpusCase } from './corpus-case.js';

export const corpusCases: CorpusCase[] = [
  ...matchingCases,
  ...trailerCases,
  ...lineCases,
  ...valueCases,
  ...compressionCases,
  ...splitCases,
  ...nameCases,
  ...injectionCases,
  ...nulCases,
];
