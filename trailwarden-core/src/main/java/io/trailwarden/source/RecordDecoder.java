package io.trailwarden.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.util.Interner;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one CloudTrail record from a streaming parser positioned on its START_OBJECT. Unknown
 * fields are skipped, nulls tolerated. One instance per thread: it reuses its interner and buffers.
 */
public final class RecordDecoder {

    /** Thrown for a record that is valid JSON but cannot be used (no parseable eventTime). */
    public static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message, null, false, false);
        }
    }

    private final Interner interner = new Interner(1 << 16);
    private final IdentityCache identities = new IdentityCache(1 << 12);
    private final JsonFactory factory;
    private final BufferRecycler recycler = new BufferRecycler();

    /** The parser reading {@link #bytes}, whose raw JSON values can then be sliced instead of re-written. */
    private JsonParser bytesParser;
    private byte[] bytes;
    private int bytesOffset;

    public RecordDecoder(JsonFactory factory) {
        this.factory = factory;
    }

    /** A reader of the common case sharing this decoder's interner and identities (same thread). */
    ByteRecordReader byteReader() {
        return new ByteRecordReader(interner, identities);
    }

    /**
     * Tells the decoder that {@code p} parses {@code data} from {@code offset}, so that raw values
     * ({@code requestParameters}) are copied from the input bytes rather than re-generated token by token.
     */
    void readingFrom(JsonParser p, byte[] data, int offset) {
        this.bytesParser = p;
        this.bytes = data;
        this.bytesOffset = offset;
    }

    public CloudTrailEvent decode(JsonParser p) throws IOException, BadRecord {
        CloudTrailEvent.Builder b = CloudTrailEvent.builder();
        String eventTime = null;
        String shippedTime = null;
        CloudTrailEvent wrapped = null;
        String f;
        while ((f = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (f) {
                // Envelopes: SIEM exports ({"event": {...}}), EventBridge ({"detail": {...}}), Cribl/Splunk ({"_raw": "..."})
                case "event":
                case "detail":
                    if (t == JsonToken.START_OBJECT) {
                        wrapped = decodeOrNull(p);
                    } else {
                        p.skipChildren();
                    }
                    break;
                case "_raw":
                    if (t == JsonToken.VALUE_STRING) {
                        try (JsonParser inner = factory.createParser(p.getText())) {
                            if (inner.nextToken() == JsonToken.START_OBJECT) {
                                wrapped = decodeOrNull(inner);
                            }
                        } catch (IOException e) {
                            wrapped = null;
                        }
                    }
                    break;
                case "eventTime": eventTime = text(p, t); break;
                // Logstash's date filter moves eventTime into @timestamp (OTRF's datasets, many ELK pipelines).
                case "@timestamp": shippedTime = text(p, t); break;
                case "eventID": b.eventId(text(p, t)); break;
                case "eventSource": b.eventSource(intern(p, t)); break;
                case "eventName": b.eventName(intern(p, t)); break;
                case "awsRegion": b.region(intern(p, t)); break;
                case "sourceIPAddress": b.sourceIp(intern(p, t)); break;
                case "userAgent": b.userAgent(intern(p, t)); break;
                case "errorCode": b.errorCode(intern(p, t)); break;
                case "errorMessage": b.errorMessage(intern(p, t)); break;
                case "readOnly": b.readOnly(bool(p, t)); break;
                case "eventType": b.eventType(intern(p, t)); break;
                case "recipientAccountId": b.recipientAccountId(intern(p, t)); break;
                case "sharedEventID": b.sharedEventId(text(p, t)); break;
                case "vpcEndpointId": b.vpcEndpointId(intern(p, t)); break;
                case "userIdentity": b.identity(identity(p, t)); break;
                case "requestParameters": b.requestParameters(raw(p, t)); break;
                case "responseElements": responseElements(p, t, b); break;
                default: p.skipChildren();
            }
        }
        if (eventTime == null && wrapped != null) {
            return wrapped;
        }
        if (eventTime == null) {
            eventTime = shippedTime;
        }
        long time = Times.parseEventTime(eventTime);
        if (time == Long.MIN_VALUE) {
            throw new BadRecord(eventTime == null ? "no eventTime" : "unparseable eventTime '" + eventTime + "'");
        }
        return b.time(time).build();
    }

    private CloudTrailEvent decodeOrNull(JsonParser p) throws IOException {
        try {
            return decode(p);
        } catch (BadRecord e) {
            return null;
        }
    }

    private UserIdentity identity(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String type = null, arn = null, principalId = null, accountId = null, accessKeyId = null;
        String userName = null, invokedBy = null, issuerType = null, issuerArn = null, issuerName = null;
        Boolean mfa = null, fromConsole = null;
        String sourceIdentity = null;
        String f;
        while ((f = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "type": type = intern(p, v); break;
                case "arn": arn = intern(p, v); break;
                case "principalId": principalId = intern(p, v); break;
                case "accountId": accountId = intern(p, v); break;
                case "accessKeyId": accessKeyId = intern(p, v); break;
                case "userName": userName = intern(p, v); break;
                case "invokedBy": invokedBy = intern(p, v); break;
                case "sessionContext":
                    if (v != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        break;
                    }
                    String g;
                    while ((g = p.nextFieldName()) != null) {
                        JsonToken w = p.nextToken();
                        switch (g) {
                            case "sessionIssuer":
                                if (w != JsonToken.START_OBJECT) {
                                    p.skipChildren();
                                    break;
                                }
                                String h;
                                while ((h = p.nextFieldName()) != null) {
                                    JsonToken x = p.nextToken();
                                    switch (h) {
                                        case "type": issuerType = intern(p, x); break;
                                        case "arn": issuerArn = intern(p, x); break;
                                        case "userName": issuerName = intern(p, x); break;
                                        default: p.skipChildren();
                                    }
                                }
                                break;
                            case "attributes":
                                if (w != JsonToken.START_OBJECT) {
                                    p.skipChildren();
                                    break;
                                }
                                String a;
                                while ((a = p.nextFieldName()) != null) {
                                    JsonToken x = p.nextToken();
                                    if ("mfaAuthenticated".equals(a)) {
                                        mfa = bool(p, x);
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                                break;
                            case "sourceIdentity": sourceIdentity = intern(p, w); break;
                            default: p.skipChildren();
                        }
                    }
                    break;
                case "sessionCredentialFromConsole": fromConsole = bool(p, v); break;
                case "sourceIdentity": sourceIdentity = intern(p, v); break;
                default: p.skipChildren();
            }
        }
        return identities.identity(type, arn, principalId, accountId, accessKeyId, userName, invokedBy,
                issuerType, issuerArn, issuerName, mfa, fromConsole, sourceIdentity);
    }

    private void responseElements(JsonParser p, JsonToken t, CloudTrailEvent.Builder b) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String f;
        while ((f = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            if ("ConsoleLogin".equals(f)) {
                b.consoleLogin(intern(p, v));
            } else if ("credentials".equals(f) && v == JsonToken.START_OBJECT) {
                String g;
                while ((g = p.nextFieldName()) != null) {
                    JsonToken w = p.nextToken();
                    if ("accessKeyId".equals(g)) {
                        b.mintedAccessKeyId(text(p, w));
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** Copies a JSON value as text (as written in the input, or compact); null for JSON null. */
    private String raw(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p == bytesParser && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            long end = p.currentLocation().getByteOffset();
            if (start >= 0 && end > start) {
                return new String(bytes, bytesOffset + (int) start, (int) (end - start), StandardCharsets.UTF_8);
            }
            return null;
        }
        SegmentedStringWriter w = new SegmentedStringWriter(recycler);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.getAndClear();
    }

    private String intern(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return interner.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return interner.intern(text(p, t));
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
        return null;
    }

    private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        if (t == JsonToken.VALUE_STRING) {
            return Boolean.parseBoolean(p.getText());
        }
        p.skipChildren();
        return null;
    }
}
