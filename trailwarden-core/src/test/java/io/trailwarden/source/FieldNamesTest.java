package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldNamesTest {
    private final FieldNames names = new FieldNames("eventTime", "eventType", "eventName", "arn", "sourceIPAddress",
            "sessionCredentialFromConsole", "sessionContext", "");

    private int find(String json, String name) {
        byte[] b = json.getBytes(StandardCharsets.US_ASCII);
        int start = json.indexOf('"' + name + '"') + 1;
        return names.find(b, start, name.length());
    }

    @Test
    void eachNameIsFoundByItsIndexWhereverItSits() {
        assertThat(find("{\"eventTime\":1}", "eventTime")).isEqualTo(0);
        assertThat(find("{\"eventType\":1}", "eventType")).isEqualTo(1);
        assertThat(find("{\"eventName\":1}", "eventName")).isEqualTo(2);
        assertThat(find("{\"arn\":1}", "arn")).isEqualTo(3);
        assertThat(find("{\"sourceIPAddress\":1}", "sourceIPAddress")).isEqualTo(4);
        assertThat(find("{\"sessionCredentialFromConsole\":1}", "sessionCredentialFromConsole")).isEqualTo(5);
        assertThat(find("{\"sessionContext\":1}", "sessionContext")).isEqualTo(6);
        assertThat(find("{\"\":1}", "")).isEqualTo(7);
        assertThat(find("\"arn\"", "arn")).as("a short name at the very end of the array").isEqualTo(3);
    }

    @Test
    void prefixesExtensionsAndNearMissesAreNotFound() {
        for (String other : new String[] {"eventTim", "eventTimes", "eventtime", "ar", "arnx", "sessionCredentialFromConsolE",
            "sessionCredentialFromKonsole", "sessionContexts", "userAgent"}) {
            assertThat(find("{\"" + other + "\":1}", other)).as(other).isEqualTo(FieldNames.NONE);
        }
    }
}
