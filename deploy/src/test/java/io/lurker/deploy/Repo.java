package io.lurker.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, and small helpers the deploy tests share. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("lurker.repo");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lurker")) && Files.isDirectory(p.resolve("deploy/gateway"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
