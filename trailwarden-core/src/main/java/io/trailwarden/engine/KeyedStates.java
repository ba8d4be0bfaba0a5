package io.trailwarden.engine;

import io.trailwarden.util.StringSlots;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One detector's states by key: a map with open addressing, looked up on every event for every detector.
 *
 * <p>A key and its state sit side by side in one array, so a look-up whose key is the stored instance (the usual
 * case: keys are interned strings or a detector's cached joins) reads one cache line, where a {@code HashMap} reads
 * its table and then a node. Each key's hash sits in a parallel array and is read only when the instances differ;
 * an equal key in another instance (restored from a snapshot, built by a test) still hits, and replaces the stored
 * instance so that the next look-up hits by identity. Linear probing, at most half full, removal by shifting the
 * following entries back (no tombstones). Iteration order is the table's: callers that need an order sort.
 */
final class KeyedStates<S> extends AbstractMap<String, S> {
    /** Slot i: [2i] the key (null: empty), [2i+1] its state. */
    private Object[] table = new Object[2 * 16];
    private int[] hashes = new int[16];
    private int size;

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && find(k) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S get(Object key) {
        if (!(key instanceof String k)) {
            return null;
        }
        int i = find(k);
        return i < 0 ? null : (S) table[2 * i + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public S put(String key, S state) {
        if (key == null || state == null) {
            throw new NullPointerException("keyed states hold no null key or state");
        }
        int i = find(key);
        if (i >= 0) {
            S old = (S) table[2 * i + 1];
            table[2 * i + 1] = state;
            return old;
        }
        if (2 * (size + 1) > hashes.length) {
            grow();
        }
        insert(key, key.hashCode(), state);
        size++;
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S remove(Object key) {
        if (!(key instanceof String k)) {
            return null;
        }
        int i = find(k);
        if (i < 0) {
            return null;
        }
        S old = (S) table[2 * i + 1];
        delete(i);
        size--;
        return old;
    }

    @Override
    public void clear() {
        table = new Object[2 * 16];
        hashes = new int[16];
        size = 0;
    }

    private int find(String key) {
        Object[] t = table;
        int mask = hashes.length - 1;
        int h = key.hashCode();
        for (int i = home(h, mask); ; i = (i + 1) & mask) {
            Object x = t[2 * i];
            if (x == key) {
                return i;
            }
            if (x == null) {
                return -1;
            }
            if (hashes[i] == h && x.equals(key)) {
                t[2 * i] = key;
                return i;
            }
        }
    }

    private void insert(String key, int h, Object state) {
        int mask = hashes.length - 1;
        int i = home(h, mask);
        while (table[2 * i] != null) {
            i = (i + 1) & mask;
        }
        table[2 * i] = key;
        table[2 * i + 1] = state;
        hashes[i] = h;
    }

    /** Empties slot {@code i}, moving back the entries after it whose home is not between it and them. */
    private void delete(int i) {
        int mask = hashes.length - 1;
        Object[] t = table;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (t[2 * j] == null) {
                break;
            }
            int k = home(hashes[j], mask);
            boolean stays = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!stays) {
                t[2 * i] = t[2 * j];
                t[2 * i + 1] = t[2 * j + 1];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        t[2 * i] = null;
        t[2 * i + 1] = null;
    }

    private void grow() {
        Object[] old = table;
        int[] oldHashes = hashes;
        table = new Object[2 * 2 * oldHashes.length];
        hashes = new int[2 * oldHashes.length];
        for (int i = 0; i < oldHashes.length; i++) {
            if (old[2 * i] != null) {
                insert((String) old[2 * i], oldHashes[i], old[2 * i + 1]);
            }
        }
    }

    private static int home(int h, int mask) {
        return StringSlots.spread(h) & mask;
    }

    @Override
    public Set<Entry<String, S>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, S>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < hashes.length && table[2 * i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < hashes.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, S> next() {
                        if (next >= hashes.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, S> e = new SimpleImmutableEntry<>((String) table[2 * next],
                                (S) table[2 * next + 1]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }
        };
    }
}
