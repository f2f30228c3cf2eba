import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * The tokens of the language. Order matters: keywords come before `Identifier` (with
 * `longer_alt` so `stagename` is one identifier), longer punctuation before shorter.
 *
 * Hard keywords are reserved. Soft keywords (`as`, `key`, `at`, `pack`, …) belong to the
 * `Identifier` category, so they remain usable as names wherever a name is expected.
 */
const IDENT = /[\p{L}_][\p{L}\p{M}\p{N}_]*/uy;

/** Identifiers: letters of any script, digits and `_`; a custom matcher keeps the `u` flag. */
export const Identifier = createToken({
  name: "Identifier",
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      IDENT.lastIndex = offset;
      return IDENT.exec(text);
    },
  },
  line_breaks: false,
});

function hard(word: string): TokenType {
  return createToken({ name: cap(word), pattern: new RegExp(word), longer_alt: Identifier, label: `\`${word}\`` });
}
function soft(word: string): TokenType {
  return createToken({
    name: cap(word),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Identifier],
    label: `\`${word}\``,
  });
}
function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
function punct(name: string, pattern: RegExp, text: string): TokenType {
  return createToken({ name, pattern, label: `\`${text}\`` });
}

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });

export const Pipeline = hard("pipeline");
export const Import = hard("import");
export const Param = hard("param");
export const Profile = hard("profile");
export const Grid = hard("grid");
export const Relation = hard("relation");
export const Product = hard("product");
export const Stage = hard("stage");
export const Where = hard("where");
export const In = hard("in");
export const Out = hard("out");
export const For = hard("for");
export const Kernel = hard("kernel");
export const And = hard("and");
export const Or = hard("or");
export const Not = hard("not");
export const True = hard("true");
export const False = hard("false");
export const Besteffort = hard("besteffort");

export const As = soft("as");
export const Default = soft("default");
export const Key = soft("key");
export const Nested = soft("nested");
export const Ring = soft("ring");
export const Within = soft("within");
export const Fanout = soft("fanout");
export const At = soft("at");
export const Pack = soft("pack");
export const Status = soft("status");
export const Label = soft("label");
export const Per = soft("per");
export const Run = soft("run");
export const Shell = soft("shell");
export const Version = soft("version");

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
  label: "a number",
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  label: "a string",
});
/** A string whose line ends before its closing quote; reported as DF1002 and parsed as a string. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  label: "a string",
});

export const Arrow = punct("Arrow", /->/, "->");
export const DotDot = punct("DotDot", /\.\./, "..");
export const Dot = punct("Dot", /\./, ".");
export const EqEq = punct("EqEq", /==/, "==");
export const NotEq = punct("NotEq", /!=/, "!=");
export const LtEq = punct("LtEq", /<=/, "<=");
export const GtEq = punct("GtEq", />=/, ">=");
export const Lt = punct("Lt", /</, "<");
export const Gt = punct("Gt", />/, ">");
export const Equals = punct("Equals", /=/, "=");
export const StarStar = punct("StarStar", /\*\*/, "**");
export const Star = punct("Star", /\*/, "*");
export const Slash = punct("Slash", /\//, "/");
export const Percent = punct("Percent", /%/, "%");
export const Plus = punct("Plus", /\+/, "+");
export const Minus = punct("Minus", /-/, "-");
export const LParen = punct("LParen", /\(/, "(");
export const RParen = punct("RParen", /\)/, ")");
export const LBracket = punct("LBracket", /\[/, "[");
export const RBracket = punct("RBracket", /]/, "]");
export const LBrace = punct("LBrace", /\{/, "{");
export const RBrace = punct("RBrace", /}/, "}");
export const Comma = punct("Comma", /,/, ",");
export const Colon = punct("Colon", /:/, ":");

/** Hard keywords, reserved everywhere. */
export const hardKeywords: readonly TokenType[] = [
  Pipeline,
  Import,
  Param,
  Profile,
  Grid,
  Relation,
  Product,
  Stage,
  Where,
  In,
  Out,
  For,
  Kernel,
  And,
  Or,
  Not,
  True,
  False,
  Besteffort,
];
/** Soft keywords: keywords in their place, names elsewhere. */
export const softKeywords: readonly TokenType[] = [As, Default, Key, Nested, Ring, Within, Fanout, At, Pack, Status, Label, Per, Run, Shell, Version];

/** Every token type, in lexing order. */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  ...hardKeywords,
  ...softKeywords,
  Identifier,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  Arrow,
  DotDot,
  Dot,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Equals,
  StarStar,
  Star,
  Slash,
  Percent,
  Plus,
  Minus,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
];

/** The keyword words, for the editor grammar and for tests. */
export const keywordWords: readonly string[] = [...hardKeywords, ...softKeywords].map((t) => (t.PATTERN as RegExp).source); // hard() and soft() make each pattern `new RegExp(word)`
