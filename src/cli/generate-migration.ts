import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../load-config';
import { openDatabase } from '../database/database';

/**
 * `npm run migration:generate -- <Name>`: migrates the database, compares it
 * with the entities and writes what is missing as `migrations/<ts>-<name>.ts`.
 * Read and tidy the result before committing it.
 */
async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  }
  const db = await openDatabase(loadConfig(), (l) => console.error(l));
  try {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.error('no changes: the migrations match the entities');
      return;
    }
    const stamp = Date.now();
    const cls = `${name}${stamp}`;
    const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const q = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const root = join(__dirname, '..', '..');
    const file = `${stamp}-${kebab}`;
    writeFileSync(
      join(root, 'migrations', `${file}.ts`),
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${cls} implements MigrationInterface {\n  name = '${cls}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    const index = join(root, 'migrations', 'index.ts');
    const src = readFileSync(index, 'utf8')
      .replace(/^/, `import { ${cls} } from './${file}';\n`)
      .replace(/\];\s*$/, `, ${cls}];\n`);
    writeFileSync(index, src);
    console.error(`wrote migrations/${file}.ts (${sql.upQueries.length} statements)`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
