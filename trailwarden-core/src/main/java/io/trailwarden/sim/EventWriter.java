package io.trailwarden.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes one {@link Ev} as a complete CloudTrail record, with the fields real records have, in their order.
 * Everything not held by the event (IDs, parameters) is derived from its {@code uid}: writing is deterministic.
 */
final class EventWriter {
    private static final String[] TLS = {"TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"};

    private EventWriter() {
    }

    static void write(JsonGenerator g, Ev e) throws IOException {
        Rng r = new Rng(e.uid);
        boolean serviceCall = e.who.type == Identity.Type.SERVICE || e.invokedBy != null
                || e.ip.startsWith("AWS Internal") || e.ip.endsWith(".amazonaws.com");
        g.writeStartObject();
        g.writeStringField("eventVersion", e.api.eventVersion);
        identity(g, e);
        g.writeStringField("eventTime", IsoTime.format(e.time));
        g.writeStringField("eventSource", e.api.source);
        g.writeStringField("eventName", e.api.name);
        g.writeStringField("awsRegion", e.region);
        g.writeStringField("sourceIPAddress", e.ip);
        g.writeStringField("userAgent", e.ua);
        if (e.errorCode != null) {
            g.writeStringField("errorCode", e.errorCode);
            if (e.errorMessage != null) {
                g.writeStringField("errorMessage", e.errorMessage);
            }
        }
        g.writeFieldName("requestParameters");
        Params.request(g, e, r);
        g.writeFieldName("responseElements");
        if (e.errorCode != null) {
            g.writeNull();
        } else {
            Params.response(g, e, r);
        }
        Params.additional(g, e, r);
        g.writeStringField("requestID", e.api.deny == Api.Deny.S3 ? Ids.upperHex(e.uid ^ 0x51L, 16)
                : Ids.uuid(e.uid ^ 0x7265714964L));
        g.writeStringField("eventID", Ids.uuid(e.uid));
        g.writeBooleanField("readOnly", e.api.readOnly);
        Params.resources(g, e);
        g.writeStringField("eventType", e.eventType);
        if (e.api.source.startsWith("s3.") && !e.api.data) {
            g.writeStringField("apiVersion", "2006-03-01");
        }
        g.writeBooleanField("managementEvent", !e.api.data);
        g.writeStringField("recipientAccountId", e.account);
        if (e.vpcEndpoint != null) {
            g.writeStringField("vpcEndpointId", e.vpcEndpoint);
            g.writeStringField("vpcEndpointAccountId", e.account);
        }
        g.writeStringField("eventCategory", e.api.data ? "Data" : "Management");
        if (e.session != null && e.session.console) {
            g.writeStringField("sessionCredentialFromConsole", "true");
        }
        if (!serviceCall && e.api != Api.get("ConsoleLogin")) {
            g.writeObjectFieldStart("tlsDetails");
            boolean v13 = (e.uid & 7) != 0;
            g.writeStringField("tlsVersion", v13 ? TLS[0] : TLS[2]);
            g.writeStringField("cipherSuite", v13 ? TLS[1] : TLS[3]);
            g.writeStringField("clientProvidedHostHeader", e.api.host(e.region));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void identity(JsonGenerator g, Ev e) throws IOException {
        Identity w = e.who;
        g.writeObjectFieldStart("userIdentity");
        switch (w.type) {
            case SERVICE -> {
                g.writeStringField("type", "AWSService");
                g.writeStringField("invokedBy", w.name);
            }
            case WEB_IDENTITY -> {
                g.writeStringField("type", "WebIdentityUser");
                String provider = "arn:aws:iam::" + w.account + ":oidc-provider/token.actions.githubusercontent.com";
                g.writeStringField("principalId", provider + ":sts.amazonaws.com:" + w.name);
                g.writeStringField("userName", w.name);
                g.writeStringField("identityProvider", provider);
            }
            case IAM_USER -> {
                g.writeStringField("type", "IAMUser");
                g.writeStringField("principalId", w.uniqueId);
                g.writeStringField("arn", w.arn);
                g.writeStringField("accountId", w.account);
                g.writeStringField("accessKeyId", e.accessKey());
                g.writeStringField("userName", w.name);
                if (e.session != null) {
                    g.writeObjectFieldStart("sessionContext");
                    g.writeObjectFieldStart("attributes");
                    g.writeStringField("creationDate", IsoTime.format(e.session.created));
                    g.writeStringField("mfaAuthenticated", Boolean.toString(e.session.mfa));
                    g.writeEndObject();
                    g.writeEndObject();
                }
                if (e.invokedBy != null) {
                    g.writeStringField("invokedBy", e.invokedBy);
                }
            }
            case ROLE -> {
                Session s = e.session;
                g.writeStringField("type", "AssumedRole");
                g.writeStringField("principalId", w.uniqueId + ":" + s.name);
                g.writeStringField("arn", w.assumedArn(s.name));
                g.writeStringField("accountId", w.account);
                g.writeStringField("accessKeyId", s.key);
                g.writeObjectFieldStart("sessionContext");
                g.writeObjectFieldStart("sessionIssuer");
                g.writeStringField("type", "Role");
                g.writeStringField("principalId", w.uniqueId);
                g.writeStringField("arn", w.arn);
                g.writeStringField("accountId", w.account);
                g.writeStringField("userName", w.name);
                g.writeEndObject();
                g.writeObjectFieldStart("webIdFederationData");
                g.writeEndObject();
                g.writeObjectFieldStart("attributes");
                g.writeStringField("creationDate", IsoTime.format(s.created));
                g.writeStringField("mfaAuthenticated", Boolean.toString(s.mfa));
                g.writeEndObject();
                if (s.sourceIdentity != null) {
                    g.writeStringField("sourceIdentity", s.sourceIdentity);
                }
                g.writeEndObject();
                if (e.invokedBy != null) {
                    g.writeStringField("invokedBy", e.invokedBy);
                }
            }
            default -> throw new IllegalStateException();
        }
        g.writeEndObject();
    }
}
