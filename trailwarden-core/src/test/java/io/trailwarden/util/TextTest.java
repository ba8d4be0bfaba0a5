package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069));
    }

    @Test
    void ansiEscapeSequencesBecomeVisibleText() {
        String ua = "aws-cli/1.22.34 \u001b[31mRED\u001b[0m \u001b]0;title\u0007 Linux/5.15.0-kali3-amd64";
        String e = Text.escapeControl(ua);
        assertThat(hasControl(e)).isFalse();
        assertThat(e).isEqualTo("aws-cli/1.22.34 \\u001b[31mRED\\u001b[0m \\u001b]0;title\\u0007 Linux/5.15.0-kali3-amd64");
    }

    @Test
    void c1ControlsDelAndBidiOverridesAreEscapedToo() {
        String e = Text.escapeControl("a\u009b2Jb\u007fc\u202egnp.exe\u2066d\u0085");
        assertThat(hasControl(e)).isFalse();
        assertThat(e).isEqualTo("a\\u009b2Jb\\u007fc\\u202egnp.exe\\u2066d\\u0085");
    }

    @Test
    void newlinesAndTabsAreShownAsTheirEscapes() {
        assertThat(Text.escapeControl("line1\nline2\r\tx")).isEqualTo("line1\\nline2\\r\\tx");
    }

    @Test
    void safeTextIsReturnedUnchangedIncludingNonAscii() {
        String s = "Zürich – 東京 ☕ arn:aws:iam::1:user/x";
        assertThat(Text.escapeControl(s)).isSameAs(s);
    }

    @Test
    void nullIsShownAsEmptyText() {
        assertThat(Text.escapeControl(null)).isEmpty();
    }

    @Test
    void cellsAreEscapedThenShortened() {
        assertThat(Text.cell(null, 5)).isEqualTo("-");
        assertThat(Text.cell("abcdefgh", 5)).isEqualTo("abcd…");
        assertThat(Text.cell("ab", 5)).isEqualTo("ab");
        assertThat(hasControl(Text.cell("\u001b[2J\u001b[2J\u001b[2J", 8))).isFalse();
    }
}
