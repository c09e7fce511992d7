// Writes the sample feeds' files into sql/samples/files. Run: npx tsx sql/samples/make-samples.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sampleFileBytes, sampleFiles } from './sample-files.js';

const outputDirectory = fileURLToPath(new URL('./files/', import.meta.url));

await mkdir(outputDirectory, { recursive: true });
for (const file of sampleFiles) {
  const bytes = sampleFileBytes(file);
  await writeFile(new URL(`./files/${file.name}`, import.meta.url), bytes);
  process.stdout.write(`wrote ${file.name} (${bytes.length} bytes)\n`);
}
