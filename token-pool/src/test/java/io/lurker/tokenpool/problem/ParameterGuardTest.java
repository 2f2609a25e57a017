package io.lurker.tokenpool.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterGuardTest {

    @Test
    void refusesNulAndUnpairedSurrogatesOnly() {
        assertThat(ParameterGuard.unrepresentable("a\u0000b")).contains("NUL");
        assertThat(ParameterGuard.unrepresentable("\uD800")).contains("surrogate");
        assertThat(ParameterGuard.unrepresentable("x\uDC00")).contains("surrogate");
        assertThat(ParameterGuard.unrepresentable("emoji 😀 ok")).isNull();
        assertThat(ParameterGuard.unrepresentable("\u202Eright-to-left, é, \uFFFD")).isNull();
        assertThat(ParameterGuard.unrepresentable("' OR 1=1 --")).isNull();
        assertThat(ParameterGuard.unrepresentable(null)).isNull();
    }
}
