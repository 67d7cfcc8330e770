/** Query text to syntax tree: a hand-written lexer and recursive-descent parser with positioned errors. */
@org.jspecify.annotations.NullMarked
package io.doppel.query.syntax;
