package io.trailwarden.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.evaluate.Evaluation;
import io.trailwarden.evaluate.Evaluator;
import io.trailwarden.evaluate.IncidentRecord;
import io.trailwarden.evaluate.Labels;
import io.trailwarden.evaluate.ResultFiles;
import io.trailwarden.util.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailwarden evaluate --labels FILE --findings FILE [--incidents FILE] [--json]}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score findings against a simulation's labels: per attack and expected detection whether it",
            "fired on the attack's credentials in its window, recall, false positives by severity and detection",
            "(naming the benign traps hit) and, with incidents, each attacked credential's rank by risk."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "labels.json written by 'trailwarden simulate'")
    Path labels;

    @Option(names = "--findings", required = true, paramLabel = "FILE", description = "findings.jsonl of a hunt")
    Path findings;

    @Option(names = "--incidents", paramLabel = "FILE", description = "incidents.jsonl of the same hunt")
    Path incidents;

    @Option(names = "--json", description = "print the evaluation as one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    public EvaluateCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Evaluation ev;
        try {
            Labels l = Labels.read(labels);
            List<IncidentRecord> inc = incidents == null ? null : ResultFiles.readIncidents(incidents);
            ev = Evaluator.evaluate(l, ResultFiles.readFindings(findings), inc);
        } catch (IOException | RuntimeException e) {
            err.println("trailwarden evaluate: " + Text.escapeControl(String.valueOf(e.getMessage())));
            err.flush();
            return 2;
        }
        if (json) {
            try {
                JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
                ev.writeJson(g);
                g.flush();
                out.println();
            } catch (IOException e) {
                err.println("trailwarden evaluate: " + Text.escapeControl(e.getMessage()));
                err.flush();
                return 1;
            }
        } else {
            out.print(ev.toText());
        }
        out.flush();
        return 0;
    }
}
