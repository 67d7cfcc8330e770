package io.doppel.query.syntax;

/** Token kinds. Keywords are identifiers, recognised case-insensitively where the grammar expects one. */
enum TokenKind {
  IDENT("a name"), STRING("a string"), NUMBER("a number"),
  LPAREN("'('"), RPAREN("')'"), LBRACKET("'['"), RBRACKET("']'"), COMMA("','"), DOT("'.'"), DOTDOT("'..'"),
  STAR("'*'"), COLON("':'"), PIPE("'|'"), MINUS("'-'"), EQ("'='"), NEQ("'!='"), LT("'<'"), LE("'<='"), GT("'>'"),
  GE("'>='"), EOF("the end of the query");

  final String description;

  TokenKind(String description) {
    this.description = description;
  }
}
