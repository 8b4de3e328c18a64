// Parse an Argdown file with the real @argdown/core parser and print a JSON
// summary of the model it builds.
//
// Usage: node parse.mjs FILE.argdown        (run `npm ci` in this folder first)
//
// Output keys (stdout, one JSON object):
//   parserErrors      parser/lexer error messages (empty list = parses cleanly)
//   statements        number of statements (equivalence classes)
//   arguments         number of arguments
//   relations         number of relations in response.relations
//   statementTitles   sorted titles
//   argumentTitles    sorted titles
//   relationTypes     {support: n, attack: n, ...}
//   data              {title: data} for statements/arguments carrying a {...} data block
//   statementTexts    {title: canonical text}   (extra, for exact round-trip checks)
//   argumentTexts     {title: canonical text}   (extra)
//   relationList      sorted [fromKind, fromTitle, type, toKind, toTitle] (extra)
// Exit codes: 0 = parsed cleanly; 3 = JSON printed but parserErrors is not
// empty (possibly with an empty model); 1 = exception (plugin errors are
// thrown, not swallowed); 2 = usage error.
import { readFileSync } from "node:fs";
import {
  ArgdownApplication,
  ParserPlugin,
  DataPlugin,
  ModelPlugin,
  IEquivalenceClass,
  IArgument
} from "@argdown/core";

function kind(member) {
  if (!member) return "?";
  if (member.type === "equivalence-class") return "statement";
  return member.type; // "argument" | "inference"
}

function title(member) {
  if (!member) return null;
  if (member.type === "inference") return member.argumentTitle ?? null;
  return member.title ?? null;
}

function main() {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write("usage: node parse.mjs FILE.argdown\n");
    process.exit(2);
  }
  const input = readFileSync(path, "utf8");

  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), "parse-input");
  // DataPlugin must come before ModelPlugin: it attaches `{...}` YAML data to
  // AST nodes, which ModelPlugin copies onto statements/arguments. Without it
  // data blocks are parsed but silently dropped.
  app.addPlugin(new DataPlugin(), "build-model");
  app.addPlugin(new ModelPlugin(), "build-model");

  // Without throwExceptions, ArgdownApplication silently swallows non-plugin
  // errors (e.g. lexer failures) and only logs plugin errors.
  const request = { input, throwExceptions: true, logLevel: "error" };
  const response = {};
  try {
    app.run({ ...request, process: ["parse-input"] }, response);
  } catch (e) {
    // The lexer throws a bare Error (e.g. on a lone trailing backslash).
    if (String(e && e.message).includes("lexing errors")) {
      response.lexerErrors = [{ message: String(e.message) }];
    } else {
      throw e;
    }
  }
  // After severe syntax errors the parser yields no AST at all; ModelPlugin
  // would then throw 'No "ast" field'. Report the parser errors instead.
  if (response.ast) {
    app.run({ ...request, process: ["build-model"] }, response);
  }
  if (response.exceptions && response.exceptions.length > 0) {
    throw response.exceptions[0];
  }

  const parserErrors = [
    ...(response.lexerErrors ?? []).map((e) => `lexer: ${e.message}`),
    ...(response.parserErrors ?? []).map((e) => {
      const t = e.token;
      const where = t && t.startLine !== undefined ? ` (line ${t.startLine}, col ${t.startColumn})` : "";
      return `${e.message}${where}`;
    })
  ];

  const statements = response.statements ?? {};
  const args = response.arguments ?? {};
  const relations = response.relations ?? [];

  const relationTypes = {};
  for (const r of relations) {
    relationTypes[r.relationType] = (relationTypes[r.relationType] ?? 0) + 1;
  }

  const data = {};
  const statementTexts = {};
  const argumentTexts = {};
  for (const [t, ec] of Object.entries(statements)) {
    if (ec.data !== undefined && ec.data !== null) data[t] = ec.data;
    statementTexts[t] = IEquivalenceClass.getCanonicalMemberText(ec) ?? null;
  }
  for (const [t, a] of Object.entries(args)) {
    if (a.data !== undefined && a.data !== null) {
      // A statement and an argument may share a title; keep both apart.
      data[t in data ? `<${t}>` : t] = a.data;
    }
    argumentTexts[t] = IArgument.getCanonicalMemberText(a) ?? null;
  }

  const relationList = relations
    .map((r) => [kind(r.from), title(r.from), r.relationType, kind(r.to), title(r.to)])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  const out = {
    parserErrors,
    statements: Object.keys(statements).length,
    arguments: Object.keys(args).length,
    relations: relations.length,
    statementTitles: Object.keys(statements).sort(),
    argumentTitles: Object.keys(args).sort(),
    relationTypes,
    data,
    statementTexts,
    argumentTexts,
    relationList
  };
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  if (parserErrors.length > 0) process.exitCode = 3;
}

try {
  main();
} catch (e) {
  process.stderr.write(`parse.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
