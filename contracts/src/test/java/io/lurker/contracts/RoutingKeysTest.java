package io.lurker.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutingKeysTest {

    @Test
    void channelKeysUseTheLowerCaseLogin() {
        assertThat(RoutingKeys.chatMessage("Ronni")).isEqualTo("chat.message.ronni");
        assertThat(RoutingKeys.chatEvent("some_user42")).isEqualTo("chat.event.some_user42");
        assertThat(RoutingKeys.chatReplay("2187")).isEqualTo("chat.replay.2187");
    }

    @Test
    void segmentsCannotSplitTheKeyOrActAsWildcards() {
        assertThat(RoutingKeys.chatMessage("a.b*c#d e")).isEqualTo("chat.message.a_b_c_d_e");
        assertThatThrownBy(() -> RoutingKeys.chatMessage(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
