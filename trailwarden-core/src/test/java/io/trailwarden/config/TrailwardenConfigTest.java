package io.trailwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailwarden.detect.Detections;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.util.Times;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrailwardenConfigTest {

    private static TrailwardenConfig parse(String yaml) {
        return TrailwardenConfig.parse(yaml, "trailwarden.yaml");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrailwardenConfig c = TrailwardenConfig.defaults();
        assertThat(c.engineOptions().lateness()).isEqualTo(15 * Times.MINUTE);
        assertThat(c.engineOptions().suppressWindow()).isEqualTo(60 * Times.MINUTE);
        assertThat(c.engineOptions().profileRetention()).isEqualTo(90 * Times.DAY);
        assertThat(c.allowlist()).isEmpty();
        assertThat(c.detectors()).hasSize(Detections.all().size());
        assertThat(c.params(OffensiveUserAgent.ID).millis("window")).isEqualTo(14 * Times.DAY);
    }

    @Test
    void emptyFileMeansDefaults() {
        assertThat(parse("").detectors()).hasSize(Detections.all().size());
        assertThat(parse("# nothing\n").engineOptions()).isEqualTo(TrailwardenConfig.defaults().engineOptions());
    }

    @Test
    void unknownTopLevelKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse("latenes: 20m\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("trailwarden.yaml").hasMessageContaining("unknown key 'latenes'")
                .hasMessageContaining("lateness");
    }

    @Test
    void unknownDetectionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse("detections:\n  offensive-useragent:\n    window: 7d\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detections.offensive-useragent")
                .hasMessageContaining(OffensiveUserAgent.ID);
    }

    @Test
    void unknownParameterOfADetectionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse("detections:\n  offensive-user-agent:\n    windw: 7d\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'detections.offensive-user-agent.windw'")
                .hasMessageContaining("window");
    }

    @Test
    void unknownAllowlistRuleKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse("allowlists:\n  - name: vpn\n    cidr: [10.0.0.0/8]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowlists[1].cidr")
                .hasMessageContaining("cidrs");
    }

    @Test
    void badValuesAreErrorsNamingTheirKey() {
        assertThatThrownBy(() -> parse("lateness: soon\n")).isInstanceOf(ConfigException.class).hasMessageContaining("lateness");
        assertThatThrownBy(() -> parse("detections:\n  offensive-user-agent:\n    risk_tool: high\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detections.offensive-user-agent.risk_tool");
        assertThatThrownBy(() -> parse("allowlists:\n  - name: x\n    cidrs: [10.0.0.0/33]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowlists[1]");
        assertThatThrownBy(() -> parse("allowlists:\n  - name: nothing\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("matches nothing");
        assertThatThrownBy(() -> parse("allowlists:\n  - name: x\n    principals: ['*']\n    detections: [nope]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> parse("- a\n- b\n")).isInstanceOf(ConfigException.class).hasMessageContaining("mapping");
        assertThatThrownBy(() -> parse("lateness: [\n")).isInstanceOf(ConfigException.class).hasMessageContaining("YAML");
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> parse("lateness: -5m\n")).isInstanceOf(ConfigException.class).hasMessageContaining("lateness");
        assertThatThrownBy(() -> parse("detections:\n  offensive-user-agent:\n    window: -1d\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detections.offensive-user-agent.window");
    }

    @Test
    void enabledMustBeABooleanSoATypoNeverDisablesADetection() {
        assertThat(parse("detections:\n  offensive-user-agent:\n    enabled: false\n").detectors())
                .extracting(io.trailwarden.detect.Detector::id).doesNotContain("offensive-user-agent");
        assertThat(parse("detections:\n  offensive-user-agent:\n    enabled: true\n").detectors())
                .extracting(io.trailwarden.detect.Detector::id).contains("offensive-user-agent");
        assertThatThrownBy(() -> parse("detections:\n  offensive-user-agent:\n    enabled: yes please\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detections.offensive-user-agent.enabled");
        assertThatThrownBy(() -> parse("detections:\n  offensive-user-agent:\n    enabled: flase\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enabled");
    }

    @Test
    void valuesOverrideDefaults() {
        TrailwardenConfig c = parse("lateness: 30m\nsuppress_window: 2h\nprofile_retention: 30d\ngeo_dir: /geo\n"
                + "detections:\n  offensive-user-agent:\n    window: 7d\n    risk_tool: 80\n"
                + "allowlists:\n  - name: red-team\n    principals: ['arn:aws:iam::*:user/redteam-*']\n"
                + "  - cidrs: 203.0.113.0/24\n");
        assertThat(c.engineOptions().lateness()).isEqualTo(30 * Times.MINUTE);
        assertThat(c.engineOptions().suppressWindow()).isEqualTo(2 * Times.HOUR);
        assertThat(c.engineOptions().profileRetention()).isEqualTo(30 * Times.DAY);
        assertThat(c.geoDir()).isEqualTo("/geo");
        assertThat(c.params(OffensiveUserAgent.ID).millis("window")).isEqualTo(7 * Times.DAY);
        assertThat(c.params(OffensiveUserAgent.ID).integer("risk_tool")).isEqualTo(80);
        assertThat(c.allowlist()).extracting(r -> r.name()).containsExactly("red-team", "allowlist-2");
    }

    @Test
    void defaultsListingNamesEveryKeyOfEveryDetection() {
        String d = TrailwardenConfig.describeDefaults();
        for (String k : List.of("lateness: 15m", "suppress_window: 1h", "profile_retention: 90d", "geo_dir:",
                "detections:", "allowlists:")) {
            assertThat(d).contains(k);
        }
        for (DetectionInfo info : Detections.all()) {
            assertThat(d).contains("  " + info.id() + ":");
            for (Param p : info.params()) {
                assertThat(d).as(info.id() + "." + p.name()).containsPattern("(?m)^    " + p.name() + ": .*# .+");
            }
        }
    }

    @Test
    void defaultsListingIsItselfAValidConfigurationThatChangesNothing() {
        TrailwardenConfig c = parse(TrailwardenConfig.describeDefaults());
        TrailwardenConfig d = TrailwardenConfig.defaults();
        assertThat(c.engineOptions()).isEqualTo(d.engineOptions());
        assertThat(c.detectors()).hasSize(d.detectors().size());
        for (DetectionInfo info : Detections.all()) {
            for (Param p : info.params()) {
                assertThat(c.params(info.id()).get(p.name())).as(info.id() + "." + p.name()).isEqualTo(p.defaultValue());
            }
        }
    }

    @Test
    void listAndTextDefaultsAreWrittenSoYamlReadsThemBack() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> orgs = List.of("Amazon", "MongoDB, Inc.", "a: b", "# not a comment", "[x]", "it's \"quoted\"", "");
        assertThat(yaml.readValue("v: " + TrailwardenConfig.yamlValue(orgs), Map.class)).containsEntry("v", orgs);
        for (String s : List.of("plain", "x: y", "#hash", "yes", "null", "", "  padded ", "tab\tand\nnewline", "€")) {
            assertThat(yaml.readValue("v: " + TrailwardenConfig.yamlValue(s), Map.class)).as(s).containsEntry("v", s);
        }
        assertThat(TrailwardenConfig.yamlValue(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(TrailwardenConfig.yamlValue(47)).isEqualTo("47");
        assertThat(TrailwardenConfig.yamlValue(0.5)).isEqualTo("0.5");
    }

    @Test
    void paramsConvertYamlValuesToTheDefaultsTypes() {
        Params p = new Params("d", List.of(Param.integer("i", 1, "o"), Param.number("n", 1.5, "o"),
                Param.duration("w", Duration.ofHours(1), "o"), Param.strings("l", List.of("a"), "o"),
                Param.text("t", "x", "o"), new Param("b", Boolean.TRUE, "o")));
        p.set("i", "7").set("n", 2).set("w", "90s").set("l", List.of("b", 3)).set("t", 5).set("b", false);
        assertThat(p.integer("i")).isEqualTo(7);
        assertThat(p.number("n")).isEqualTo(2.0);
        assertThat(p.millis("w")).isEqualTo(90_000);
        assertThat(p.strings("l")).containsExactly("b", "3");
        assertThat(p.text("t")).isEqualTo("5");
        assertThat(p.bool("b")).isFalse();
        assertThatThrownBy(() -> p.set("l", "b")).isInstanceOf(ConfigException.class).hasMessageContaining("d.l must be a list");
        assertThatThrownBy(() -> p.set("b", "maybe")).isInstanceOf(ConfigException.class).hasMessageContaining("detections.d.b");
        assertThatThrownBy(() -> p.set("i", 2.5)).isInstanceOf(ConfigException.class).hasMessageContaining("detections.d.i");
    }
}
