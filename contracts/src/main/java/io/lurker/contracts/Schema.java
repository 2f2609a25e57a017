package io.lurker.contracts;

/**
 * The version written in every payload's {@code schema} field. Consumers accept every
 * version up to {@link #CURRENT}; a change that old consumers cannot read raises it.
 * Adding an optional field does not: readers ignore unknown fields.
 */
public final class Schema {

    public static final int CURRENT = 1;

    private Schema() {
    }
}
