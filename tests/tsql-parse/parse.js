// Parses T-SQL statements with node-sql-parser (transactsql dialect), an implementation independent
// of SQL Server and of ProfileHub. Input: a JSON file [{ "name": ..., "sql": ... }]. Prints one line
// per failure and exits 1 when any statement does not parse.
'use strict';
const fs = require('fs');
const { Parser } = require('node-sql-parser');

// Valid T-SQL forms the parser has no grammar for. Each is rewritten to the closest form it does
// parse, so the rest of the statement (the column list) is still checked.
const EXCEPTIONS = [
  {
    // User-defined table types (for table-valued parameters): checked as the equivalent CREATE TABLE.
    pattern: /^\s*CREATE\s+TYPE\s+([\w.]+)\s+AS\s+TABLE\b/i,
    rewrite: (sql) => sql.replace(/^\s*CREATE\s+TYPE\s+([\w.]+)\s+AS\s+TABLE\b/i, 'CREATE TABLE $1'),
  },
];

const file = process.argv[2];
if (!file) {
  console.error('usage: node parse.js statements.json');
  process.exit(2);
}

const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
const parser = new Parser();
let failed = 0;
let rewritten = 0;
for (const { name, sql } of statements) {
  let text = sql;
  for (const exception of EXCEPTIONS) {
    if (exception.pattern.test(text)) {
      text = exception.rewrite(text);
      rewritten++;
    }
  }

  try {
    parser.astify(text, { database: 'transactsql' });
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${String(error.message).split('\n')[0].slice(0, 300)}`);
  }
}

console.log(`${statements.length - failed} of ${statements.length} T-SQL statements parse (${rewritten} via a documented exception)`);
process.exit(failed === 0 ? 0 : 1);
