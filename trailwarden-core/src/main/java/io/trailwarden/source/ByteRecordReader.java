package io.trailwarden.source;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.util.Interner;
import io.trailwarden.util.Times;
import io.trailwarden.util.Words;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the records of a whole file or chunk straight from its UTF-8 bytes, for the common case: CloudTrail's
 * {@code {"Records":[...]}} containers (one or several, as delivered or concatenated) or a bare array of records,
 * each field the decoder reads holding the JSON type it expects (a string, an object, null). Anything else makes
 * {@link #read} answer false, and the caller parses the same bytes with Jackson as before: a record without a usable
 * eventTime, an envelope ({@code detail}, {@code _raw}), NDJSON, a byte-order mark, a number where a string is
 * expected, invalid UTF-8, malformed JSON. So whatever is unusual is reported exactly as Jackson's path reports it,
 * with its positions, and the two paths give equal events field for field ({@code ByteRecordReaderTest} compares
 * them on random, simulated and public records).
 *
 * <p>Why it exists: decoding was most of a hunt's CPU. Jackson tokenises every field name and value and decodes
 * each string to characters before the interner hashes them; here a field name is matched on its bytes, a plain
 * ASCII value is interned from its bytes, strings are scanned eight bytes at a time, and everything the decoder
 * does not keep is only validated. A kept value with escapes or non-ASCII characters is decoded to characters as
 * Jackson decodes it. {@link RecordDecoder} stays the reference: each field it reads is read here the same way.
 *
 * <p>Validation is at least as strict as Jackson's defaults, so that nothing Jackson rejects is accepted here:
 * strings without control characters, with valid escapes and valid UTF-8 (RFC 3629, stricter than Jackson),
 * numbers by the JSON grammar (no leading zeros), the three literals, nesting below {@value #MAX_DEPTH}. One
 * instance per thread, sharing its interner and identity cache with the thread's {@link RecordDecoder}.
 */
final class ByteRecordReader {
    private static final int MAX_DEPTH = 64;
    /** Longer names or kept strings go to Jackson, which enforces its own limits on them. */
    private static final int MAX_NAME = 1_000;
    private static final int MAX_KEPT = 1 << 20;

    private final Interner interner;
    private final IdentityCache identities;

    private byte[] b;
    private int pos;
    private int end;
    /** Where the field name being read starts. */
    private int nameAt;
    /** Per record field, where in {@link #b} its last value's bytes are, their length (-1: none yet), the value. */
    private final int[] lastAt = new int[RECORD_FIELDS];
    private final int[] lastLength = new int[RECORD_FIELDS];
    private final String[] lastValue = new String[RECORD_FIELDS];
    /** The last userIdentity object read from {@link #b}: where, how long (0: none yet), what it gave. */
    private int lastIdentityAt;
    private int lastIdentityLength;
    private UserIdentity lastIdentity;

    ByteRecordReader(Interner interner, IdentityCache identities) {
        this.interner = interner;
        this.identities = identities;
    }

    /**
     * Appends the records of {@code data[from, to)} to {@code out} and answers true; or answers false, with
     * {@code out} as it was, when the bytes are not the common case described above.
     */
    boolean read(byte[] data, int from, int to, List<CloudTrailEvent> out) {
        int before = out.size();
        b = data;
        pos = from;
        end = to;
        Arrays.fill(lastLength, -1); // the memos point into the previous buffer
        lastIdentityLength = 0;
        try {
            readAll(out);
            return true;
        } catch (NotPlain | IndexOutOfBoundsException e) {
            // Every read is bounds-checked against end; should one slip, it costs this file the faster path, never
            // its records: Jackson reads them.
            out.subList(before, out.size()).clear();
            return false;
        } finally {
            b = null;
        }
    }

    private void readAll(List<CloudTrailEvent> out) {
        skipSpace();
        if (peek() == '[') {
            pos++;
            records(out);
            skipSpace();
            if (pos != end) {
                throw NotPlain.INSTANCE; // Jackson reads one root array and ignores what follows
            }
            return;
        }
        do {
            expect('{');
            skipSpace();
            literal(RECORDS);
            skipSpace();
            expect(':');
            skipSpace();
            expect('[');
            records(out);
            skipSpace();
            expect('}');
            skipSpace();
        } while (pos < end);
    }

    /** The elements of a records array, from after its '[' to after its ']'; each must be an object. */
    private void records(List<CloudTrailEvent> out) {
        if (firstElement()) {
            do {
                expect('{');
                out.add(record());
            } while (nextElement());
        }
    }

    private static final byte[] RECORDS = ascii("\"Records\"");

    // ---- one record, as RecordDecoder.decode reads it ----

    /** The record's fields RecordDecoder reads, by their index here. */
    private static final FieldNames RECORD = new FieldNames("eventTime", "eventID", "eventSource", "eventName",
            "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "readOnly", "eventType",
            "recipientAccountId", "sharedEventID", "vpcEndpointId", "userIdentity", "requestParameters",
            "responseElements",
            // the decoder's envelopes and Logstash's time field: left to Jackson
            "event", "detail", "_raw", "@timestamp");
    private static final int EVENT_TIME = 0, EVENT_ID = 1, EVENT_SOURCE = 2, EVENT_NAME = 3, AWS_REGION = 4,
            SOURCE_IP = 5, USER_AGENT = 6, ERROR_CODE = 7, ERROR_MESSAGE = 8, READ_ONLY = 9, EVENT_TYPE = 10,
            RECIPIENT = 11, SHARED_EVENT_ID = 12, VPC_ENDPOINT = 13, USER_IDENTITY = 14, REQUEST_PARAMETERS = 15,
            RESPONSE_ELEMENTS = 16, RECORD_FIELDS = 17;

    /** A record from after its '{' to after its '}'. */
    private CloudTrailEvent record() {
        CloudTrailEvent.Builder e = CloudTrailEvent.builder();
        int timeAt = -1;
        int timeLength = 0;
        if (firstField()) {
            do {
                switch (RECORD.find(b, nameStart(), nameLength())) {
                    case EVENT_TIME:
                        if (nullValue()) {
                            timeAt = -1;
                        } else {
                            timeAt = plainStringValue();
                            timeLength = pos - 1 - timeAt;
                        }
                        break;
                    case EVENT_ID: e.eventId(textValue()); break;
                    case EVENT_SOURCE: e.eventSource(internedValue(EVENT_SOURCE)); break;
                    case EVENT_NAME: e.eventName(internedValue(EVENT_NAME)); break;
                    case AWS_REGION: e.region(internedValue(AWS_REGION)); break;
                    case SOURCE_IP: e.sourceIp(internedValue(SOURCE_IP)); break;
                    case USER_AGENT: e.userAgent(internedValue(USER_AGENT)); break;
                    case ERROR_CODE: e.errorCode(internedValue(ERROR_CODE)); break;
                    case ERROR_MESSAGE: e.errorMessage(internedValue(ERROR_MESSAGE)); break;
                    case READ_ONLY: e.readOnly(boolValue()); break;
                    case EVENT_TYPE: e.eventType(internedValue(EVENT_TYPE)); break;
                    case RECIPIENT: e.recipientAccountId(internedValue(RECIPIENT)); break;
                    case SHARED_EVENT_ID: e.sharedEventId(textValue()); break;
                    case VPC_ENDPOINT: e.vpcEndpointId(internedValue(VPC_ENDPOINT)); break;
                    case USER_IDENTITY: e.identity(identity()); break;
                    case REQUEST_PARAMETERS: e.requestParameters(rawValue()); break;
                    case RESPONSE_ELEMENTS: responseElements(e); break;
                    case FieldNames.NONE: skipValue(0); break;
                    default: throw NotPlain.INSTANCE; // an envelope
                }
            } while (nextField());
        }
        if (timeAt < 0) {
            throw NotPlain.INSTANCE; // Jackson's path reports the record as skipped
        }
        long time = Times.parseEventTime(b, timeAt, timeLength);
        if (time == Long.MIN_VALUE) {
            throw NotPlain.INSTANCE;
        }
        return e.time(time).build();
    }

    private static final FieldNames IDENTITY = new FieldNames("type", "arn", "principalId", "accountId",
            "accessKeyId", "userName", "invokedBy", "sessionContext", "sessionCredentialFromConsole", "sourceIdentity");
    private static final int TYPE = 0, ARN = 1, PRINCIPAL_ID = 2, ACCOUNT_ID = 3, ACCESS_KEY_ID = 4, USER_NAME = 5,
            INVOKED_BY = 6, SESSION_CONTEXT = 7, FROM_CONSOLE = 8, SOURCE_IDENTITY = 9;
    private static final FieldNames SESSION_CONTEXT_FIELDS = new FieldNames("sessionIssuer", "attributes",
            "sourceIdentity");
    private static final int SESSION_ISSUER = 0, ATTRIBUTES = 1, CONTEXT_SOURCE_IDENTITY = 2;
    private static final FieldNames ISSUER = new FieldNames("type", "arn", "userName");
    private static final int ISSUER_TYPE = 0, ISSUER_ARN = 1, ISSUER_NAME = 2;
    private static final FieldNames ATTRIBUTES_FIELDS = new FieldNames("mfaAuthenticated");

    /** RecordDecoder.identity: an object, or null (anything else goes to Jackson). */
    private UserIdentity identity() {
        if (nullValue()) {
            return null;
        }
        int start = pos;
        int len = lastIdentityLength;
        if (len > 0 && start + len <= end
                && Arrays.equals(b, start, start + len, b, lastIdentityAt, lastIdentityAt + len)) {
            pos = start + len; // the same bytes as the last identity object: the same, valid, object
            return lastIdentity;
        }
        UserIdentity id = parseIdentity();
        lastIdentityAt = start;
        lastIdentityLength = pos - start;
        lastIdentity = id;
        return id;
    }

    // The identity's fields while its object is read (sessionContext's nested objects fill some of them).
    private String type, arn, principalId, accountId, accessKeyId, userName, invokedBy;
    private String issuerType, issuerArn, issuerName, sourceIdentity;
    private Boolean mfa, fromConsole;

    private UserIdentity parseIdentity() {
        type = arn = principalId = accountId = accessKeyId = userName = invokedBy = null;
        issuerType = issuerArn = issuerName = sourceIdentity = null;
        mfa = fromConsole = null;
        readObject(IDENTITY, 1, onIdentityField);
        return identities.identity(type, arn, principalId, accountId, accessKeyId, userName, invokedBy,
                issuerType, issuerArn, issuerName, mfa, fromConsole, sourceIdentity);
    }

    /** Reads one field of an object the decoder reads into, given its index in the object's {@link FieldNames}. */
    private interface FieldReader {
        void read(int field);
    }

    /** The fields of an object or null ({@link #objectWithFields}): known names to {@code fields}, others skipped. */
    private void readObject(FieldNames names, int depth, FieldReader fields) {
        if (!objectWithFields()) {
            return;
        }
        do {
            int field = names.find(b, nameStart(), nameLength());
            if (field == FieldNames.NONE) {
                skipValue(depth);
            } else {
                fields.read(field);
            }
        } while (nextField());
    }

    // One instance each, made once: a method reference made at each call would be an allocation per record.
    private final FieldReader onIdentityField = this::identityField;
    private final FieldReader onSessionContextField = this::sessionContextField;
    private final FieldReader onIssuerField = this::issuerField;
    private final FieldReader onAttributesField = this::attributesField;

    private void identityField(int field) {
        switch (field) {
            case TYPE: type = internedValue(); break;
            case ARN: arn = internedValue(); break;
            case PRINCIPAL_ID: principalId = internedValue(); break;
            case ACCOUNT_ID: accountId = internedValue(); break;
            case ACCESS_KEY_ID: accessKeyId = internedValue(); break;
            case USER_NAME: userName = internedValue(); break;
            case INVOKED_BY: invokedBy = internedValue(); break;
            case SESSION_CONTEXT: readObject(SESSION_CONTEXT_FIELDS, 2, onSessionContextField); break;
            case FROM_CONSOLE: fromConsole = boolValue(); break;
            default: sourceIdentity = internedValue(); // SOURCE_IDENTITY
        }
    }

    private void sessionContextField(int field) {
        switch (field) {
            case SESSION_ISSUER: readObject(ISSUER, 3, onIssuerField); break;
            case ATTRIBUTES: readObject(ATTRIBUTES_FIELDS, 3, onAttributesField); break;
            default: sourceIdentity = internedValue(); // CONTEXT_SOURCE_IDENTITY
        }
    }

    private void issuerField(int field) {
        switch (field) {
            case ISSUER_TYPE: issuerType = internedValue(); break;
            case ISSUER_ARN: issuerArn = internedValue(); break;
            default: issuerName = internedValue(); // ISSUER_NAME
        }
    }

    private void attributesField(int field) {
        mfa = boolValue(); // the one name: mfaAuthenticated
    }

    /**
     * An object the decoder reads into, or null: true when it has fields (positioned on the first name), false for
     * null or {@code {}} (consumed). Anything else is a type RecordDecoder would skip, left to Jackson.
     */
    private boolean objectWithFields() {
        if (nullValue()) {
            return false;
        }
        expect('{');
        return firstField();
    }

    private static final byte[] CONSOLE_LOGIN = ascii("ConsoleLogin");
    private static final byte[] CREDENTIALS = ascii("credentials");
    private static final byte[] CREDENTIALS_KEY = ascii("accessKeyId");

    /** RecordDecoder.responseElements: ConsoleLogin and credentials.accessKeyId of an object; anything else skipped. */
    private void responseElements(CloudTrailEvent.Builder e) {
        if (peek() != '{') {
            skipValue(0);
            return;
        }
        pos++;
        if (!firstField()) {
            return;
        }
        do {
            int n = nameStart();
            int len = nameLength();
            if (is(n, len, CONSOLE_LOGIN)) {
                e.consoleLogin(internedValue());
            } else if (is(n, len, CREDENTIALS) && peek() == '{') {
                pos++;
                if (firstField()) {
                    do {
                        int k = nameStart();
                        if (is(k, nameLength(), CREDENTIALS_KEY)) {
                            e.mintedAccessKeyId(textValue());
                        } else {
                            skipValue(2);
                        }
                    } while (nextField());
                }
            } else {
                skipValue(1);
            }
        } while (nextField());
    }

    // ---- objects and arrays: after '{', firstField(), then per field nameStart(), nameLength(), its value,
    // nextField(); after '[', firstElement(), then per element its value, nextElement() ----

    /** After an object's '{': true when a field follows (positioned on its name's quote), false after an empty '}'. */
    private boolean firstField() {
        return hasFirst('}');
    }

    /** After a value: true when another field follows (positioned on its name's quote), false after the '}'. */
    private boolean nextField() {
        return hasNext('}');
    }

    /** After an array's '[': true when an element follows (positioned on it), false after an empty ']'. */
    private boolean firstElement() {
        return hasFirst(']');
    }

    /** After an element: true when another follows (positioned on it), false after the ']'. */
    private boolean nextElement() {
        return hasNext(']');
    }

    private boolean hasFirst(char close) {
        skipSpace();
        if (peek() == close) {
            pos++;
            return false;
        }
        return true;
    }

    private boolean hasNext(char close) {
        skipSpace();
        byte c = next();
        if (c == close) {
            return false;
        }
        if (c != ',') {
            throw NotPlain.INSTANCE;
        }
        skipSpace();
        return true;
    }

    /**
     * Reads a field name and returns where it starts; {@link #nameLength} then reads past the ':'. A name with an
     * escape may spell one the decoder reads, so it goes to Jackson; a name with other non-ASCII bytes matches none.
     */
    private int nameStart() {
        expect('"');
        nameAt = pos;
        scanString();
        if ((stringKind & ESCAPED) != 0) {
            throw NotPlain.INSTANCE;
        }
        return nameAt;
    }

    /** The length of the name {@link #nameStart} read; pos moves to the value after the ':'. */
    private int nameLength() {
        int len = pos - 1 - nameAt;
        if (len > MAX_NAME) {
            throw NotPlain.INSTANCE;
        }
        skipSpace();
        expect(':');
        skipSpace();
        return len;
    }

    private boolean is(int start, int len, byte[] name) {
        return len == name.length && Arrays.equals(b, start, start + len, name, 0, len);
    }

    // ---- values the decoder keeps ----

    /** Consumes a JSON null; false (nothing consumed) when the value is something else. */
    private boolean nullValue() {
        if (pos + 4 <= end && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    /** A string: its first byte's index; pos after the closing quote, {@link #stringKind} what it holds. */
    private int stringValue() {
        expect('"');
        int start = pos;
        scanString();
        if (pos - 1 - start > MAX_KEPT) {
            throw NotPlain.INSTANCE;
        }
        return start;
    }

    /** {@link #stringValue}, which must be plain ASCII. */
    private int plainStringValue() {
        int start = stringValue();
        if (stringKind != PLAIN) {
            throw NotPlain.INSTANCE;
        }
        return start;
    }

    /**
     * {@link #internedValue()} of a record field, remembering the last value of each: consecutive records of a
     * delivered file mostly share their source, region, account, agent, so the value is first compared with the
     * last one's bytes, a few bytes back in the same buffer, before anything is hashed.
     */
    private String internedValue(int field) {
        int len = lastLength[field];
        int start = pos + 1;
        if (len >= 0 && start + len < end && b[pos] == '"' && b[start + len] == '"'
                && Arrays.equals(b, start, start + len, b, lastAt[field], lastAt[field] + len)) {
            pos = start + len + 1; // the same bytes as a validated string, closed at the same place
            return lastValue[field];
        }
        String v = internedValue();
        if (v != null) {
            lastAt[field] = start;
            lastLength[field] = pos - 1 - start;
            lastValue[field] = v;
        }
        return v;
    }

    /** RecordDecoder.intern: a string (interned) or null. */
    private String internedValue() {
        if (nullValue()) {
            return null;
        }
        int start = stringValue();
        if (stringKind == PLAIN) {
            return interner.internAscii(b, start, pos - 1 - start);
        }
        int n = decode(start, pos - 1);
        return interner.intern(chars, 0, n);
    }

    /** RecordDecoder.text: a string (a new instance) or null. */
    private String textValue() {
        if (nullValue()) {
            return null;
        }
        int start = stringValue();
        if (stringKind == PLAIN) {
            return new String(b, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
        }
        return new String(chars, 0, decode(start, pos - 1));
    }

    /**
     * Decodes the validated string {@code b[from, to)} (escapes, UTF-8) into {@link #chars}, as Jackson does:
     * a character beyond the BMP becomes its surrogate pair, a backslash-u escape is taken as it is (even half a
     * pair). Returns the number of characters.
     */
    private int decode(int from, int to) {
        if (chars.length < to - from) { // never more characters than bytes
            chars = new char[Math.max(to - from, 2 * chars.length)];
        }
        char[] out = chars;
        int n = 0;
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c == '\\') {
                byte x = b[i + 1];
                if (x == 'u') {
                    out[n++] = (char) (hexValue(b[i + 2]) << 12 | hexValue(b[i + 3]) << 8 | hexValue(b[i + 4]) << 4
                            | hexValue(b[i + 5]));
                    i += 6;
                    continue;
                }
                out[n++] = switch (x) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> (char) x; // " \ /
                };
                i += 2;
            } else if (c >= 0) {
                out[n++] = (char) c;
                i++;
            } else if ((c & 0xE0) == 0xC0) {
                out[n++] = (char) ((c & 0x1F) << 6 | (b[i + 1] & 0x3F));
                i += 2;
            } else if ((c & 0xF0) == 0xE0) {
                out[n++] = (char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F));
                i += 3;
            } else {
                int cp = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return n;
    }

    private static int hexValue(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** RecordDecoder.bool: the literals, a string by Boolean.parseBoolean, or null. */
    private Boolean boolValue() {
        if (nullValue()) {
            return null;
        }
        byte c = peek();
        if (c == 't') {
            literal(TRUE);
            return Boolean.TRUE;
        }
        if (c == 'f') {
            literal(FALSE);
            return Boolean.FALSE;
        }
        int start = plainStringValue();
        int len = pos - 1 - start;
        if (len != 4) {
            return Boolean.FALSE;
        }
        for (int i = 0; i < 4; i++) {
            if ((b[start + i] | 0x20) != TRUE[i]) { // ASCII case-insensitive, as parseBoolean
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    /** RecordDecoder.raw: an object or array as written in the input, or null. */
    private String rawValue() {
        if (nullValue()) {
            return null;
        }
        byte c = peek();
        if (c != '{' && c != '[') {
            throw NotPlain.INSTANCE; // Jackson re-writes a scalar as JSON
        }
        int start = pos;
        skipValue(0);
        return new String(b, start, pos - start, StandardCharsets.UTF_8);
    }

    // ---- validating skips ----

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        byte c = peek();
        switch (c) {
            case '"':
                pos++;
                scanString();
                return;
            case '{':
                pos++;
                if (firstField()) {
                    do {
                        expect('"');
                        scanString();
                        skipSpace();
                        expect(':');
                        skipSpace();
                        skipValue(depth + 1);
                    } while (nextField());
                }
                return;
            case '[':
                pos++;
                if (firstElement()) {
                    do {
                        skipValue(depth + 1);
                    } while (nextElement());
                }
                return;
            case 't':
                literal(TRUE);
                return;
            case 'f':
                literal(FALSE);
                return;
            case 'n':
                if (!nullValue()) {
                    throw NotPlain.INSTANCE;
                }
                return;
            default:
                skipNumber();
        }
    }

    /** What the last string scanned holds: {@link #PLAIN} ASCII, or escapes and/or other non-ASCII bytes. */
    private int stringKind;
    private static final int PLAIN = 0;
    private static final int ESCAPED = 1;
    private static final int NOT_ASCII = 2;
    /** Where a string with escapes or non-ASCII characters is decoded. */
    private char[] chars = new char[256];

    /**
     * A string from after its opening quote to after its closing one, validated: escapes as JSON allows them,
     * no control character, UTF-8 as RFC 3629 defines it (no overlong form, surrogate or code point past U+10FFFF:
     * stricter than Jackson, which then reads the file). Sets {@link #stringKind}.
     */
    private void scanString() {
        byte[] b = this.b;
        int i = pos;
        int kind = PLAIN;
        while (true) {
            i = special(i);
            if (i >= end) {
                throw NotPlain.INSTANCE;
            }
            byte c = b[i++];
            if (c == '"') {
                pos = i;
                stringKind = kind;
                return;
            }
            if (c == '\\') {
                kind |= ESCAPED;
                if (i >= end) {
                    throw NotPlain.INSTANCE;
                }
                byte x = b[i++];
                if (x == 'u') {
                    if (i + 4 > end || !hex(b[i]) || !hex(b[i + 1]) || !hex(b[i + 2]) || !hex(b[i + 3])) {
                        throw NotPlain.INSTANCE;
                    }
                    i += 4;
                } else if (x != '"' && x != '\\' && x != '/' && x != 'b' && x != 'f' && x != 'n' && x != 'r'
                        && x != 't') {
                    throw NotPlain.INSTANCE;
                }
            } else if (c < 0) {
                kind |= NOT_ASCII;
                i = afterUtf8(i - 1);
            } else {
                throw NotPlain.INSTANCE; // a control character
            }
        }
    }

    /** The index after the valid UTF-8 sequence starting with the non-ASCII byte at {@code i}. */
    private int afterUtf8(int i) {
        int lead = b[i] & 0xFF;
        int n;
        int min = 0x80; // the second byte's range, narrowed where RFC 3629 says so
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 2;
            if (lead == 0xE0) {
                min = 0xA0; // overlong
            } else if (lead == 0xED) {
                max = 0x9F; // surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 3;
            if (lead == 0xF0) {
                min = 0x90; // overlong
            } else if (lead == 0xF4) {
                max = 0x8F; // past U+10FFFF
            }
        } else {
            throw NotPlain.INSTANCE;
        }
        if (i + n >= end) {
            throw NotPlain.INSTANCE;
        }
        int second = b[i + 1] & 0xFF;
        if (second < min || second > max) {
            throw NotPlain.INSTANCE;
        }
        for (int k = 2; k <= n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw NotPlain.INSTANCE;
            }
        }
        return i + n + 1;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /**
     * The index of the first byte at or after {@code i} that can end or interrupt a string: a quote, a backslash,
     * a control character or a byte of a non-ASCII character; {@code end} when there is none. Eight bytes at a
     * time (SWAR: a byte's high bit is set in {@code (x - 0x01..) & ~x} where x's byte is zero, and the lowest set
     * one is exact), which is where a decoder spends its time: most of a record's bytes are inside strings.
     */
    private int special(int i) {
        byte[] b = this.b;
        int end = this.end;
        for (; i + 8 <= end; i += 8) {
            long w = Words.at(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long hits = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((w - 0x20 * ONES) & ~w) | w;
            hits &= HIGH;
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) { // negative: not ASCII
                return i;
            }
        }
        return end;
    }

    private static boolean hex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** A number by the JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void skipNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        byte c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw NotPlain.INSTANCE;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        if (pos - start > 100) {
            throw NotPlain.INSTANCE; // Jackson limits number lengths
        }
    }

    /** One or more digits. */
    private void digits() {
        byte c = peek();
        if (c < '0' || c > '9') {
            throw NotPlain.INSTANCE;
        }
        do {
            pos++;
        } while (pos < end && b[pos] >= '0' && b[pos] <= '9');
    }

    private void literal(byte[] word) {
        if (end - pos < word.length || !Arrays.equals(b, pos, pos + word.length, word, 0, word.length)) {
            throw NotPlain.INSTANCE;
        }
        pos += word.length;
    }

    // ---- bytes ----

    private void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw NotPlain.INSTANCE;
        }
        return b[pos];
    }

    private byte next() {
        if (pos >= end) {
            throw NotPlain.INSTANCE;
        }
        return b[pos++];
    }

    private void expect(char c) {
        if (next() != c) {
            throw NotPlain.INSTANCE;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Not the common case: the caller parses with Jackson. Thrown often enough (once per such file) to be shared. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not plain CloudTrail JSON", null, false, false);
        }
    }
}
