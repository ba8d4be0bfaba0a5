package io.trailwarden.sim;

import java.nio.file.Path;

/** Manual run: java ... io.trailwarden.sim.SimMain OUT DAYS SCALE */
public final class SimMain {
    public static void main(String[] a) throws Exception {
        Simulator.Options d = Simulator.Options.defaults(Path.of(a[0]));
        Simulator.Options o = new Simulator.Options(d.out(), Integer.parseInt(a[1]), 1, Double.parseDouble(a[2]), null,
                true, d.end(), 2, d.gzipLevel());
        Simulator.Result r = new Simulator(o).run();
        System.out.println(r.events() + " events, " + r.files() + " files, " + r.bytes() + " bytes, " + r.millis() + " ms");
    }
}
