package io.lurker.emulator.world;

/**
 * A game or category. {@code weight} is its share of channels and viewers in a generated
 * world; {@code index} is its position in {@link WorldData#games()}.
 */
public record Game(int index, String id, String name, String igdbId, double weight) {

    public String boxArtUrl() {
        return "https://static-cdn.jtvnw.net/ttv-boxart/" + id + "-{width}x{height}.jpg";
    }
}
