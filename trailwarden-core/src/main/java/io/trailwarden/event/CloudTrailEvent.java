package io.trailwarden.event;

import java.util.Set;

/**
 * One CloudTrail record, decoded once into what detections and analysts use. Immutable.
 * Request parameters stay raw JSON, parsed only on demand.
 */
public final class CloudTrailEvent {

    /** Error codes that mean "not allowed" (DETECTIONS.md, Outcome). */
    public static final Set<String> DENIED_CODES = Set.of("AccessDenied", "AccessDeniedException",
            "Client.UnauthorizedOperation", "UnauthorizedOperation", "Client.AccessDenied");

    private final long time;
    private final String eventId;
    private final String eventSource;
    private final String eventName;
    private final String region;
    private final String sourceIp;
    private final String userAgent;
    private final String errorCode;
    private final String errorMessage;
    private final Boolean readOnly;
    private final String eventType;
    private final String recipientAccountId;
    private final String sharedEventId;
    private final String vpcEndpointId;
    private final String consoleLogin;
    private final String mintedAccessKeyId;
    private final String requestParameters;
    private final UserIdentity identity;
    private final Principal principal;
    /** Computed once: five detections and the profile stage ask it of every event. */
    private final boolean serviceInvoked;
    /** The eventID's first characters packed for ordering, computed on the decoding thread: see {@link #idPrefix()}. */
    private final long idPrefix;

    private CloudTrailEvent(Builder b) {
        this.time = b.time;
        this.eventId = b.eventId;
        this.eventSource = b.eventSource;
        this.eventName = b.eventName;
        this.region = b.region;
        this.sourceIp = b.sourceIp;
        this.userAgent = b.userAgent;
        this.errorCode = b.errorCode;
        this.errorMessage = b.errorMessage;
        this.readOnly = b.readOnly;
        this.eventType = b.eventType;
        this.recipientAccountId = b.recipientAccountId;
        this.sharedEventId = b.sharedEventId;
        this.vpcEndpointId = b.vpcEndpointId;
        this.consoleLogin = b.consoleLogin;
        this.mintedAccessKeyId = b.mintedAccessKeyId;
        this.requestParameters = b.requestParameters;
        this.identity = b.identity == null ? UserIdentity.EMPTY : b.identity;
        this.principal = Principal.of(this.identity, this.recipientAccountId);
        this.serviceInvoked = identity.invokedBy() != null || sourceIp != null
                && (sourceIp.startsWith("AWS Internal") || sourceIp.endsWith(".amazonaws.com"));
        this.idPrefix = prefixOf(eventId);
    }

    /**
     * The eventID's first eight characters, one byte each, the first in the most significant byte: compared
     * unsigned, two prefixes that differ order two IDs as {@link String#compareTo} does, so the reorder buffer
     * sorts events of one second without reading their ID strings (random UUIDs differ in their first eight
     * characters). Equal prefixes say nothing: the caller compares the strings. A missing ID is the empty string.
     */
    public long idPrefix() { return idPrefix; }

    static long prefixOf(String id) {
        long p = 0;
        int n = id == null ? 0 : Math.min(8, id.length());
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0xFF) {
                // 0xFF stands for every char from 0xFF up, and ends the prefix: what follows would
                // compare chars the stand-in has already made equal. Ties go to the full comparison.
                p |= 0xFFL << (8 * (7 - i));
                break;
            }
            p |= (long) c << (8 * (7 - i));
        }
        return p;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Event time, epoch milliseconds. */
    public long time() { return time; }
    public String eventId() { return eventId; }
    public String eventSource() { return eventSource; }
    public String eventName() { return eventName; }
    public String region() { return region; }
    public String sourceIp() { return sourceIp; }
    public String userAgent() { return userAgent; }
    public String errorCode() { return errorCode; }
    public String errorMessage() { return errorMessage; }
    public Boolean readOnly() { return readOnly; }
    public String eventType() { return eventType; }
    public String recipientAccountId() { return recipientAccountId; }
    public String sharedEventId() { return sharedEventId; }
    public String vpcEndpointId() { return vpcEndpointId; }
    /** {@code responseElements.ConsoleLogin}: {@code Success} or {@code Failure} for console sign-ins. */
    public String consoleLogin() { return consoleLogin; }
    /** {@code responseElements.credentials.accessKeyId} of AssumeRole/GetSessionToken/GetFederationToken. */
    public String mintedAccessKeyId() { return mintedAccessKeyId; }
    /** {@code requestParameters} as compact JSON, or null. */
    public String requestParameters() { return requestParameters; }
    public UserIdentity identity() { return identity; }
    public Principal principal() { return principal; }

    /** The account the call was made in: recipientAccountId, else the identity's account. */
    public String accountId() {
        return recipientAccountId != null ? recipientAccountId : identity.accountId();
    }

    public String accessKeyId() { return identity.accessKeyId(); }

    /** The long-term key when the call used one, otherwise the principal (DETECTIONS.md, Credential). */
    public String credential() {
        String key = identity.accessKeyId();
        if (key != null && key.startsWith("AKIA")) {
            return key;
        }
        return principal.key();
    }

    public Outcome outcome() {
        if (errorCode != null && !errorCode.isEmpty()) {
            return DENIED_CODES.contains(errorCode) ? Outcome.DENIED : Outcome.FAILED;
        }
        if ("Failure".equals(consoleLogin)) {
            return Outcome.FAILED;
        }
        return Outcome.SUCCESS;
    }

    public boolean isSuccess() {
        return outcome() == Outcome.SUCCESS;
    }

    /** True when an AWS service made the call on the principal's behalf, or the source is a service. */
    public boolean isServiceInvoked() {
        return serviceInvoked;
    }

    @Override
    public String toString() {
        return "CloudTrailEvent{" + eventId + " " + time + " " + eventName + " by " + principal.key() + "}";
    }

    /** Mutable builder used by the decoder and tests. */
    public static final class Builder {
        private long time;
        private String eventId;
        private String eventSource;
        private String eventName;
        private String region;
        private String sourceIp;
        private String userAgent;
        private String errorCode;
        private String errorMessage;
        private Boolean readOnly;
        private String eventType;
        private String recipientAccountId;
        private String sharedEventId;
        private String vpcEndpointId;
        private String consoleLogin;
        private String mintedAccessKeyId;
        private String requestParameters;
        private UserIdentity identity;

        public Builder time(long v) { time = v; return this; }
        public Builder eventId(String v) { eventId = v; return this; }
        public Builder eventSource(String v) { eventSource = v; return this; }
        public Builder eventName(String v) { eventName = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder sourceIp(String v) { sourceIp = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder errorCode(String v) { errorCode = v; return this; }
        public Builder errorMessage(String v) { errorMessage = v; return this; }
        public Builder readOnly(Boolean v) { readOnly = v; return this; }
        public Builder eventType(String v) { eventType = v; return this; }
        public Builder recipientAccountId(String v) { recipientAccountId = v; return this; }
        public Builder sharedEventId(String v) { sharedEventId = v; return this; }
        public Builder vpcEndpointId(String v) { vpcEndpointId = v; return this; }
        public Builder consoleLogin(String v) { consoleLogin = v; return this; }
        public Builder mintedAccessKeyId(String v) { mintedAccessKeyId = v; return this; }
        public Builder requestParameters(String v) { requestParameters = v; return this; }
        public Builder identity(UserIdentity v) { identity = v; return this; }

        public long time() { return time; }

        public CloudTrailEvent build() {
            return new CloudTrailEvent(this);
        }
    }
}
