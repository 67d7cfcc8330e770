/**
 * Fuzzing support shared by every module's tests: a seeded {@link io.doppel.fuzz.Mutator} (bit and byte flips,
 * range insert/delete/duplicate/repeat, splices, dictionary tokens), the {@link io.doppel.fuzz.Fuzzer} that runs a
 * target over generated or mutated inputs with a per-input watchdog, and a {@link io.doppel.fuzz.Minimiser} that
 * cuts a failing input down before it is reported. Depends on no Doppel module, so the model module can use it as
 * well as the server; it is only ever a test dependency.
 */
@NullMarked
package io.doppel.fuzz;

import org.jspecify.annotations.NullMarked;
