// Validates an AsyncAPI document with the AsyncAPI Initiative's own parser (@asyncapi/parser): exits non-zero on any
// error or warning. Run from a folder where the parser is installed: .ci/run does so for auth's document.
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { readFileSync } from 'fs';

const file = process.argv[2];
const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'));
let failed = !document;
for (const d of diagnostics) {
  const bad = d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning;
  failed ||= bad;
  console.log(`${bad ? 'FAIL' : 'note'} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
console.log(failed ? `${file}: not valid` : `${file}: valid AsyncAPI ${document.version()}`);
process.exit(failed ? 1 : 0);
