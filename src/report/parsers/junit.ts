/**
 * JUnit XML (pytest --junitxml) → one annotation per failing or erroring test, at the line that failed.
 * pytest's default family (xunit2) has no file/line attributes: the line comes from the traceback's own
 * `path.py:N: Error` lines; xunit1's `file`/`line` (0-based) is the fallback. Parsed with fast-xml-parser.
 */
import { XMLParser } from 'fast-xml-parser';
import { repoPath, type Annotation, type ParseResult } from './types.js';

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];
const text = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Node)['#text']);
  return '';
};

/** `tests.test_math.TestAdd` → candidate files, longest first: tests/test_math/TestAdd.py, tests/test_math.py, … */
function candidatesFromClassname(classname: string): string[] {
  const parts = classname.split('.').filter(Boolean);
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) out.push(`${parts.slice(0, n).join('/')}.py`);
  return out;
}

export interface JunitReport extends ParseResult {
  /** False when the text is not JUnit XML (no testsuite element). */
  valid: boolean;
  /** Counted from the testcase elements themselves (a suite's own `tests=` attributes are not believed). */
  counts: { tests: number; failures: number; errors: number; skipped: number };
}

export function parseJunit(xml: string, opts: { root: string }): ParseResult {
  const { annotations, dropped } = parseJunitReport(xml, opts);
  return { annotations, dropped };
}

/** fast-xml-parser set for JUnit: attributes kept as text, the repeatable elements always lists. */
function junitParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
  });
}

/** What a testcase's failures are placed and named by: its attributes, read once for all of them. */
interface TestcaseFacts {
  classname: string;
  name: string;
  fileAttr: string;
  lineAttr: number;
}

/**
 * The annotation for one failure or error of a testcase, at the last traceback line in the test's own file (else
 * the last traceback line, else the file and line attributes or a file named after the class); null when that place
 * is outside the repository.
 */
function problemAnnotation(tc: TestcaseFacts, f: Node, kind: string, root: string): Annotation | null {
  const { classname, name, fileAttr, lineAttr } = tc;
  const body = text(f);
  const msg = text(f['@_message']);
  const candidates = fileAttr ? [fileAttr] : candidatesFromClassname(classname);
  // Traceback lines `path.py:N: ErrorName`; the last one in a candidate file is where the test failed.
  const spots = [...body.matchAll(/^([^\s:][^:\n]*\.py):(\d+): /gm)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
  }));
  const inTest = spots.filter((s) => candidates.some((c) => repoPath(s.file, root) === repoPath(c, root)));
  const spot = inTest.at(-1) ?? spots.at(-1);
  let file = spot?.file ?? candidates[candidates.length > 1 ? 1 : 0] ?? '';
  let line = spot?.line ?? (Number.isInteger(lineAttr) && lineAttr >= 0 ? lineAttr + 1 : 1);
  if (!spot && fileAttr) file = fileAttr;
  const path = repoPath(file, root);
  if (path === null || line < 1) return null;
  if (!Number.isFinite(line)) line = 1;
  return {
    path,
    startLine: line,
    endLine: line,
    level: 'failure',
    // The test's name is the report's text, so it goes in the message; the title is ours.
    title: `junit: test ${kind}`,
    message: [`${classname ? `${classname}.` : ''}${name}`, msg, body]
      .filter((s) => s.trim() !== '')
      .join('\n\n')
      .trim(),
  };
}

export function parseJunitReport(xml: string, opts: { root: string }): JunitReport {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const parser = junitParser();
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    return { annotations: [], dropped: 1, valid: false, counts };
  }
  const suites = [...asArray((doc.testsuites as Node | undefined)?.testsuite), ...asArray(doc.testsuite)];
  const valid = suites.length > 0;
  const annotations: Annotation[] = [];
  let dropped = 0;
  for (const suite of suites) {
    for (const tc of asArray(suite.testcase)) {
      counts.tests++;
      if (asArray(tc.failure).length) counts.failures++;
      else if (asArray(tc.error).length) counts.errors++;
      else if (asArray(tc.skipped).length) counts.skipped++;
      const problems = [
        ...asArray(tc.failure).map((f) => ({ f, kind: 'failed' })),
        ...asArray(tc.error).map((f) => ({ f, kind: 'errored' })),
      ];
      if (problems.length === 0) continue;
      const facts: TestcaseFacts = {
        classname: text(tc['@_classname']),
        name: text(tc['@_name']),
        fileAttr: text(tc['@_file']),
        lineAttr: Number(text(tc['@_line'])),
      };
      for (const { f, kind } of problems) {
        const a = problemAnnotation(facts, f, kind, opts.root);
        if (a) annotations.push(a);
        else dropped++;
      }
    }
  }
  return { annotations, dropped, valid, counts };
}
