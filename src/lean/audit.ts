/**
 * The proof audit of `lean-proof` (pure): the Lean file the trusted side writes, the reading of what `#print axioms`
 * printed, the verdict against an axiom allowlist, and the check that protected statements are unchanged.
 *
 * The audit runs in a fresh sandbox (no network, the built tree read-only) and its output is captured by the
 * trusted runner, out of the build's reach. Its text still comes from a Lean process that loaded the PR's modules,
 * which can print anything: so every target must be reported exactly once, inside a per-run random fence, and a
 * target that is missing, doubled or unreadable fails the audit. See docs/lean-audit.md for what this proves.
 */
import { InputError, InternalError } from '../config/errors.js';
import type { Annotation } from '../report/parsers/types.js';

export const DEFAULT_AXIOMS = ['propext', 'Classical.choice', 'Quot.sound'];

/** A Lean declaration name: dotted identifiers, with Lean's «» escapes not accepted. */
const NAME = /^[A-Za-z_][A-Za-z0-9_'!?]*(\.[A-Za-z_][A-Za-z0-9_'!?]*)*$/;

export function checkTargets(targets: string[], what = 'targets'): string[] {
  const out: string[] = [];
  for (const t of targets.map((x) => x.trim()).filter(Boolean)) {
    if (!NAME.test(t) || t.length > 512)
      throw new InputError(what, `'${t.slice(0, 100)}' is not a Lean declaration name`);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * The audit file: imports the modules, then for each target prints a fence line, the axioms, and a closing fence.
 * `nonce` is random per run and never written where the build could read it before the audit starts.
 */
export function auditFile(modules: string[], targets: string[], nonce: string): string {
  if (!/^[a-f0-9]{16,64}$/.test(nonce)) throw new InternalError('nonce: 16 to 64 hex digits');
  const lines = [...checkTargets(modules, 'modules').map((m) => `import ${m}`), ''];
  for (const t of checkTargets(targets)) {
    lines.push(`#eval IO.println "<<audit ${nonce} begin ${t}>>"`);
    lines.push(`#print axioms ${t}`);
    lines.push(`#eval IO.println "<<audit ${nonce} end ${t}>>"`);
  }
  return `${lines.join('\n')}\n`;
}

export type TargetReport =
  | { target: string; status: 'ok'; axioms: string[] }
  | {
      target: string;
      status: 'bad-axioms';
      axioms: string[];
      disallowed: { axiom: string; kind: AxiomKind }[];
    }
  | { target: string; status: 'missing' | 'duplicated' | 'unreadable' | 'error'; detail: string };

export type AxiomKind = 'sorry' | 'native' | 'other';

export function axiomKind(axiom: string): AxiomKind {
  if (axiom === 'sorryAx') return 'sorry';
  if (
    axiom === 'Lean.ofReduceBool' ||
    axiom === 'Lean.trustCompiler' ||
    /\._native\.native_decide\.ax_\d+(_\d+)?$/.test(axiom) ||
    /\.native_decide\./.test(axiom)
  ) {
    return 'native';
  }
  return 'other';
}

/** The axioms in one fenced block: `'T' depends on axioms: [a, b,\n c]` or `'T' does not depend on any axioms`. */
function readBlock(target: string, text: string): { axioms: string[] } | { error: string } {
  const t = text.replace(/\r/g, '');
  if (/cannot use `#print axioms` in a `module`/.test(t))
    return { error: 'cannot use #print axioms in a module' };
  const quoted = `'${target}'`;
  const none = `${quoted} does not depend on any axioms`;
  const some = `${quoted} depends on axioms: [`;
  const hasNone = t.includes(none);
  const i = t.indexOf(some);
  if (hasNone && i < 0) return { axioms: [] };
  if (i < 0 || hasNone) return { error: 'no single axioms line for the target' };
  const end = t.indexOf(']', i + some.length);
  if (end < 0) return { error: 'the axioms list is not closed' };
  const axioms = t
    .slice(i + some.length, end)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (!axioms.every((a) => NAME.test(a))) return { error: 'an axiom name is malformed' };
  if (t.indexOf(some, end) >= 0) return { error: 'two axioms lines for the target' };
  return { axioms };
}

/** Read the audit's output and judge every target. */
export function judgeAudit(
  output: string,
  targets: string[],
  nonce: string,
  allow: string[] = DEFAULT_AXIOMS,
): TargetReport[] {
  return checkTargets(targets).map((target): TargetReport => {
    const begin = `<<audit ${nonce} begin ${target}>>`;
    const end = `<<audit ${nonce} end ${target}>>`;
    const b = output.split(begin).length - 1;
    const e = output.split(end).length - 1;
    if (b === 0 || e === 0) return { target, status: 'missing', detail: 'the audit printed nothing for it' };
    if (b > 1 || e > 1) return { target, status: 'duplicated', detail: 'its fence appears more than once' };
    const from = output.indexOf(begin) + begin.length;
    const to = output.indexOf(end);
    if (to < from) return { target, status: 'unreadable', detail: 'its fences are out of order' };
    const r = readBlock(target, output.slice(from, to));
    if ('error' in r)
      return { target, status: /module/.test(r.error) ? 'error' : 'unreadable', detail: r.error };
    const disallowed = r.axioms
      .filter((a) => !allow.includes(a))
      .map((axiom) => ({ axiom, kind: axiomKind(axiom) }));
    return disallowed.length
      ? { target, status: 'bad-axioms', axioms: r.axioms, disallowed }
      : { target, status: 'ok', axioms: r.axioms };
  });
}

/** One annotation per failed target, on the file that declares it when known. */
export function auditAnnotations(
  reports: TargetReport[],
  fileOf: (target: string) => string | null,
): Annotation[] {
  return reports
    .filter((r) => r.status !== 'ok')
    .map((r) => {
      const message =
        r.status === 'bad-axioms'
          ? `${r.target} depends on ${r.disallowed
              .map((d) =>
                d.kind === 'sorry'
                  ? `${d.axiom} (sorry)`
                  : d.kind === 'native'
                    ? `${d.axiom} (native computation)`
                    : d.axiom,
              )
              .join(', ')}, outside the allowlist`
          : `${r.target}: ${r.detail}`;
      return {
        path: fileOf(r.target) ?? 'lakefile.lean',
        startLine: 1,
        endLine: 1,
        level: 'failure' as const,
        title: r.status === 'bad-axioms' ? 'axioms outside the allowlist' : `proof audit: ${r.status}`,
        message,
      };
    });
}

/**
 * The statement of each named theorem in a Lean file: the text from the name to the `:=` that starts its proof,
 * whitespace and comments normalised. A textual check (the comparator approach compares elaborated constants).
 */
export function statements(text: string, names: string[]): Map<string, string | null> {
  const clean = text.replace(/\/-[\s\S]*?-\//g, ' ').replace(/--[^\n]*/g, ' ');
  const out = new Map<string, string | null>();
  for (const full of names) {
    const short = full.split('.').pop()!;
    const re = new RegExp(
      `(?:^|\\s)(?:theorem|lemma)\\s+${short.replace(/[.'!?]/g, '\\$&')}(?=[\\s:({[])([\\s\\S]*?):=`,
      'm',
    );
    const m = re.exec(clean);
    out.set(full, m ? m[1]!.replace(/\s+/g, ' ').trim() : null);
  }
  return out;
}

/** The theorems and lemmas a file declares (comments ignored): every one of a protected file is protected. */
export function declaredTheorems(text: string): string[] {
  const clean = text.replace(/\/-[\s\S]*?-\//g, ' ').replace(/--[^\n]*/g, ' ');
  const out: string[] = [];
  for (const m of clean.matchAll(/(?:^|\s)(?:theorem|lemma)\s+([A-Za-z_][\w'!?.]*)/g))
    if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** Protected statements: every name must keep the base branch's statement in the PR's file. */
export function protectedChanges(
  base: string,
  pr: string,
  names: string[],
): { name: string; detail: string }[] {
  const a = statements(base, names);
  const b = statements(pr, names);
  const out: { name: string; detail: string }[] = [];
  for (const n of names) {
    const x = a.get(n) ?? null;
    const y = b.get(n) ?? null;
    if (x === null) out.push({ name: n, detail: 'not found in the base branch' });
    else if (y === null) out.push({ name: n, detail: 'removed by the pull request' });
    else if (x !== y)
      out.push({ name: n, detail: `statement changed: '${x.slice(0, 200)}' became '${y.slice(0, 200)}'` });
  }
  return out;
}
