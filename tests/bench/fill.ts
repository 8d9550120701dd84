/**
 * `node tests/bench/fill.ts <database file> <rows>`: fills a journal (see fillJournal) in a process of its own, so
 * the UI bench can fill its data folder while the renderer builds. Prints the seconds it took as JSON.
 */
import { fillJournal } from './common.ts';

const [file, rows] = process.argv.slice(2);
if (file === undefined || !Number.isInteger(Number(rows)) || Number(rows) < 0) {
  process.stderr.write('usage: node tests/bench/fill.ts <database file> <rows>\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ seconds: fillJournal(file, Number(rows)) })}\n`);
