package io.lurker.bench.drills;

/**
 * A set of message ids kept as 64-bit hashes (FNV-1a) in an open-addressing table: a million ids
 * cost 16 MiB instead of ~100 MiB of strings. A false collision of two ids of one drill has a
 * probability of about n² / 2⁶⁵ (≈ 3·10⁻⁸ for a million ids).
 */
final class IdSet {

    private long[] table = new long[1 << 12];
    private int size;

    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    /** @return true when the id was new */
    synchronized boolean add(String id) {
        return addHash(hash(id));
    }

    synchronized boolean contains(String id) {
        long v = hash(id);
        int mask = table.length - 1;
        int i = slot(v, mask);
        while (table[i] != 0) {
            if (table[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        table = new long[1 << 12];
        size = 0;
    }

    private boolean addHash(long v) {
        if (size * 2 >= table.length) {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long o : old) {
                if (o != 0) {
                    insert(o);
                }
            }
        }
        return insert(v);
    }

    private boolean insert(long v) {
        int mask = table.length - 1;
        int i = slot(v, mask);
        while (table[i] != 0) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        size++;
        return true;
    }

    private static int slot(long v, int mask) {
        long x = v * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32)) & mask;
    }
}
