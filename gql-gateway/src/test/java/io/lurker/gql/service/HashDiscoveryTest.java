package io.lurker.gql.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Finding hashes in script bundles and scripts in pages: outside input, so also tried on generated bundles. */
class HashDiscoveryTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void findsTheHashAfterEachOperationNameInTheShapesBundlesUse() {
        String bundle = "x={kind:\"Document\",operationName:\"StreamMetadata\",extensions:{persistedQuery:{version:1,\"sha256Hash\":\""
                + A + "\"}}};y=[{\"operationName\":\"VideoMetadata\",\"extensions\":{\"persistedQuery\":{\"sha256Hash\": \"" + B + "\"}}}]";
        assertThat(HashDiscovery.found(bundle, Set.of("StreamMetadata", "VideoMetadata", "ClipsCards__User")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("StreamMetadata", A, "VideoMetadata", B));
    }

    @Test
    void aNameWithoutItsOwnHashNearbyFindsNothingAndALaterMentionCanStillMatch() {
        String far = "\"StreamMetadata\"" + " ".repeat(500) + "\"sha256Hash\":\"" + A + "\"";
        assertThat(HashDiscovery.found(far, Set.of("StreamMetadata"))).isEmpty();
        String twice = "call(\"StreamMetadata\")" + " ".repeat(500) + "{\"StreamMetadata\",\"sha256Hash\":\"" + B + "\"}";
        assertThat(HashDiscovery.found(twice, Set.of("StreamMetadata"))).containsEntry("StreamMetadata", B);
        // a longer name containing the wanted one is not the wanted one
        assertThat(HashDiscovery.found("\"StreamMetadataV2\",\"sha256Hash\":\"" + A + "\"", Set.of("StreamMetadata"))).isEmpty();
    }

    @Test
    void scriptsAreResolvedAgainstThePage() {
        String html = "<html><head><script>inline()</script><script src=\"/web/assets/main-1.js\" defer></script>"
                + "<SCRIPT type=\"module\" src=\"https://static.example/app.js\"></SCRIPT><script src=\"rel.js\"></script>";
        assertThat(HashDiscovery.scripts("http://127.0.0.1:8090/web/somebody", html)).containsExactly(
                "http://127.0.0.1:8090/web/assets/main-1.js", "https://static.example/app.js", "http://127.0.0.1:8090/web/rel.js");
    }

    @Property(tries = 200)
    void everyEmbeddedOperationIsFoundWithItsOwnHash(@ForAll("bundles") Map<String, String> hashes, @ForAll("noise") String noise) {
        StringBuilder bundle = new StringBuilder(noise);
        hashes.forEach((op, hash) -> bundle.append("{operationName:\"").append(op).append("\",extensions:{persistedQuery:{version:1,")
                .append("\"sha256Hash\":\"").append(hash).append("\"}}},").append(noise));
        assertThat(HashDiscovery.found(bundle.toString(), hashes.keySet())).isEqualTo(hashes);
    }

    @Provide
    Arbitrary<Map<String, String>> bundles() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(3).ofMaxLength(20)
                .map(s -> "Op" + s);
        Arbitrary<String> hashes = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        return Arbitraries.maps(names, hashes).ofMinSize(1).ofMaxSize(8).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("abcdefXYZ{}[]:;,.()= \n").ofMaxLength(120);
    }

    static List<String> unused() {
        return List.of();
    }
}
