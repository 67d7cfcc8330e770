/** JSON Patch (RFC 6902) and JSON Pointer (RFC 6901) over Jackson trees, with errors naming the operation. */
@org.jspecify.annotations.NullMarked
package io.doppel.twin.patch;
