/** ArchUnit rules that hold Doppel's one-way module dependencies and code habits across every module's jar. */
@NullMarked
package io.doppel.arch;

import org.jspecify.annotations.NullMarked;
