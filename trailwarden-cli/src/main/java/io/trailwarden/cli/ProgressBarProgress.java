package io.trailwarden.cli;

import io.trailwarden.engine.HuntRequest;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr over the bytes of the files read (only when stderr is a terminal). */
final class ProgressBarProgress implements HuntRequest.Progress {
    private ProgressBar bar;

    @Override
    public void start(int files, long bytes) {
        bar = new ProgressBarBuilder().setTaskName("hunt").setInitialMax(Math.max(1, bytes / 1024))
                .setUnit(" KiB", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void fileDone(String path, long bytes, long events) {
        if (bar != null) {
            bar.stepBy(bytes / 1024);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
        }
    }
}
