package io.lurker.emulator.world;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic randomness. Every random choice of the world is drawn from a generator
 * derived from the world seed, a domain name and the keys of the entity it is about, so
 * the same (seed, domain, keys) always gives the same numbers, whatever else was generated
 * before. Other parts of the emulator (IRC chat, GraphQL replay, third-party emotes) derive
 * their own generators the same way with their own domain names.
 */
public final class Seeds {

    private Seeds() {
    }

    public static SplittableRandom random(long seed, String domain, long... keys) {
        return new SplittableRandom(mix(seed, domain, keys));
    }

    public static SplittableRandom random(long seed, String domain, String key) {
        return new SplittableRandom(mix(seed, domain, hash(key)));
    }

    /** A 64-bit value mixed from the seed, the domain and the keys (SplitMix64 finaliser). */
    public static long mix(long seed, String domain, long... keys) {
        long h = splitmix(seed ^ 0x9E3779B97F4A7C15L);
        h = splitmix(h ^ hash(domain));
        for (long key : keys) {
            h = splitmix(h ^ key);
        }
        return h;
    }

    /** A uniform double in [0, 1) mixed from the given inputs, without allocating a generator. */
    public static double unit(long seed, String domain, long... keys) {
        return (mix(seed, domain, keys) >>> 11) * 0x1.0p-53;
    }

    public static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Pareto-distributed value with minimum {@code xm} and shape {@code alpha}: the heavy tail of viewers and views. */
    public static double pareto(SplittableRandom random, double xm, double alpha) {
        double u = 1.0 - random.nextDouble();
        return xm / Math.pow(u, 1.0 / alpha);
    }

    public static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * gaussian(random));
    }

    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    public static <T> T pick(SplittableRandom random, java.util.List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
