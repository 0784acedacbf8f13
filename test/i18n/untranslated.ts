// Finds UI text written into the source instead of the message catalogs (messages/): JSX text, the
// attributes people read or hear (aria-label, title, placeholder, alt...), and string literals that read as
// prose ("Chat cleared", "Mute"), parsed with TypeScript's own parser. Literals that are not shown are
// skipped: keys compared with ===, object keys, types, imports, class names, and the arguments of t().
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose value is read by people or screen readers. */
const SPOKEN_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-placeholder",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
]);

/** Attributes whose values are never shown. */
const SILENT_ATTRIBUTES = new Set([
  "className",
  "style",
  "id",
  "href",
  "src",
  "type",
  "role",
  "name",
  "autoComplete",
  "inputMode",
  "key",
  "lang",
  "dir",
  "accept",
  "pattern",
  "rel",
  "target",
  "preserveAspectRatio",
  "viewBox",
  "d",
  "fill",
  "stroke",
]);

const LETTER = /\p{L}/u;
/** The product's name, the same in every language. */
const PRODUCT_NAME = "Chatterbox";
/** An identifier or value such as "statusOnly" or "image/png", not words. */
const IDENTIFIER = /^[a-z][\w/.+-]*$/;
/** A developer's message naming code first ("useChatActions outside a chat"), never shown to users. */
const FOR_DEVELOPERS = /^[a-z]+[A-Z]\w*\b/;
/** Reads as words for people: a capitalised word, two lowercase words, or a word ending a sentence. */
const PROSE = /\p{Lu}\p{Ll}|\p{Ll}{2,} \p{Ll}{2,}|\p{L}(?:\.\.\.|[.!?…])$/u;
/** A class list: most tokens carry CSS syntax (flex items-center, dark:bg-x, w-[3px], size-7!). */
function isClassList(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  return (
    tokens.filter((token) => /[-:[(!/#]/.test(token)).length * 2 >= tokens.length && !tokens.some((token) => /^\p{Lu}\p{Ll}+$/u.test(token))
  );
}

function isTranslatorCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  // t("key"), t.rich("key"), useTranslations("namespace"), a value looked for (types.includes("Files")),
  // and console output (for developers).
  return (
    /^(t|tx|useTranslations|rich|markup|has|raw|includes|startsWith|endsWith|indexOf)$/.test(name) ||
    (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "console")
  );
}

/** Whether a literal is used as data rather than shown: compared, a key, a type, an import, a class name. */
function isSilent(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) return true;
    // "use client" and other directives.
    if (ts.isExpressionStatement(parent) && parent.expression === child && ts.isStringLiteral(child)) return true;
    if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
    if (ts.isCaseClause(parent) && parent.expression === child) return true;
    if (
      ts.isBinaryExpression(parent) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(
        parent.operatorToken.kind,
      )
    )
      return true;
    if (isTranslatorCall(parent)) return true;
    if (ts.isJsxAttribute(parent)) {
      // Another component's own prop is text when it reads as words; one capitalised word there is a
      // value of a type (status="Pending"), as labels come through the spoken attributes above.
      const name = parent.name.getText();
      const text = literalText(node);
      return (
        SILENT_ATTRIBUTES.has(name) ||
        name.startsWith("data-") ||
        (!SPOKEN_ATTRIBUTES.has(name) && (!PROSE.test(text) || /^\p{Lu}\p{Ll}+$/u.test(text)))
      );
    }
    // Stop at the statement: a literal inside a function's body is judged by its own expression.
    if (ts.isStatement(parent) || ts.isJsxElement(parent) || ts.isJsxSelfClosingElement(parent)) return false;
  }
  return false;
}

function literalText(node: ts.Node): string {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) ? node.text : "";
}

/** The untranslated text in one file's source (`file` names it in the findings and says whether it is TSX). */
export function findingsInSource(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      text: text.trim(),
    });

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text) && node.text.trim() !== PRODUCT_NAME) report(node, node.text);
    } else if (
      ts.isJsxAttribute(node) &&
      SPOKEN_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      if (LETTER.test(node.initializer.text)) report(node, node.initializer.text);
      return;
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const text = literalText(node);
      if (
        text !== PRODUCT_NAME &&
        PROSE.test(text) &&
        !IDENTIFIER.test(text) &&
        !FOR_DEVELOPERS.test(text) &&
        !isClassList(text) &&
        !isSilent(ts.isTemplateLiteralToken(node) && !ts.isNoSubstitutionTemplateLiteral(node) ? (node.parent.parent ?? node) : node)
      )
        report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "api" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.(test|d)\.ts$/.test(name) && name !== "route.ts" ? [file] : [];
  });
}

/** Every untranslated text in the UI's source: components/ and the pages in app/. */
export function untranslatedText(root: string): Finding[] {
  return ["components", "app"]
    .flatMap((dir) => sourceFiles(path.join(root, dir)))
    .flatMap((file) => findingsInSource(path.relative(root, file), readFileSync(file, "utf8")));
}

// `npx tsx test/i18n/untranslated.ts [dir]` lists them.
if (process.argv[1] === import.meta.filename) {
  const filter = process.argv[2] ?? "";
  const findings = untranslatedText(path.resolve(import.meta.dirname, "../..")).filter((f) => f.file.startsWith(filter));
  for (const f of findings) console.log(`${f.file}:${f.line}  ${JSON.stringify(f.text)}`);
  console.log(`${findings.length} untranslated`);
}
