package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventOrderTest {

    private static CloudTrailEvent ev(String id) {
        return CloudTrailEvent.builder().eventId(id).time(1_700_000_000_000L).build();
    }

    private static void assertSameOrderAsTheStrings(String x, String y) {
        int expected = Integer.signum(EventOrder.compareIds(x, y));
        assertThat(Integer.signum(EventOrder.compare(ev(x), ev(y))))
                .as("%s vs %s", x == null ? null : x.chars().boxed().toList(), y == null ? null : y.chars().boxed().toList())
                .isEqualTo(expected);
    }

    @Test
    void equalTimesAreOrderedByEventIdExactlyAsStringCompareToOrdersThem() {
        // The packed prefix decides most comparisons; these are the cases where it must step aside.
        String[] tricky = {null, "", "\u0000", "a", "a\u0000", "ab", "abcdefgh", "abcdefghA", "abcdefghB",
            "abcdefg\u00FE", "abcdefg\u00FF", "abcdefg\u0100", "\u00FFz", "\u0100", "\u0100a", "\u01FFa", "\u00FF",
            "\uFFFFz", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "0f1e2d3c-0000-0000-0000-000000000000"};
        for (String x : tricky) {
            for (String y : tricky) {
                assertSameOrderAsTheStrings(x, y);
            }
        }
    }

    @Test
    void randomIdsOverASmallAlphabetAroundTheLatinOneEdgeKeepTheStringOrder() {
        char[] alphabet = {'\u0000', '\u0001', 'a', 'b', '\u00FE', '\u00FF', '\u0100', '\u0101', '\uFFFF'};
        Random rnd = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            assertSameOrderAsTheStrings(random(rnd, alphabet), random(rnd, alphabet));
        }
    }

    private static String random(Random rnd, char[] alphabet) {
        char[] c = new char[rnd.nextInt(11)];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet[rnd.nextInt(alphabet.length)];
        }
        return new String(c);
    }
}
