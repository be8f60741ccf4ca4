/**
 * `${{ }}` expressions as GitHub evaluates them, through GitHub's own expression library (@actions/expressions):
 * contexts as data, the status functions (success, failure, always, cancelled) supplied per evaluation, and values
 * turned back into plain JSON with the library's own replacer.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

export type Contexts = Record<string, unknown>;
/** The job's (or step's) status, for success()/failure()/always()/cancelled(). */
export interface Status {
  failed: boolean;
  cancelled?: boolean;
}

export function toData(v: unknown): data.ExpressionData {
  if (v === null || v === undefined) return new data.Null();
  if (typeof v === 'string') return new data.StringData(v);
  if (typeof v === 'boolean') return new data.BooleanData(v);
  if (typeof v === 'number') return new data.NumberData(v);
  if (Array.isArray(v)) {
    const a = new data.Array();
    for (const x of v) a.add(toData(x));
    return a;
  }
  const d = new data.Dictionary();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.add(k, toData(x));
  return d;
}

const statusFns = (s: Status) =>
  new Map(
    (
      [
        ['always', () => true],
        ['success', () => !s.failed && !s.cancelled],
        ['failure', () => s.failed],
        ['cancelled', () => s.cancelled === true],
      ] as const
    ).map(([name, f]) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(f()) }]),
  );

export function evaluate(expr: string, ctx: Contexts, s: Status = { failed: false }): data.ExpressionData {
  const tokens = new Lexer(expr).lex().tokens;
  const fns = statusFns(s);
  const ast = new Parser(tokens, Object.keys(ctx), [...fns.values()]).parse();
  return new Evaluator(ast, toData(ctx) as data.Dictionary, fns).evaluate();
}

export function toJs(d: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(d, data.replacer)) as unknown;
}

const WHOLE = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;

/** A value from a workflow file: a string that is one expression keeps its type; others are interpolated. */
export function evalValue(v: unknown, ctx: Contexts, s: Status = { failed: false }): unknown {
  if (typeof v === 'string') {
    const m = WHOLE.exec(v);
    if (m && !m[1]!.includes('}}')) return toJs(evaluate(m[1]!.trim(), ctx, s));
    return interpolate(v, ctx, s);
  }
  if (Array.isArray(v)) return v.map((x) => evalValue(x, ctx, s));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evalValue(x, ctx, s)]));
  return v;
}

/** Replace each `${{ expr }}` in a string with its value as a string. */
export function interpolate(text: string, ctx: Contexts, s: Status = { failed: false }): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => evaluate(e.trim(), ctx, s).coerceString());
}

/** An `if:` condition: written with or without `${{ }}`; absent means success(). */
export function condition(cond: string | undefined, ctx: Contexts, s: Status): boolean {
  const text = (cond ?? 'success()').trim();
  const expr = text.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  // GitHub adds success() to a condition that calls no status function.
  const hasStatus = /\b(success|failure|always|cancelled)\s*\(/.test(expr);
  return truthy(evaluate(hasStatus ? expr : `success() && (${expr})`, ctx, s));
}

/** A string value from a workflow (inputs of `with:`, env): expressions evaluated, coerced as GitHub does. */
export function asString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
