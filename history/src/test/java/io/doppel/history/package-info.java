@org.jspecify.annotations.NullMarked
package io.doppel.history;
