package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringSlotsTest {
    private final String[] keys = new String[8];
    private final int[] hashes = new int[8];

    private int put(String key) {
        int i = StringSlots.freeSlot(keys, key.hashCode());
        keys[i] = key;
        hashes[i] = key.hashCode();
        return i;
    }

    @Test
    void aKeyIsFoundByAnEqualStringThatIsNotTheSameInstance() {
        int slot = put("arn:aws:iam::111122223333:user/alice");
        String copy = new String("arn:aws:iam::111122223333:user/alice".toCharArray());
        assertThat(StringSlots.find(keys, hashes, copy, copy.hashCode())).isEqualTo(slot);
        assertThat(StringSlots.find(keys, hashes, "arn:aws:iam::111122223333:user/bob",
                "arn:aws:iam::111122223333:user/bob".hashCode())).isEqualTo(-1);
    }

    @Test
    void keysWithEqualHashesTakeTheNextFreeSlotsAndAreAllFound() {
        // "Aa" and "BB" have the same String.hashCode: every probe passes the other before reaching its own
        String[] same = {"AaAa", "BBBB", "AaBB", "BBAa"};
        for (String k : same) {
            assertThat(k.hashCode()).isEqualTo("AaAa".hashCode());
        }
        int[] slots = new int[same.length];
        for (int k = 0; k < same.length; k++) {
            slots[k] = put(same[k]);
        }
        for (int k = 0; k < same.length; k++) {
            assertThat(StringSlots.find(keys, hashes, same[k], same[k].hashCode())).isEqualTo(slots[k]);
        }
        assertThat(slots).doesNotHaveDuplicates();
    }

    @Test
    void findOrFreeGivesTheKeysSlotOrEncodesTheSlotFreeSlotWouldGive() {
        String[] same = {"AaAa", "BBBB", "AaBB"}; // one hash: the free slot lies past the others
        for (String k : same) {
            put(k);
        }
        for (String k : same) {
            assertThat(StringSlots.findOrFree(keys, hashes, k, k.hashCode()))
                    .isEqualTo(StringSlots.find(keys, hashes, k, k.hashCode()));
        }
        String absent = "BBAa";
        int r = StringSlots.findOrFree(keys, hashes, absent, absent.hashCode());
        assertThat(r).isNegative();
        assertThat(-1 - r).isEqualTo(StringSlots.freeSlot(keys, absent.hashCode()));
    }

    @Test
    void probingWrapsAroundTheEndOfTheTable() {
        for (int k = 0; k < 7; k++) {
            put("k" + k);
        }
        String last = "k7";
        int slot = StringSlots.freeSlot(keys, last.hashCode());
        assertThat(keys[slot]).isNull();
        keys[slot] = last;
        hashes[slot] = last.hashCode();
        for (int k = 0; k < 8; k++) {
            assertThat(StringSlots.find(keys, hashes, "k" + k, ("k" + k).hashCode())).isNotNegative();
        }
    }

    @Test
    void slotsForKeepsTablesAtMostHalfFullAndAPowerOfTwo() {
        assertThat(StringSlots.slotsFor(0, 4)).isEqualTo(4);
        assertThat(StringSlots.slotsFor(2, 4)).isEqualTo(4);
        assertThat(StringSlots.slotsFor(3, 4)).isEqualTo(8);
        assertThat(StringSlots.slotsFor(1000, 4)).isEqualTo(2048);
    }

    @Test
    void sortedKeysSkipsFreeSlots() {
        put("b");
        put("c");
        put("a");
        assertThat(StringSlots.sortedKeys(keys, 3)).containsExactly("a", "b", "c");
    }
}
