import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';

/**
 * What a lender's engineer runs on the document, run by the tests the same way: Redocly's
 * lint with its recommended rules, openapi-typescript, and the TypeScript compiler.
 */
const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
export const EXAMPLE_CLIENT = join(ROOT, 'docs', 'examples', 'lender-client.ts');

/** A folder of the run's own with the document in it, and no Redocly config or ignore file. */
export function workspaceWith(document: unknown): string {
  const dir = mkdtempSync(join(process.env.TEST_ROOT ?? ROOT, 'openapi-'));
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
  return dir;
}

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint --extends recommended`: every error and warning, as pointer and message. */
export async function redoclyLint(dir: string): Promise<string[]> {
  for (const f of ['redocly.yaml', '.redocly.yaml', '.redocly.lint-ignore.yaml']) {
    if (existsSync(join(dir, f))) throw new Error(`${f} would change the rules`);
  }
  const args = ['lint', 'openapi.json', '--extends', 'recommended', '--format', 'json'];
  const out = await run(bin('redocly'), args, { cwd: dir, maxBuffer: 64 << 20 }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
  );
  const report: { problems?: LintProblem[] } = JSON.parse(out.stdout);
  if (!report.problems) throw new Error(`no lint report: ${out.stdout.slice(0, 500)}`);
  return report.problems.map(
    (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`,
  );
}

/** `openapi-typescript openapi.json -o lender-api.d.ts`, as the example client expects. */
export async function generateTypes(dir: string): Promise<string> {
  await run(bin('openapi-typescript'), ['openapi.json', '-o', 'lender-api.d.ts'], { cwd: dir });
  return readFileSync(join(dir, 'lender-api.d.ts'), 'utf8');
}

/**
 * `tsc --noEmit` under `strict` over the example client and `extra` (files written into
 * `dir`), which import the generated types as `./lender-api`: the folders are merged by
 * `rootDirs`, so the client needs no path of this test.
 */
export async function typeCheck(dir: string, extra: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      rootDirs: [join(ROOT, 'docs', 'examples'), dir],
      noUnusedLocals: true,
      skipLibCheck: true,
    },
    files: [EXAMPLE_CLIENT, ...Object.keys(extra).map((n) => join(dir, n))],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const result = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? 'tsc failed' }),
  );
  return result.stdout.trim();
}

/** Casts, `any` and `!` in a source file: what a typed client must do without. */
export function escapeHatches(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const what = ts.isAsExpression(node)
      ? '`as`'
      : ts.isTypeAssertionExpression(node)
        ? '`<T>` cast'
        : ts.isNonNullExpression(node)
          ? '`!`'
          : node.kind === ts.SyntaxKind.AnyKeyword
            ? '`any`'
            : null;
    if (what) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${what} on line ${line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Type-level claims on the generated types: `@ts-expect-error` fails when a line compiles. */
export const TYPE_CLAIMS = `import type { paths } from './lender-api';

/** The per-action operations, by action name. */
type Actions = {
  [P in keyof paths as P extends \`/api/v1/cases/{id}/actions/\${infer A}\` ? A : never]: paths[P]['post'];
};
type BodyOf<A extends keyof Actions> = Actions[A] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

const debtStatement = { asOf: '2026-12-01', principal: '8000.00', interest: '900.00', penaltyInterest: '500.40', fees: '250.00' };
export const answer: BodyOf<'lender_accept'> = {
  debtStatement,
  counterProposal: { settlementAmount: '8000.00', installments: 10, waivedAmount: '1650.40' },
};
// @ts-expect-error: the lender states the debt it confirms; a counter-proposal alone is no answer
export const noDebt: BodyOf<'lender_accept'> = { counterProposal: answer.counterProposal };
// @ts-expect-error: the clerk's input of accept is no input of lender_accept
export const clerkInput: BodyOf<'lender_accept'> = { mediatorId: '0b7c7a0e-2b0b-4b6e-9a43-3e3f5c1d2a10' };
// @ts-expect-error: money is a string of yuan, never a number
export const numberMoney: BodyOf<'lender_accept'> = { debtStatement, counterProposal: { settlementAmount: 8000, installments: 10, waivedAmount: '0.00' } };
// No header is required: an action can be sent without any.
export const noHeaders: NonNullable<Actions['lender_accept']['parameters']['header']> = {};
export const noFileHeaders: NonNullable<paths['/api/v1/cases']['post']['parameters']['header']> = {};
// @ts-expect-error: a status is one of the workflow's states
export const status: paths['/api/v1/cases/{id}']['get']['responses'][200]['content']['application/json']['status'] = 'pending';
`;
