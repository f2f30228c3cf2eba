import { CstParser, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { parserMessages } from "./messages.js";

/**
 * The dflow grammar as a chevrotain `CstParser`: rules only, no actions. Every rule carries
 * its production from `grammar/dflow.ebnf` (same name) in a comment. The CST is turned into
 * the AST by `toAst.ts`, the only file that knows CST shapes.
 */
export class DflowParser extends CstParser {
  /** `validate` runs chevrotain's grammar validations (ambiguities, left recursion): tests and generators turn it on; the CLI skips it to start faster. */
  constructor(opts: { validate?: boolean } = {}) {
    super(T.allTokens as TokenType[], {
      recoveryEnabled: true,
      maxLookahead: 2,
      nodeLocationTracking: "full",
      errorMessageProvider: parserMessages,
      skipValidations: opts.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /** A unit may follow a number only on the same line (so a new statement is never read as a unit). */
  #sameLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType === T.Identifier && prev.endLine === next.startLine;
  }

  // program = [ pipelineDecl ] { declaration } ;
  program = this.RULE("program", () => {
    this.OPTION(() => this.SUBRULE(this.pipelineDecl));
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  // pipelineDecl = "pipeline" Identifier [ StringLiteral ] ;
  pipelineDecl = this.RULE("pipelineDecl", () => {
    this.CONSUME(T.Pipeline);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  // declaration = pipelineDecl | importDecl | paramDecl | profileDecl | gridDecl | relationDecl | productDecl | stageDecl ;
  declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.pipelineDecl) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.profileDecl) },
      { ALT: () => this.SUBRULE(this.gridDecl) },
      { ALT: () => this.SUBRULE(this.relationDecl) },
      { ALT: () => this.SUBRULE(this.productDecl) },
      { ALT: () => this.SUBRULE(this.stageDecl) },
    ]);
  });

  // importDecl = "import" ( qualifiedName | StringLiteral ) [ "as" Identifier ] ;
  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.OR([{ ALT: () => this.SUBRULE(this.qualifiedName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME2(T.Identifier);
    });
  });

  // paramDecl = "param" Identifier [ ":" typeRef ] [ "=" expression ] ;
  paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression);
    });
  });

  // typeRef = qualifiedName [ "[" typeRef { "," typeRef } "]" ] ;
  typeRef = this.RULE("typeRef", () => {
    this.SUBRULE(this.qualifiedName);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.typeRef) });
      this.CONSUME(T.RBracket);
    });
  });

  // profileDecl = "profile" Identifier [ "default" ] "{" { profileEntry [ "," ] } "}" ;
  profileDecl = this.RULE("profileDecl", () => {
    this.CONSUME(T.Profile);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.Default));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.profileEntry);
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  // profileEntry = Identifier "=" expression ;
  profileEntry = this.RULE("profileEntry", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  // gridDecl = "grid" Identifier [ ":" typeRef ] "=" gridDomain { gridOption } ;
  gridDecl = this.RULE("gridDecl", () => {
    this.CONSUME(T.Grid);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.gridDomain);
    this.MANY(() => this.SUBRULE(this.gridOption));
  });

  // gridDomain = kernelCall | expression [ "key" ] [ attributeBlock ] ;
  gridDomain = this.RULE("gridDomain", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.kernelCall) },
      {
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OPTION(() => this.CONSUME(T.Key));
          this.OPTION2(() => this.SUBRULE(this.attributeBlock));
        },
      },
    ]);
  });

  // gridOption = "nested" | "ring" | "within" ( kernelCall | expression ) ;
  gridOption = this.RULE("gridOption", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Nested) },
      { ALT: () => this.CONSUME(T.Ring) },
      {
        ALT: () => {
          this.CONSUME(T.Within);
          this.OR2([{ ALT: () => this.SUBRULE(this.kernelCall) }, { ALT: () => this.SUBRULE(this.expression) }]);
        },
      },
    ]);
  });

  // attributeBlock = "{" { attributeEntry [ "," ] } "}" ;
  attributeBlock = this.RULE("attributeBlock", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.attributeEntry);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  // attributeEntry = Identifier [ ":" typeRef ] "=" Identifier ;
  attributeEntry = this.RULE("attributeEntry", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.CONSUME(T.Equals);
    this.CONSUME2(T.Identifier);
  });

  // kernelCall = "kernel" qualifiedName "(" [ argument { "," argument } ] ")" ;
  kernelCall = this.RULE("kernelCall", () => {
    this.CONSUME(T.Kernel);
    this.SUBRULE(this.qualifiedName);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  // argument = [ Identifier "=" ] expression ;
  argument = this.RULE("argument", () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier);
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.expression);
  });

  // relationDecl = "relation" Identifier "(" varBinding { "," varBinding } ")" "->" "(" varBinding { "," varBinding } ")" "=" relationSource [ "fanout" expression ] ;
  relationDecl = this.RULE("relationDecl", () => {
    this.CONSUME(T.Relation);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.varBinding) });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Arrow);
    this.CONSUME2(T.LParen);
    this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.varBinding) });
    this.CONSUME2(T.RParen);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.relationSource);
    this.OPTION(() => {
      this.CONSUME(T.Fanout);
      this.SUBRULE(this.expression);
    });
  });

  // relationSource = kernelCall | Identifier attributeBlock ;
  relationSource = this.RULE("relationSource", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.kernelCall) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.SUBRULE(this.attributeBlock);
        },
      },
    ]);
  });

  // varBinding = Identifier [ ":" Identifier ] ;
  varBinding = this.RULE("varBinding", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME2(T.Identifier);
    });
  });

  // productDecl = "product" Identifier [ "[" Identifier { "," Identifier } "]" ] ":" typeRef [ "at" StringLiteral ] ;
  productDecl = this.RULE("productDecl", () => {
    this.CONSUME(T.Product);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) });
      this.CONSUME(T.RBracket);
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION2(() => {
      this.CONSUME(T.At);
      this.CONSUME(T.StringLiteral);
    });
  });

  // stageDecl = "stage" Identifier [ "[" varBinding { "," varBinding } "]" ] [ "where" expression ] "{" { stageItem } "}" ;
  stageDecl = this.RULE("stageDecl", () => {
    this.CONSUME(T.Stage);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.varBinding) });
      this.CONSUME(T.RBracket);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expression);
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.stageItem));
    this.CONSUME(T.RBrace);
  });

  // stageItem = labelItem | inputItem | outputItem | kernelItem | runItem | versionItem | stageParamItem | packItem | statusItem | resourceItem ;
  stageItem = this.RULE("stageItem", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.labelItem) },
        { ALT: () => this.SUBRULE(this.inputItem) },
        { ALT: () => this.SUBRULE(this.outputItem) },
        { ALT: () => this.SUBRULE(this.kernelItem) },
        { ALT: () => this.SUBRULE(this.runItem) },
        { ALT: () => this.SUBRULE(this.versionItem) },
        { ALT: () => this.SUBRULE(this.stageParamItem) },
        { ALT: () => this.SUBRULE(this.packItem) },
        { ALT: () => this.SUBRULE(this.statusItem) },
        { ALT: () => this.SUBRULE(this.resourceItem) },
      ],
    });
  });

  // labelItem = "label" StringLiteral ;
  labelItem = this.RULE("labelItem", () => {
    this.CONSUME(T.Label);
    this.CONSUME(T.StringLiteral);
  });

  // inputItem = "in" ioBinding [ gather ] [ "besteffort" ] ;
  inputItem = this.RULE("inputItem", () => {
    this.CONSUME(T.In);
    this.SUBRULE(this.ioBinding);
    this.OPTION(() => this.SUBRULE(this.gather));
    this.OPTION2(() => this.CONSUME(T.Besteffort));
  });

  // outputItem = "out" ioBinding ;
  outputItem = this.RULE("outputItem", () => {
    this.CONSUME(T.Out);
    this.SUBRULE(this.ioBinding);
  });

  // ioBinding = [ Identifier ":" ] productRef ;
  ioBinding = this.RULE("ioBinding", () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier);
      this.CONSUME(T.Colon);
    });
    this.SUBRULE(this.productRef);
  });

  // productRef = Identifier [ "[" expression { "," expression } "]" ] ;
  productRef = this.RULE("productRef", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
      this.CONSUME(T.RBracket);
    });
  });

  // gather = "for" gatherClause { "," gatherClause } [ "where" expression ] ;
  gather = this.RULE("gather", () => {
    this.CONSUME(T.For);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.gatherClause) });
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expression);
    });
  });

  // gatherClause = ( Identifier | "(" Identifier { "," Identifier } ")" ) "in" Identifier [ "(" [ expression { "," expression } ] ")" ] ;
  gatherClause = this.RULE("gatherClause", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) });
          this.CONSUME(T.RParen);
        },
      },
    ]);
    this.CONSUME(T.In);
    this.CONSUME3(T.Identifier);
    this.OPTION(() => {
      this.CONSUME2(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
      this.CONSUME2(T.RParen);
    });
  });

  // kernelItem = "kernel" qualifiedName ;
  kernelItem = this.RULE("kernelItem", () => {
    this.CONSUME(T.Kernel);
    this.SUBRULE(this.qualifiedName);
  });

  // runItem = "run" [ "shell" ] runArgument { runArgument } ;
  runItem = this.RULE("runItem", () => {
    this.CONSUME(T.Run);
    this.OPTION(() => this.CONSUME(T.Shell));
    this.AT_LEAST_ONE(() => this.SUBRULE(this.runArgument));
  });

  // runArgument = StringLiteral | "{" Identifier "}" ;
  runArgument = this.RULE("runArgument", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.CONSUME(T.Identifier);
          this.CONSUME(T.RBrace);
        },
      },
    ]);
  });

  // versionItem = "version" runArgument { runArgument } ;
  versionItem = this.RULE("versionItem", () => {
    this.CONSUME(T.Version);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.runArgument));
  });

  // stageParamItem = "param" Identifier "=" expression ;
  stageParamItem = this.RULE("stageParamItem", () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  // packItem = "pack" expression ;
  packItem = this.RULE("packItem", () => {
    this.CONSUME(T.Pack);
    this.SUBRULE(this.expression);
  });

  // statusItem = "status" Identifier [ StringLiteral ] ;
  statusItem = this.RULE("statusItem", () => {
    this.CONSUME(T.Status);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  // resourceItem = Identifier expression [ "per" expression ] ;
  resourceItem = this.RULE("resourceItem", () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.Per);
      this.SUBRULE2(this.expression);
    });
  });

  // qualifiedName = Identifier { "." Identifier } ;
  qualifiedName = this.RULE("qualifiedName", () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  // expression = operation [ ".." operation ] ;
  expression = this.RULE("expression", () => {
    this.SUBRULE(this.operation);
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.SUBRULE2(this.operation);
    });
  });

  // operation = prefixed { binaryOperator prefixed } ;
  operation = this.RULE("operation", () => {
    this.SUBRULE(this.prefixed);
    this.MANY(() => {
      this.SUBRULE(this.binaryOperator);
      this.SUBRULE2(this.prefixed);
    });
  });

  // prefixed = { "not" | "-" } postfix ;
  prefixed = this.RULE("prefixed", () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Not) }, { ALT: () => this.CONSUME(T.Minus) }]);
    });
    this.SUBRULE(this.postfix);
  });

  // binaryOperator = "or" | "and" | "==" | "!=" | "<=" | ">=" | "<" | ">" | "+" | "-" | "*" | "/" | "%" | "**" ;
  binaryOperator = this.RULE("binaryOperator", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Or) },
      { ALT: () => this.CONSUME(T.And) },
      { ALT: () => this.CONSUME(T.EqEq) },
      { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.LtEq) },
      { ALT: () => this.CONSUME(T.GtEq) },
      { ALT: () => this.CONSUME(T.Lt) },
      { ALT: () => this.CONSUME(T.Gt) },
      { ALT: () => this.CONSUME(T.Plus) },
      { ALT: () => this.CONSUME(T.Minus) },
      { ALT: () => this.CONSUME(T.Star) },
      { ALT: () => this.CONSUME(T.Slash) },
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.StarStar) },
    ]);
  });

  // postfix = primary { "." Identifier | "(" [ expression { "," expression } ] ")" } ;
  postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.Identifier);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
            this.CONSUME(T.RParen);
          },
        },
      ]);
    });
  });

  // primary = NumberLiteral [ unit ] | StringLiteral | "true" | "false" | Identifier | "(" expression ")" | setLiteral ;
  primary = this.RULE("primary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION({ GATE: () => this.#sameLine(), DEF: () => this.SUBRULE(this.unit) });
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.setLiteral) },
    ]);
  });

  // setLiteral = "{" [ expression { "," expression } [ "," ] ] "}" ;
  setLiteral = this.RULE("setLiteral", () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RBrace,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expression);
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  // unit = unitFactor { ( "/" | "*" ) unitFactor } ;
  unit = this.RULE("unit", () => {
    this.SUBRULE(this.unitFactor);
    this.MANY({
      GATE: () => {
        const t = this.LA(2).tokenType;
        return t === T.Identifier || t === T.LParen;
      },
      DEF: () => {
        this.OR([{ ALT: () => this.CONSUME(T.Slash) }, { ALT: () => this.CONSUME(T.Star) }]);
        this.SUBRULE2(this.unitFactor);
      },
    });
  });

  // unitFactor = Identifier | "(" unitFactor { [ "/" | "*" ] unitFactor } ")" ;
  unitFactor = this.RULE("unitFactor", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.unitFactor);
          this.MANY(() => {
            this.OPTION(() => {
              this.OR2([{ ALT: () => this.CONSUME(T.Slash) }, { ALT: () => this.CONSUME(T.Star) }]);
            });
            this.SUBRULE2(this.unitFactor);
          });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });
}

/** The token just consumed is available through `LA(0)` in chevrotain; typed helper for gates. */
export type Token = IToken;
