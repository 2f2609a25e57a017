package io.lurker.contracts.catalog;

/**
 * A game in the top-games ranking at one poll, with viewers and streams summed over all of
 * its live streams.
 */
public record CategorySnapshot(int rank, String gameId, String gameName, String boxArtUrl, String igdbId,
        long viewers, int streams) {
}
