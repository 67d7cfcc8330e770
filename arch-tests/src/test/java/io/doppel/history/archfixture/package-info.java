/** Deliberately rule-breaking classes that prove the architecture rules can fail; never part of a module. */
@NullMarked
package io.doppel.history.archfixture;

import org.jspecify.annotations.NullMarked;
