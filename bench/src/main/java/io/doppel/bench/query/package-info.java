/** Query latency on big graphs: indexed lookups, counts, MATCH expansions, beside plain scans and under writes. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.query;
