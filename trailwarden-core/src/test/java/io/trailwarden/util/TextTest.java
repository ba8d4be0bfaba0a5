package io.trailwarden.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void escapesTerminalControlAndBidiCharacters() {
        assertThat(Text.escapeControl("aws-cli/2.0 Linux/6.1")).isEqualTo("aws-cli/2.0 Linux/6.1");
        assertThat(Text.escapeControl("a\u001b[31mred\u0007")).isEqualTo("a\\u001b[31mred\\u0007");
        assertThat(Text.escapeControl("x\ny\rz\t")).isEqualTo("x\\ny\\rz\\t");
        assertThat(Text.escapeControl("\u202eevil")).isEqualTo("\\u202eevil");
        assertThat(Text.escapeControl("\u0085\u009b")).isEqualTo("\\u0085\\u009b");
        assertThat(Text.escapeControl("café ☕")).isEqualTo("café ☕");
        assertThat(Text.escapeControl(null)).isEmpty();
    }
}
