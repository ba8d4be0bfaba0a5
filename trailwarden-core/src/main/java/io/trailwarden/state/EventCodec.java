package io.trailwarden.state;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Binary form of a decoded event, for the reorder buffer in snapshots. */
public final class EventCodec {
    private EventCodec() {
    }

    public static void write(CloudTrailEvent e, DataOutput out) throws IOException {
        out.writeLong(e.time());
        for (String s : new String[] {e.eventId(), e.eventSource(), e.eventName(), e.region(), e.sourceIp(),
                e.userAgent(), e.errorCode(), e.errorMessage(), e.eventType(), e.recipientAccountId(),
                e.sharedEventId(), e.vpcEndpointId(), e.consoleLogin(), e.mintedAccessKeyId(), e.requestParameters()}) {
            Bin.writeString(out, s);
        }
        Bin.writeBoolean(out, e.readOnly());
        UserIdentity u = e.identity();
        for (String s : new String[] {u.type(), u.arn(), u.principalId(), u.accountId(), u.accessKeyId(), u.userName(),
                u.invokedBy(), u.issuerType(), u.issuerArn(), u.issuerName(), u.sourceIdentity()}) {
            Bin.writeString(out, s);
        }
        Bin.writeBoolean(out, u.mfaAuthenticated());
        Bin.writeBoolean(out, u.sessionCredentialFromConsole());
    }

    public static CloudTrailEvent read(DataInput in) throws IOException {
        CloudTrailEvent.Builder b = CloudTrailEvent.builder().time(in.readLong());
        b.eventId(Bin.readString(in)).eventSource(Bin.readString(in)).eventName(Bin.readString(in))
                .region(Bin.readString(in)).sourceIp(Bin.readString(in)).userAgent(Bin.readString(in))
                .errorCode(Bin.readString(in)).errorMessage(Bin.readString(in)).eventType(Bin.readString(in))
                .recipientAccountId(Bin.readString(in)).sharedEventId(Bin.readString(in))
                .vpcEndpointId(Bin.readString(in)).consoleLogin(Bin.readString(in))
                .mintedAccessKeyId(Bin.readString(in)).requestParameters(Bin.readString(in));
        b.readOnly(Bin.readBoolean(in));
        String type = Bin.readString(in), arn = Bin.readString(in), pid = Bin.readString(in), acct = Bin.readString(in);
        String key = Bin.readString(in), user = Bin.readString(in), invokedBy = Bin.readString(in);
        String it = Bin.readString(in), ia = Bin.readString(in), in2 = Bin.readString(in), si = Bin.readString(in);
        Boolean mfa = Bin.readBoolean(in), console = Bin.readBoolean(in);
        b.identity(new UserIdentity(type, arn, pid, acct, key, user, invokedBy, it, ia, in2, mfa, console, si));
        return b.build();
    }
}
