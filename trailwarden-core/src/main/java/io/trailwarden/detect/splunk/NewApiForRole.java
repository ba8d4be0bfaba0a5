package io.trailwarden.detect.splunk;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.RequestObject;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Seed 001 (Splunk): "Cloud API Calls From Previously Unseen User Roles".
 *
 * <p>Successful calls by assumed roles. The baseline is Splunk's {@code previously_seen_cloud_api_calls_per_user_role}
 * table: first and last seen per (role, API), a pair not seen for 90 days forgotten. A call fires when
 * its (role, API) pair is not in the table, once the table has {@code enough_data}: its oldest first-seen
 * is at or before midnight 7 days before the call (here: the organisation's first event, see
 * docs/detections/baselines.md). The role is the principal (account + role name): a new session of a
 * known role is the same role. The finding names the role, the new API and the object of the request,
 * as the seed's risk message does.
 *
 * <p>State per role: an open-addressing table of its APIs with first and last seen (about 30 bytes per
 * API in memory; the names are interned strings shared with the events) and the time of its one
 * pending sweep timer. A sweep forgets pairs last seen more than 90 days before it; a role with no pair
 * left holds no state.
 */
public final class NewApiForRole implements Detector<NewApiForRole.RoleApis> {
    public static final String ID = "new-api-for-role";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Assumed role calls an API it has not called before", "seed 001, Splunk",
            List.of("T1078"),
            List.of(Param.duration("window", Duration.ofDays(90),
                            "seed 001: the baseline update search ages out pairs not seen for 90 days"),
                    Param.duration("warmup", Duration.ofDays(7),
                            "seed 001: enough_data = oldest first-seen at or before relative_time(now, \"-7d@d\")"),
                    Param.integer("risk", 36, "seed 001: risk score 36 = impact 60 x confidence 60 / 100")),
            NewApiForRole::new);

    private final long window;
    private final long warmup;
    private final int risk;

    public NewApiForRole(Params p) {
        this.window = p.millis("window");
        this.warmup = p.millis("warmup");
        this.risk = p.integer("risk");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.PRINCIPAL;
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(warmup);
    }

    /** The role (account + role name) of a successful AssumedRole call; null for anything else. */
    @Override
    public String keyOf(EnrichedEvent e) {
        CloudTrailEvent ev = e.event();
        if (!"AssumedRole".equals(ev.identity().type()) || ev.eventName() == null || !ev.isSuccess()) {
            return null;
        }
        String k = ev.principal().key();
        return k.startsWith("role:") ? k : null;
    }

    @Override
    public RoleApis newState() {
        return new RoleApis();
    }

    @Override
    public StateCodec<RoleApis> codec() {
        return CODEC;
    }

    @Override
    public void onEvent(RoleApis s, EnrichedEvent e, DetectorContext ctx) {
        CloudTrailEvent ev = e.event();
        long t = ev.time();
        String api = ev.eventName();
        int i = s.indexOf(api);
        boolean unseen = i < 0 || s.last[i] < t - window;
        if (i < 0) {
            s.put(api, t, t);
        } else if (unseen) {
            // forgotten: the pair starts over
            s.first[i] = t;
            s.last[i] = t;
        } else {
            s.first[i] = Math.min(s.first[i], t);
            s.last[i] = Math.max(s.last[i], t);
        }
        if (s.sweepAt == Long.MIN_VALUE) {
            s.sweepAt = nextDay(t + window);
            ctx.registerTimer(s.sweepAt);
        }
        if (!unseen) {
            return;
        }
        long dataSince = ctx.coverage().firstEventTime();
        if (dataSince == Long.MAX_VALUE || dataSince > Times.dayStart(t) - warmup) {
            return; // Splunk's enough_data = 0
        }
        emit(s, e, ctx, dataSince);
    }

    private void emit(RoleApis s, EnrichedEvent e, DetectorContext ctx, long dataSince) {
        CloudTrailEvent ev = e.event();
        String api = ev.eventName();
        String role = ev.principal().arn() != null ? ev.principal().arn() : ev.principal().key();
        String object = RequestObject.of(ev.requestParameters());
        long days = window / Times.DAY;
        int known = s.countSeenSince(ev.time() - window) - 1;
        Finding.Draft d = Finding.draft(ID, e)
                .subject(api)
                .title("Role " + roleName(ev) + " called " + api + " for the first time")
                .severity(Severity.LOW)
                .risk(risk)
                .mitre("T1078")
                .evidence("role", role)
                .evidence("session_name", ev.principal().sessionName())
                .evidence("api", api)
                .evidence("event_source", ev.eventSource())
                .evidence("object", object)
                .evidence("window_days", days)
                .evidence("role_known_apis", known)
                .evidence("baseline_since", Times.iso(dataSince));
        d.explanation("Role " + role + " (session " + ev.principal().sessionName() + ", AssumedRole) executed the new"
                + " API call " + api + (object != null ? " on " + object : "") + ", not seen for this role in the"
                + " previous " + days + " days (it called " + known + " other APIs in that time): confirm the change with the role's owner and check who assumed the role.");
        ctx.emit(d);
    }

    private static String roleName(CloudTrailEvent ev) {
        String k = ev.principal().key();
        return k.substring(k.lastIndexOf(':') + 1);
    }

    /** The first midnight strictly after {@code t}: sweeps run at most once a day per role. */
    private static long nextDay(long t) {
        return Times.dayStart(t) + Times.DAY;
    }

    @Override
    public void onTimer(RoleApis s, long time, DetectorContext ctx) {
        s.sweepAt = Long.MIN_VALUE;
        s.forgetBefore(time - window);
        if (s.size > 0) {
            // strictly after the oldest pair's expiry, hence strictly after now
            s.sweepAt = nextDay(s.oldestLast() + window);
            ctx.registerTimer(s.sweepAt);
        }
    }

    @Override
    public boolean isEmpty(RoleApis s) {
        return s.size == 0;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A role's APIs with first and last seen: open addressing with linear probing over parallel arrays,
     * rebuilt on growth and on sweeps (no tombstones).
     */
    public static final class RoleApis {
        String[] names = new String[8];
        long[] first = new long[8];
        long[] last = new long[8];
        int size;
        /** The pending sweep timer, or {@link Long#MIN_VALUE}. */
        long sweepAt = Long.MIN_VALUE;

        int indexOf(String api) {
            int mask = names.length - 1;
            int i = slot(api) & mask;
            while (true) {
                String n = names[i];
                if (n == null) {
                    return -1;
                }
                if (n == api || n.equals(api)) {
                    return i;
                }
                i = (i + 1) & mask;
            }
        }

        /**
         * The hash mixed before masking: names of one service share long prefixes, and String.hashCode's
         * low bits then cluster under linear probing, where each extra probe is an {@code equals} on a
         * string that is not in cache.
         */
        private static int slot(String api) {
            int h = api.hashCode();
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            return h ^ (h >>> 13);
        }

        void put(String api, long f, long l) {
            if ((size + 1) * 4 > names.length * 3) {
                rehash(names.length * 2);
            }
            int mask = names.length - 1;
            int i = slot(api) & mask;
            while (names[i] != null) {
                if (names[i].equals(api)) {
                    first[i] = Math.min(first[i], f);
                    last[i] = Math.max(last[i], l);
                    return;
                }
                i = (i + 1) & mask;
            }
            names[i] = api;
            first[i] = f;
            last[i] = l;
            size++;
        }

        private void rehash(int capacity) {
            rebuild(capacity, Long.MIN_VALUE);
        }

        /** Forgets pairs last seen before {@code cutoff}; shrinks the table when mostly empty. */
        void forgetBefore(long cutoff) {
            int keep = countSeenSince(cutoff);
            if (keep == size) {
                return;
            }
            int cap = 8;
            while (keep * 4 > cap * 3) {
                cap *= 2;
            }
            rebuild(cap, cutoff);
        }

        /** Moves the pairs last seen at or after {@code cutoff} into a new table of {@code capacity} slots. */
        private void rebuild(int capacity, long cutoff) {
            String[] on = names;
            long[] of = first;
            long[] ol = last;
            names = new String[capacity];
            first = new long[capacity];
            last = new long[capacity];
            size = 0;
            for (int j = 0; j < on.length; j++) {
                if (on[j] != null && ol[j] >= cutoff) {
                    put(on[j], of[j], ol[j]);
                }
            }
        }

        long oldestLast() {
            long m = Long.MAX_VALUE;
            for (int j = 0; j < names.length; j++) {
                if (names[j] != null) {
                    m = Math.min(m, last[j]);
                }
            }
            return m;
        }

        int countSeenSince(long cutoff) {
            int c = 0;
            for (int j = 0; j < names.length; j++) {
                if (names[j] != null && last[j] >= cutoff) {
                    c++;
                }
            }
            return c;
        }

        public int size() {
            return size;
        }

        /** When the role last called {@code api}, or {@link Long#MIN_VALUE}. */
        public long lastSeen(String api) {
            int i = indexOf(api);
            return i < 0 ? Long.MIN_VALUE : last[i];
        }

        /** When the role first called {@code api} (since it was last forgotten), or {@link Long#MIN_VALUE}. */
        public long firstSeen(String api) {
            int i = indexOf(api);
            return i < 0 ? Long.MIN_VALUE : first[i];
        }
    }

    static final StateCodec<RoleApis> CODEC = new StateCodec<>() {
        @Override
        public void write(RoleApis s, DataOutput out) throws IOException {
            Integer[] order = new Integer[s.size];
            int k = 0;
            for (int j = 0; j < s.names.length; j++) {
                if (s.names[j] != null) {
                    order[k++] = j;
                }
            }
            java.util.Arrays.sort(order, (a, b) -> s.names[a].compareTo(s.names[b]));
            out.writeLong(s.sweepAt);
            out.writeInt(s.size);
            for (int j : order) {
                out.writeUTF(s.names[j]);
                out.writeLong(s.first[j]);
                out.writeLong(s.last[j]);
            }
        }

        @Override
        public RoleApis read(DataInput in) throws IOException {
            RoleApis s = new RoleApis();
            s.sweepAt = in.readLong();
            int n = in.readInt();
            for (int j = 0; j < n; j++) {
                String name = in.readUTF();
                s.put(name, in.readLong(), in.readLong());
            }
            return s;
        }
    };
}
