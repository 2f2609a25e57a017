package io.lurker.emulator.world;

import io.lurker.emulator.config.EmulatorConfig;
import java.time.Instant;

/** Builds the configured world: generated from seed and size, or loaded from a fixture. */
public final class WorldFactory {

    private final EmulatorConfig config;
    private final WorldSpec fixedSpec;

    public WorldFactory(EmulatorConfig config) {
        this.config = config;
        this.fixedSpec = null;
    }

    /** A factory of one generated world (for code that runs without configuration, such as unit tests and benchmarks). */
    public WorldFactory(WorldSpec spec) {
        this.config = null;
        this.fixedSpec = spec;
    }

    /**
     * @param seed    a seed replacing the configured one (generated world), or null
     * @param size    a size preset replacing the configured one, or null
     * @param fixture a fixture location replacing the configured one, "" for none, or null
     */
    public WorldData build(Long seed, String size, String fixture, Instant now) {
        if (config == null) {
            if (fixture != null && !fixture.isBlank()) {
                return FixtureLoader.load(fixture);
            }
            WorldSpec base = seed == null && size == null ? fixedSpec
                    : WorldSpec.preset(seed != null ? seed : fixedSpec.seed(), size != null ? size : fixedSpec.size());
            return WorldGenerator.generate(base, now);
        }
        String location = fixture != null ? fixture
                : (seed == null && size == null ? config.fixture().orElse("") : "");
        if (!location.isBlank()) {
            return FixtureLoader.load(location);
        }
        EmulatorConfig.WorldOverrides o = config.world();
        WorldSpec spec = WorldSpec.preset(seed != null ? seed : config.seed(), size != null ? size : config.size())
                .with(o.channels().isPresent() ? o.channels().getAsInt() : null,
                        o.games().isPresent() ? o.games().getAsInt() : null,
                        o.teams().isPresent() ? o.teams().getAsInt() : null,
                        o.clipsPerChannel().isPresent() ? o.clipsPerChannel().getAsInt() : null,
                        o.videosPerChannel().isPresent() ? o.videosPerChannel().getAsInt() : null,
                        o.historyDays().isPresent() ? o.historyDays().getAsInt() : null);
        return WorldGenerator.generate(spec, now);
    }
}
