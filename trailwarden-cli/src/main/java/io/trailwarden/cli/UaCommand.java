package io.trailwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.util.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trailwarden ua "STRING"... [--json]}: the parsed user agent and its family. */
@Command(name = "ua", mixinStandardHelpOptions = true,
        description = {"Parse AWS user agents as the detections see them: tool, versions, OS, penetration-testing",
            "distribution, offensive tool, and the family that new-user-agent compares."})
public final class UaCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "STRING", description = "user agents (quote each one)")
    List<String> agents;

    @Option(names = "--json", description = "one JSON object per user agent")
    boolean json;

    @Spec
    CommandSpec spec;

    public UaCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        UserAgentParser parser = new UserAgentParser();
        for (String ua : agents) {
            UserAgentInfo i = parser.parse(ua);
            String category = i.offensiveTool() == null ? null
                    : UserAgentParser.offensiveTool(i.offensiveTool()).map(UserAgentParser.OffensiveTool::category)
                    .orElse(null);
            if (json) {
                ObjectNode o = JSON.createObjectNode(); // JSON escapes control characters itself
                o.put("raw", i.raw());
                o.put("family", i.family());
                o.put("tool", i.tool());
                o.put("tool_version", i.toolVersion());
                o.put("language", i.language());
                o.put("language_version", i.languageVersion());
                o.put("os", i.os());
                o.put("distribution", i.distribution());
                o.put("offensive_tool", i.offensiveTool());
                o.put("offensive_category", category);
                out.println(o);
                continue;
            }
            out.println(Text.escapeControl(ua));
            out.println("  family        " + Text.escapeControl(i.family()));
            out.println("  tool          " + Text.escapeControl(i.tool())
                    + (i.toolVersion() != null ? " " + Text.escapeControl(i.toolVersion()) : ""));
            out.println("  language      " + dash(i.language())
                    + (i.languageVersion() != null ? " " + Text.escapeControl(i.languageVersion()) : ""));
            out.println("  os            " + dash(i.os()));
            out.println("  distribution  " + (i.distribution() != null
                    ? i.distribution() + " (penetration-testing distribution)" : "-"));
            out.println("  offensive     " + (i.offensiveTool() != null
                    ? i.offensiveTool() + " (" + category + ")" : "-"));
        }
        out.flush();
        return 0;
    }

    private static String dash(String s) {
        return s == null ? "-" : Text.escapeControl(s);
    }
}
