package io.lurker.emulator.world;

/** A game with how many channels stream it and how many people watch them at an instant. */
public record GameStats(Game game, int liveStreams, long viewers) {
}
