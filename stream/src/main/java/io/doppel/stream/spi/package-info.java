/** Where rule definitions are kept durably; storage modules implement {@link io.doppel.stream.spi.RuleStore}. */
@org.jspecify.annotations.NullMarked
package io.doppel.stream.spi;
